using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Benchmarks;

/// <summary>The results as Markdown: the table, the machine, how Lucene compares, and the cross-checks between engines.</summary>
internal sealed record BenchmarkReport(
    BenchmarkOptions Options,
    NeedMix Needs,
    int WarmUp,
    ProcessMemory Baseline,
    IReadOnlyList<EngineResult> Results,
    IReadOnlyList<SearchAnswer> EveryTermAnswers,
    string? Skipped,
    (string? Before, string? After) LoadAverage)
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    public void Write(TextWriter output)
    {
        var lucene = Results[0];
        var suppliers = Options.Suppliers;
        output.WriteLine("## Supplier search benchmark");
        output.WriteLine();
        output.WriteLine(string.Create(_invariant, $"{suppliers:N0} synthetic suppliers (seed {Options.Seed}); {Needs.Count:N0} needs timed one by one after a warm-up of {WarmUp}: "
            + $"{Needs.Short:N0} short (under 60 characters), {Needs.Count - Needs.Short:N0} lot-style, {Needs.Filtered:N0} with a filter; "
            + $"{Needs.MeanTerms:0.0} analysed terms per need on average (max {Needs.MaxTerms}). Page 1, 10 results, with the total count."));
        output.WriteLine();
        var load = LoadAverage is { Before: { } before, After: { } after } ? $"; load average {before} before the first build, {after} at the end" : "";
        output.WriteLine(string.Create(_invariant, $"Machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, "
            + $"{RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{load}."));
        output.WriteLine();
        output.WriteLine("| engine | build s | size MB | needs timed | p50 ms | p95 ms | p99 ms | memory MB |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in Results)
        {
            var memory = result.Memory is { } m ? string.Create(_invariant, $"{Megabytes(m.ManagedHeap):N0} heap / {Megabytes(m.WorkingSet):N0} WS") : "n/a (server process)";
            output.WriteLine(string.Create(_invariant, $"| {result.Engine} | {result.Build.TotalSeconds:0.0} | {Megabytes(result.SizeBytes):0.0} | {result.LatenciesMs.Length:N0} | "
                + $"{result.Percentile(50):0.00} | {result.Percentile(95):0.00} | {result.Percentile(99):0.00} | {memory} |"));
        }
        output.WriteLine();

        var peers = Results.Skip(1).ToList();
        if (peers.Count > 0)
        {
            var best = peers.MinBy(p => p.Percentile(95))!;
            var ratio = best.Percentile(95) / lucene.Percentile(95);
            output.WriteLine(ratio >= 1
                ? string.Create(_invariant, $"Lucene p95 is {ratio:0.0}× faster than the better peer ({best.Engine}, p95 {best.Percentile(95):0.00} ms).")
                : string.Create(_invariant, $"Lucene p95 is {1 / ratio:0.0}× slower than the better peer ({best.Engine}, p95 {best.Percentile(95):0.00} ms)."));
            output.WriteLine();
        }

        foreach (var result in Results)
        {
            output.WriteLine(string.Create(_invariant, $"- {result.Engine} build: {suppliers / result.Build.TotalSeconds:N0} suppliers/s; {result.BuildDetail}."));
        }
        var kept = lucene.Answers.Zip(EveryTermAnswers).Average(a => Overlap(a.First, a.Second));
        var largerTotals = lucene.Answers.Zip(EveryTermAnswers).Count(a => a.First.Total < a.Second.Total);
        output.WriteLine(string.Create(_invariant, $"- Lucene two-pass search vs matching with every term (no postings budget, not timed): {kept * 100:0.0}% of the "
            + $"top 10 are the same suppliers; every-term matching counts more matches for {largerTotals:N0} of {Needs.Count:N0} needs "
            + $"(suppliers that share only common words with the need)."));
        foreach (var peer in peers)
        {
            var sameTotal = peer.Answers.Zip(lucene.Answers).Count(a => a.First.Total == a.Second.Total);
            var overlap = peer.Answers.Zip(lucene.Answers).Average(a => Overlap(a.First, a.Second));
            var timedOut = peer.Answers.Count < Needs.Count
                ? $"; it answered {peer.Answers.Count:N0} of the {Needs.Count:N0} needs within the time limit, its percentiles are over those"
                : "";
            output.WriteLine(string.Create(_invariant, $"- {peer.Engine}: same total number of matches as Lucene for {sameTotal:N0} of {peer.Answers.Count:N0} needs{timedOut}; "
                + $"{overlap * 100:0}% of its top 10 also in Lucene's top 10 (different scoring functions)."));
        }
        output.WriteLine(string.Create(_invariant, $"- Memory: managed heap after a full collection / working set of this process after each engine's run. "
            + $"The process holds the corpus throughout: {Megabytes(Baseline.ManagedHeap):N0} MB heap / {Megabytes(Baseline.WorkingSet):N0} MB working set before the first build."));
        if (Skipped is not null)
        {
            output.WriteLine($"- {Skipped}");
        }
    }

    /// <summary>The share of one engine's top results that are in the other's top results.</summary>
    private static double Overlap(SearchAnswer answer, SearchAnswer reference) =>
        answer.Top.Count == 0 ? (reference.Top.Count == 0 ? 1 : 0) : answer.Top.Intersect(reference.Top).Count() / (double)answer.Top.Count;

    private static double Megabytes(long bytes) => bytes / 1048576.0;
}

/// <summary>What the timed needs are like.</summary>
internal sealed record NeedMix(int Count, int Short, int Filtered, double MeanTerms, int MaxTerms);
