using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tenders;

namespace Portal.Features.Tenders;

/// <summary>
/// Closes the lots of every tender whose bidding deadline has passed. Publishing schedules it for the deadline; the
/// portal also runs it at start, for deadlines that passed while it was down. Running it twice changes nothing.
/// </summary>
public sealed class LotClosingJob(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<LotClosingJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Tenders
            .Include(t => t.Lots)
            .Where(t => t.Status == TenderStatus.Published && t.DeadlineUtc <= now && t.Lots.Any(l => l.Status == LotStatus.Open))
            .ToListAsync(cancellationToken);
        var closed = due.SelectMany(t => t.CloseIfDue(now)).ToList();
        if (closed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Closed {Count} lots of {Tenders} tenders at their bidding deadline.", closed.Count, due.Count);
        }
        return closed.Count;
    }
}
