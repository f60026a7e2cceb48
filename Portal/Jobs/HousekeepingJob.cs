using Hangfire;
using Portal.Data;
using Portal.Features.Reports;

namespace Portal.Jobs;

/// <summary>
/// Every hour, clears the data directory of files nobody will read again (decision 0017): the PDFs of report runs
/// started more than <c>Reports:KeepRunsForHours</c> ago (the runs show as expired), and temporary files a crash left
/// behind — bid attachment and certificate uploads never moved into place and half-written run records — once they are a day old.
/// Files in use, stored attachments and the database are never touched. Running twice, or on two nodes, does no harm.
/// </summary>
public sealed class HousekeepingJob(ReportRuns reports, AttachmentStore attachments, CertificateStore certificates, TimeProvider clock, ILogger<HousekeepingJob> logger)
{
    public const string RecurringJobId = "housekeeping";

    /// <summary>Hourly, at 40 minutes past: away from the nightly index rebuild and the monthly rating on the hour.</summary>
    public const string Schedule = "40 * * * *";

    /// <summary>How old a temporary file must be before it counts as left behind: no upload or write takes a day.</summary>
    public static readonly TimeSpan TemporaryFilesKeptFor = TimeSpan.FromDays(1);

    public static void AddRecurring(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<HousekeepingJob>(RecurringJobId, j => j.Run(), Schedule);

    // The next hour sweeps again; a retry would only repeat what that does.
    [AutomaticRetry(Attempts = 0)]
    public HousekeepingRun Run()
    {
        var runs = reports.Sweep(TemporaryFilesKeptFor);
        var uploads = attachments.SweepIncoming(clock.GetUtcNow().UtcDateTime - TemporaryFilesKeptFor)
            + certificates.SweepIncoming(clock.GetUtcNow().UtcDateTime - TemporaryFilesKeptFor);
        var run = new HousekeepingRun(runs.Expired, runs.Forgotten, runs.LeftOverFiles + uploads);
        logger.LogInformation("Housekeeping: {Expired} report runs expired, {Forgotten} forgotten, {Temporary} left-over files deleted.",
            run.ExpiredReportRuns, run.ForgottenReportRuns, run.TemporaryFiles);
        return run;
    }
}

/// <summary>What a housekeeping run removed.</summary>
public sealed record HousekeepingRun(int ExpiredReportRuns, int ForgottenReportRuns, int TemporaryFiles);
