using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>The command line of <c>benchmark</c>: corpus size, number of needs, PostgreSQL server, working directory, seed.</summary>
internal sealed record BenchmarkOptions(int Suppliers, int Queries, string? PostgresConnectionString, string? OutputDirectory, int Seed)
{
    public static readonly string[] AllEngines = ["lucene", "sqlite", "postgres"];

    /// <summary>The engines to measure; Lucene always runs, it is what the others are compared with.</summary>
    public IReadOnlySet<string> Engines { get; init; } = AllEngines.ToHashSet();

    /// <summary>Searching time per engine and query set, after which the needs answered so far are reported.</summary>
    public TimeSpan EngineLimit { get; init; } = TimeSpan.FromMinutes(10);

    public const string PostgresVariable = "PORTAL_BENCH_POSTGRES";

    public const string Usage =
        "Usage: benchmark [--suppliers N] [--queries N] [--postgres \"<connection string>\"] [--out DIR] [--seed N]\n"
        + "  --suppliers  synthetic suppliers to index (default 100000)\n"
        + "  --queries    needs to search for, after a warm-up (default 1000)\n"
        + $"  --postgres   PostgreSQL server to compare with (default: ${PostgresVariable}; skipped when neither is set)\n"
        + "  --out        working directory, kept afterwards (default: a temporary directory, deleted at the end)\n"
        + "  --seed       random seed of the synthetic data (default 42)\n"
        + "  --engines    comma-separated engines to measure: lucene,sqlite,postgres (default all; lucene always runs)\n"
        + "  --engine-minutes  searching time per engine and query set; later needs are left out (default 10)";

    /// <summary>Reads the options; null with the reason when an option is unknown, lacks its value or is out of range.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        var options = new BenchmarkOptions(100_000, 1_000, environment(PostgresVariable), null, 42);
        error = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var (name, value) = (args[i], i + 1 < args.Count ? args[i + 1] : null);
            if (name is not ("--suppliers" or "--queries" or "--postgres" or "--out" or "--seed" or "--engines" or "--engine-minutes"))
            {
                error = $"Unknown option '{name}'.";
                return null;
            }
            if (value is null)
            {
                error = $"Option '{name}' needs a value.";
                return null;
            }
            switch (name)
            {
                case "--suppliers" when Positive(value) is { } suppliers:
                    options = options with { Suppliers = suppliers };
                    break;
                case "--queries" when Positive(value) is { } queries:
                    options = options with { Queries = queries };
                    break;
                case "--engine-minutes" when Positive(value) is { } minutes:
                    options = options with { EngineLimit = TimeSpan.FromMinutes(minutes) };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--postgres":
                    options = options with { PostgresConnectionString = value };
                    break;
                case "--engines" when ParseEngines(value) is { } engines:
                    options = options with { Engines = engines };
                    break;
                case "--engines":
                    error = $"Option '--engines' takes a comma-separated list of {string.Join(", ", AllEngines)}, not '{value}'.";
                    return null;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                default:
                    error = $"Option '{name}' needs a whole number{(name == "--seed" ? "" : " above zero")}, not '{value}'.";
                    return null;
            }
        }
        return options with { PostgresConnectionString = NullIfBlank(options.PostgresConnectionString) };
    }

    private static HashSet<string>? ParseEngines(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToHashSet();
        return names.Count > 0 && names.All(AllEngines.Contains) ? [.. names, "lucene"] : null;
    }

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
