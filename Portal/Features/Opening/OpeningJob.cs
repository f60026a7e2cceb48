using Hangfire;

namespace Portal.Features.Opening;

/// <summary>
/// Begins the openings whose deadline has passed and completes those whose window has ended. Publishing schedules it
/// for the deadline, the opening for the window's end, and the portal runs it at start for what passed while it was
/// down. Its only argument is the cancellation token: no bid content ever reaches a job's arguments. Running it twice
/// changes nothing.
/// </summary>
public sealed class OpeningJob(OpeningService opening)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        await opening.BeginDueAsync(cancellationToken) + await opening.CompleteDueAsync(cancellationToken);
}
