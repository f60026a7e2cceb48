using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Data;

/// <summary>
/// The lookups of a lot and its bids that bidding, the opening and evaluation share: one place, so that no feature
/// calls another's internals to find a lot, a caller's company or who may read a lot's bids.
/// </summary>
public static class LotLookups
{
    /// <summary>A published lot with its tender and the tender's other lots, tracked, in one query; null for drafts and unknown ids.</summary>
    public static async Task<(Tender Tender, Lot Lot)?> PublishedLotAsync(PortalDbContext db, Guid lotId, CancellationToken cancellationToken)
    {
        var tender = await db.Tenders.Include(t => t.Lots)
            .SingleOrDefaultAsync(t => t.Lots.Any(l => l.Id == lotId && l.Status != LotStatus.Draft), cancellationToken);
        return tender is null ? null : (tender, tender.Lots.Single(l => l.Id == lotId));
    }

    /// <summary>A published lot and its tender, read only; null for drafts and unknown ids.</summary>
    public static async Task<(Tender Tender, Lot Lot)?> PublishedLotReadOnlyAsync(PortalDbContext db, Guid lotId, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId && l.Status != LotStatus.Draft, cancellationToken);
        return lot is null ? null : (await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken), lot);
    }

    /// <summary>The company profile the user owns; refused (409) without one.</summary>
    public static async Task<Supplier> SupplierOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Suppliers.SingleOrDefaultAsync(s => s.OwnerUserId == userId, cancellationToken)
            ?? throw DomainException.Conflict("Create your company profile first: eligibility and bids are judged on it.");

    /// <summary>The caller's company's bid for a lot, tracked with its attachments, or null; refused without a company profile.</summary>
    public static async Task<Bid?> BidOfAsync(PortalDbContext db, Guid lotId, string userId, CancellationToken cancellationToken)
    {
        var supplier = await SupplierOfAsync(db, userId, cancellationToken);
        return await db.Bids.SingleOrDefaultAsync(b => b.LotId == lotId && b.SupplierId == supplier.Id, cancellationToken);
    }

    /// <summary>Who the caller is to a bid of this lot: its bidder, one of the officers, an assigned evaluator or someone else.</summary>
    public static BidReader ReaderOf(Lot lot, string userId, bool isOfficer, bool isBidder) =>
        isBidder ? BidReader.Bidder
        : isOfficer ? BidReader.Officer
        : lot.EvaluatorUserIds.Contains(userId) ? BidReader.AssignedEvaluator
        : BidReader.Other;

    /// <summary>Refuses, with the reason, a reader for whom the lot's bids are still sealed.</summary>
    public static void EnsureUnsealedFor(BidReader reader, Tender tender, DateTime nowUtc)
    {
        if (tender.DeadlineUtc is not { } deadline || !Bid.MayBeReadBy(reader, deadline, nowUtc))
        {
            throw DomainException.Forbidden(tender.DeadlineUtc is not null
                ? "Bids are sealed until the deadline: only their number can be seen before it."
                : "This lot is not published: it has no bids.");
        }
    }

    /// <summary>The user ids of the owners of the lot's bidders (withdrawn bids left out).</summary>
    public static Task<List<string>> BidderUserIdsAsync(PortalDbContext db, Guid lotId, CancellationToken cancellationToken) =>
        db.Bids.Where(b => b.LotId == lotId && b.Status != BidStatus.Withdrawn)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => s.OwnerUserId)
            .Where(o => o != null).Select(o => o!).Distinct().ToListAsync(cancellationToken);
}
