using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Search;

/// <summary>
/// Rebuilds the supplier index from the database as a background job (the admin page's "Rebuild now" and the nightly
/// schedule), reporting progress through <see cref="IndexRebuildStatus"/>. Hangfire creates it per run from the
/// container; tests call <see cref="RunAsync"/> directly.
/// </summary>
public sealed class IndexRebuildJob(
    IDbContextFactory<PortalDbContext> contexts, SupplierIndexer indexer, IndexRebuildStatus status, ILogger<IndexRebuildJob> logger)
{
    public const string RecurringJobId = "supplier-index-rebuild";

    /// <summary>
    /// Rebuilds unless a rebuild already runs on this node, in which case it returns at once: the running one already
    /// reads the current database. Failures are recorded for the page and rethrown so Hangfire shows and retries them.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = await CountSuppliersAsync(cancellationToken);
        if (!status.TryStart(total))
        {
            logger.LogInformation("A supplier index rebuild is already running on this node; this one is skipped.");
            return;
        }
        try
        {
            var report = await indexer.RebuildAsync(new StatusProgress(status), cancellationToken);
            status.Succeed(report.Suppliers);
        }
        catch (Exception ex)
        {
            status.Fail(ex is OperationCanceledException ? "The rebuild was cancelled (the server is stopping)." : ex.Message);
            throw;
        }
    }

    /// <summary>Suppliers in the database, the source of truth the index should match.</summary>
    public async Task<int> CountSuppliersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Suppliers.CountAsync(cancellationToken);
    }

    /// <summary>
    /// Reports on the indexing thread, in order; <see cref="Progress{T}"/> would post each report to the thread pool,
    /// where a late "1,000" could overwrite the final count.
    /// </summary>
    private sealed class StatusProgress(IndexRebuildStatus status) : IProgress<int>
    {
        public void Report(int value) => status.ReportProgress(value);
    }
}
