using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// Benchmark mode only (<c>Benchmark:ReportProcessStats=true</c>, set by <c>benchmark deadline-rush</c> for the portal it
/// starts): writes the process's managed-memory figures to standard output twice a second, one line each, so that the
/// benchmark can report the server's GC heap without sharing its process. Never registered in a normal start.
/// </summary>
internal sealed class ProcessStatsReporter : BackgroundService
{
    public const string Setting = "Benchmark:ReportProcessStats";
    public const string Prefix = "bench-stats ";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}heap={GC.GetTotalMemory(false)} committed={info.TotalCommittedBytes} ws={Environment.WorkingSet} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause={GC.GetTotalPauseDuration().TotalMilliseconds:0} alloc={GC.GetTotalAllocatedBytes()} threads={ThreadPool.ThreadCount}"));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
