using Portal.Features.Reports;

namespace Portal.Tests.Features;

/// <summary>Waiting for a report run that the portal's Hangfire server generates.</summary>
internal static class ReportRunWaiting
{
    /// <summary>The run once it is no longer queued or running, or as it is after a minute.</summary>
    public static async Task<ReportRun> FinishedAsync(this ReportRuns runs, ReportRun run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (runs.Find(run.Id, run.UserId) is { State: ReportRunState.Queued or ReportRunState.Running } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return runs.Find(run.Id, run.UserId)!;
    }
}
