using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Localization;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Features.Notifications;
using Portal.Features.Tenders;

namespace Portal.Features.Alerts;

/// <summary>
/// Tells SMEs about the lots of a tender just published: users whose saved alerts match a lot, and the owners of the
/// best-fitting supplier profiles that are eligible for it. One notification per user and lot (key <c>alert:{lotId}</c>),
/// so running the job again, or on two nodes at once, tells nobody twice. Publishing enqueues it.
/// </summary>
public sealed class LotAlertJob(
    IDbContextFactory<PortalDbContext> contexts,
    LotMatching matching,
    IOptions<AlertOptions> options,
    IOptions<SmtpOptions> smtp,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<LotAlertJob> logger)
{
    public static string KeyFor(Guid lotId) => $"alert:{lotId}";

    /// <summary>How many new notifications were written.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task<int> RunAsync(Guid tenderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await db.Tenders.AsNoTracking().Include(t => t.Lots).SingleOrDefaultAsync(t => t.Id == tenderId, cancellationToken);
        if (tender is not { Status: TenderStatus.Published, DeadlineUtc: not null })
        {
            return 0;
        }
        var lots = tender.Lots.Where(l => l.Status == LotStatus.Open).ToList();
        var alerts = await db.LotAlerts.AsNoTracking()
            .Where(a => a.Category == null || a.Category == tender.Category)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var notifications = new List<Notification>();
        using var search = new SavedSearch();
        foreach (var lot in lots)
        {
            var reasons = ReasonsFromAlerts(alerts, search, tender, lot);
            foreach (var ranked in await matching.RankAsync(db, lot, options.Value.ProfileMatches, cancellationToken))
            {
                if (ranked.Eligibility.Eligible && ranked.Supplier.OwnerUserId is { } owner)
                {
                    reasons.GetOrAdd(owner).Add(new Phrase("it matches the profile of {0}, which is eligible to bid", ranked.Supplier.Name));
                }
            }
            notifications.AddRange(reasons.Select(r => Describe(r.Key, r.Value, tender, lot, now)));
        }

        var added = await AddNewAsync(db, notifications, cancellationToken);
        foreach (var notification in added)
        {
            NotificationEmailJob.Enqueue(jobs, smtp.Value, notification.Id);
        }
        logger.LogInformation("Alerts for tender {Tender}: {Count} new notifications about {Lots} lots.", tenderId, added.Count, lots.Count);
        return added.Count;
    }

    /// <summary>Per user, why their saved alerts pick this lot (none when no alert does).</summary>
    private static Dictionary<string, List<Phrase>> ReasonsFromAlerts(IEnumerable<LotAlert> alerts, SavedSearch search, Tender tender, Lot lot)
    {
        var reasons = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        var lotTerms = search.LotTerms(lot.Title, lot.Description, tender.Title);
        foreach (var alert in alerts)
        {
            if ((alert.ReservedOnly && !lot.ReservedForSmes) || (alert.Query is { } words && !search.Matches(words, lotTerms)))
            {
                continue;
            }
            reasons.GetOrAdd(alert.UserId).Add(alert.Query is { } query
                ? new Phrase("it matches your saved search \"{0}\"", query)
                : new Phrase("you follow the category {0}", CategoryName(tender.Category)));
        }
        return reasons;
    }

    /// <summary>A category by its English name, which is also the key of its Chinese name.</summary>
    private static object CategoryName(string key) =>
        Categories.All.FirstOrDefault(c => c.Key == key) is { } category ? Phrase.Of(category.NameEn) : key;

    private static Notification Describe(string userId, List<Phrase> reasons, Tender tender, Lot lot, DateTime now)
    {
        var body = lot.ReservedForSmes
            ? new Phrase("{0} published \"{1}\" (reserved for SMEs) of \"{2}\". You are told because {3}. Bids close {4}.",
                tender.Buyer, lot.Title, tender.Title, PhraseList.Join(reasons.Distinct()), tender.DeadlineUtc!.Value)
            : new Phrase("{0} published \"{1}\" of \"{2}\". You are told because {3}. Bids close {4}.",
                tender.Buyer, lot.Title, tender.Title, PhraseList.Join(reasons.Distinct()), tender.DeadlineUtc!.Value);
        return new Notification(userId,
            new Phrase("New lot: {0}", lot.Title),
            body,
            $"/lots/{lot.Id}",
            now,
            KeyFor(lot.Id));
    }

    /// <summary>
    /// Saves the notifications nobody has yet. Another node may save the same ones between the check and the save: the
    /// unique (user, key) index refuses them (or the two batches deadlock), and then each is saved on its own, in its
    /// own transaction, skipping those that now exist.
    /// </summary>
    private static async Task<IReadOnlyList<Notification>> AddNewAsync(PortalDbContext db, List<Notification> candidates, CancellationToken cancellationToken)
    {
        var keys = candidates.Select(n => n.Key).Distinct().ToList();
        var existing = (await db.Notifications.AsNoTracking()
                .Where(n => keys.Contains(n.Key))
                .Select(n => new { n.UserId, n.Key })
                .ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.Key))
            .ToHashSet();
        var fresh = candidates.Where(n => !existing.Contains((n.UserId, n.Key))).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }
        db.Notifications.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return fresh;
        }
        catch (Exception ex) when (ex is DbUpdateException || ex.InnerException is DbUpdateException)
        {
            // A duplicate key, or (PostgreSQL) a deadlock with another run inserting the same rows in another order,
            // which the execution strategy reports as a transient failure: nothing of this batch was saved.
            db.ChangeTracker.Clear();
        }
        var saved = new List<Notification>();
        foreach (var notification in fresh)
        {
            db.Notifications.Add(notification);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                saved.Add(notification);
            }
            catch (Exception ex) when (ex is DbUpdateException || ex.InnerException is DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Saved meanwhile by the same job on another node; any other failure is this job's to retry.
                if (!await db.Notifications.AnyAsync(n => n.UserId == notification.UserId && n.Key == notification.Key, cancellationToken))
                {
                    throw;
                }
            }
            db.ChangeTracker.Clear();
        }
        return saved;
    }
}

internal static class ReasonLists
{
    public static List<Phrase> GetOrAdd(this Dictionary<string, List<Phrase>> reasons, string userId) =>
        reasons.TryGetValue(userId, out var list) ? list : reasons[userId] = [];
}
