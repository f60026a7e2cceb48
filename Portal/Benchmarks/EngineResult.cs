using System.Diagnostics;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>What one engine measured: build, size, per-need latency, memory, and its answers for the cross-checks.</summary>
internal sealed record EngineResult(
    string Engine,
    TimeSpan Build,
    string BuildDetail,
    long SizeBytes,
    double[] LatenciesMs,
    ProcessMemory? Memory,
    IReadOnlyList<SearchAnswer> Answers)
{
    /// <summary>Builds the engine, runs the first needs unmeasured to warm it up, then times each need on its own.</summary>
    public static async Task<EngineResult> MeasureAsync(ISearchEngine engine, IReadOnlyList<SupplierQuery> needs, int warmUp, TimeSpan limit, TextWriter log)
    {
        log.WriteLine($"{engine.Name}: building…");
        var watch = Stopwatch.StartNew();
        var detail = await engine.BuildAsync();
        var build = watch.Elapsed;
        var size = await engine.SizeBytesAsync();
        log.WriteLine($"{engine.Name}: built in {build.TotalSeconds:0.0} s ({detail}); {size / 1048576.0:0.0} MB.");
        return await SearchAsync(engine, needs, warmUp, limit, log, build, detail, size);
    }

    /// <summary>
    /// Runs the first needs unmeasured, then times each need on its own until all are answered or the time limit is
    /// reached (the needs are in random order, so the ones answered are a fair sample).
    /// </summary>
    public static async Task<EngineResult> SearchAsync(
        ISearchEngine engine, IReadOnlyList<SupplierQuery> needs, int warmUp, TimeSpan limit, TextWriter log, TimeSpan build, string detail, long size)
    {
        log.WriteLine($"{engine.Name}: searching…");
        foreach (var need in needs.Take(warmUp))
        {
            await engine.SearchAsync(need);
        }
        var latencies = new List<double>(needs.Count);
        var answers = new List<SearchAnswer>(needs.Count);
        var searching = Stopwatch.StartNew();
        for (var i = 0; i < needs.Count && searching.Elapsed < limit; i++)
        {
            var start = Stopwatch.GetTimestamp();
            answers.Add(await engine.SearchAsync(needs[i]));
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var result = new EngineResult(engine.Name, build, detail, size, [.. latencies], engine.InProcess ? ProcessMemory.Measure() : null, answers);
        log.WriteLine($"{engine.Name}: {answers.Count:N0} needs; p50 {result.Percentile(50):0.00} ms, p95 {result.Percentile(95):0.00} ms, p99 {result.Percentile(99):0.00} ms.");
        return result;
    }

    /// <summary>The latency below which <paramref name="percent"/>% of the needs were answered (nearest rank).</summary>
    public double Percentile(double percent)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>The live managed heap after a full collection and the working set of the whole process, in bytes.</summary>
internal sealed record ProcessMemory(long ManagedHeap, long WorkingSet)
{
    public static ProcessMemory Measure() => new(GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
}
