using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Portal -- benchmark [options]</c>: the supplier search (Lucene.Net) against SQLite
/// FTS5 and PostgreSQL full-text search on the same synthetic corpus, the same analysed terms, the same filters and
/// the same page of ten with a total count. Progress goes to stderr, the Markdown report to stdout. See
/// docs/benchmarks.md.
/// </summary>
public static class SearchBenchmark
{
    /// <summary>"Now" for the whole run, the day the seed data describes: certificate validity and project ages depend on it.</summary>
    private static readonly DateTime _now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private const int WarmUp = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkOptions.Parse(args, Environment.GetEnvironmentVariable, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\n{BenchmarkOptions.Usage}");
            return 2;
        }
        var log = Console.Error;
        var directory = options.OutputDirectory ?? Path.Combine(Path.GetTempPath(), "portal-benchmark-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var report = await RunAsync(options, directory, log);
            report.Write(Console.Out);
            return 0;
        }
        finally
        {
            if (options.OutputDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<BenchmarkReport> RunAsync(BenchmarkOptions options, string directory, TextWriter log)
    {
        var today = DateOnly.FromDateTime(_now);
        var seeds = await SeedVocabulary.LoadAsync();
        await log.WriteLineAsync($"Generating {options.Suppliers:N0} suppliers and {options.Queries:N0} needs (seed {options.Seed})…");
        var suppliers = SyntheticSuppliers.Generate(seeds, options.Suppliers, options.Seed, _now);
        NeedMix mix;
        List<SupplierQuery> needs;
        using (var analyzer = new PortalAnalyzer())
        {
            // Needs get their own random sequence, so that they do not change with the number of suppliers.
            needs = SyntheticNeeds.Generate(seeds, options.Queries, options.Seed + 1, analyzer);
            var terms = needs.Select(n => IndexTokens.Query(analyzer, n.Text ?? "").Count).ToList();
            mix = new NeedMix(needs.Count, needs.Count(n => n.Text!.Length < 60), needs.Count(n => n.HasFilters), terms.Average(), terms.Max());
        }
        var baseline = ProcessMemory.Measure();
        var loadBefore = LoadAverage();
        var warmUp = Math.Min(WarmUp, needs.Count);

        var results = new List<EngineResult>();
        IReadOnlyList<SearchAnswer> everyTerm;
        Func<SupplierQuery, IReadOnlyList<string>> firstPassTerms;
        await using (var lucene = new LuceneEngine(Path.Combine(directory, "lucene"), new FixedClock(_now), suppliers))
        {
            results.Add(await EngineResult.MeasureAsync(lucene, needs, warmUp, options.EngineLimit, log));
            await log.WriteLineAsync("Lucene.Net: the same needs matched with every term, for comparison…");
            everyTerm = lucene.EveryTermAnswers(needs);
            firstPassTerms = lucene.FirstPassTerms(needs);
        }
        // Each peer answers the needs twice: with every term (as it would on its own), then with the terms of Lucene's
        // first pass, so that it does no more work than Lucene's first pass does.
        if (options.Engines.Contains("sqlite"))
        {
            await using var sqlite = new SqliteFtsEngine(Path.Combine(directory, "fts5.db"), suppliers, today);
            results.AddRange(await MeasureTwiceAsync(sqlite, () => sqlite.PlannedTerms = firstPassTerms));
        }
        string? skipped = null;
        if (!options.Engines.Contains("postgres"))
        {
            skipped = "PostgreSQL was not asked for (--engines).";
        }
        else if (options.PostgresConnectionString is { } connectionString)
        {
            await using var postgres = await PostgresFtsEngine.CreateAsync(connectionString, suppliers, today);
            results.AddRange(await MeasureTwiceAsync(postgres, () => postgres.PlannedTerms = firstPassTerms));
        }
        else
        {
            skipped = $"PostgreSQL was skipped: neither --postgres nor {BenchmarkOptions.PostgresVariable} gives a server.";
            await log.WriteLineAsync(skipped);
        }

        async Task<EngineResult[]> MeasureTwiceAsync(ISearchEngine engine, Action usePlannedTerms)
        {
            var all = await EngineResult.MeasureAsync(engine, needs, warmUp, options.EngineLimit, log);
            usePlannedTerms();
            var planned = await EngineResult.SearchAsync(engine, needs, warmUp, options.EngineLimit, log, all.Build, all.BuildDetail, all.SizeBytes);
            return [all, planned];
        }
        return new BenchmarkReport(options, mix, warmUp, baseline, results, everyTerm, skipped, (loadBefore, LoadAverage()));
    }

    /// <summary>The 1, 5 and 15 minute load averages where the system shows them (Linux), for judging how quiet the machine was.</summary>
    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}
