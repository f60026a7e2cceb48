using Portal.Domain;

namespace Portal.Features.Reports;

/// <summary>
/// Generates a report run in the background (Hangfire), reporting its progress to the run's record as it goes. A broken
/// rule (a bad period) fails the run with its message; anything else fails it too and is logged, without a retry.
/// </summary>
public sealed class ReportRunJob(ReportService reports, ReportRuns runs, ILogger<ReportRunJob> logger)
{
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (runs.Read(runId) is not { State: ReportRunState.Queued } run)
        {
            return;
        }
        runs.Progress(run, 0);
        var lastShown = 0.0;
        try
        {
            // The run was started from the reports page, which only officials and administrators reach; the PDF is in the
            // language of the user who asked, stored with the run.
            var outcome = await reports.BuildAsync(new ReportRequest(run.Kind, run.From, run.To, SystemId: run.SystemId), new ReportReader(run.UserId, IsOfficial: true, Culture: ReportReader.LanguageOf(run.Language)),
                done =>
                {
                    if (done - lastShown >= 0.05)
                    {
                        lastShown = done;
                        runs.Progress(run, done);
                    }
                },
                cancellationToken);
            if (outcome.File is { } file)
            {
                runs.Complete(run, file);
            }
            else
            {
                runs.Fail(run, outcome.Problem ?? Phrase.Of("The report could not be generated."));
            }
        }
        catch (DomainException ex)
        {
            runs.Fail(run, ex.Phrase);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Report run {RunId} ({Kind}) failed.", run.Id, run.Kind);
            runs.Fail(run, Phrase.Of("The report could not be generated; the error is in the portal's log."));
        }
    }
}
