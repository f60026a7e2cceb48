using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;

namespace Portal.Features.Bidding;

/// <summary>
/// Eligibility and sealed bidding for the signed-in SME, and reading bids once the deadline allows it. The deadline is
/// checked on the server's clock whatever the client sends; a lot found past its deadline is closed on the spot.
/// </summary>
public sealed class BidService(IDbContextFactory<PortalDbContext> contexts, AttachmentStore files, TimeProvider clock, ILogger<BidService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The caller's company's eligibility for a lot, requirement by requirement; null when the lot is not public.</summary>
    public async Task<EligibilityView?> EligibilityAsync(Guid lotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId && l.Status != LotStatus.Draft, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var supplier = await SupplierOfAsync(db, userId, cancellationToken);
        var result = lot.CheckEligibility(supplier, DateOnly.FromDateTime(Now));
        return new EligibilityView(result.Eligible, result.Checks.Select(RequirementResult.From).ToList());
    }

    /// <summary>
    /// Submits the caller's bid, or replaces it when it has one (a withdrawn bid is submitted again). Two submissions at
    /// the same moment end as one bid: the unique (lot, supplier) index refuses the second insert, which then replaces.
    /// </summary>
    public async Task<BidReceipt?> SubmitAsync(Guid lotId, string userId, decimal? priceYuan, string? proposal, CancellationToken cancellationToken = default)
    {
        var price = priceYuan ?? throw new DomainException("Enter your price in yuan.", "priceYuan");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
            {
                return null;
            }
            await CloseIfDueAsync(db, tender, Now, cancellationToken);
            var supplier = await SupplierOfAsync(db, userId, cancellationToken);
            var bid = await db.Bids.SingleOrDefaultAsync(b => b.LotId == lotId && b.SupplierId == supplier.Id, cancellationToken);
            var replaced = bid is not null;
            if (bid is null)
            {
                bid = Bid.Submit(tender, lot, supplier, SizeThresholdTable.Official, price, proposal ?? "", Now);
                db.Bids.Add(bid);
            }
            else
            {
                bid.Replace(tender, lot, supplier, SizeThresholdTable.Official, price, proposal ?? "", Now);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new BidReceipt(bid.Id, bid.SubmittedAtUtc, bid.Sha256, bid.Version, replaced, db.RecordedAuditHashOf(nameof(Bid), bid.Id));
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another request of the same supplier saved its bid first (an insert or a replacement): start again from it.
                logger.LogInformation(ex, "A simultaneous bid for lot {LotId} by supplier {SupplierId}; submitting again over it.", lotId, supplier.Id);
            }
        }
    }

    /// <summary>
    /// Withdraws the caller's bid before the deadline, deleting its attachments' files once the database has let them
    /// go; null when the lot is not public.
    /// </summary>
    public async Task<Bid?> WithdrawAsync(Guid lotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, _))
        {
            return null;
        }
        await CloseIfDueAsync(db, tender, Now, cancellationToken);
        var bid = await BidOfAsync(db, lotId, userId, cancellationToken)
            ?? throw DomainException.Conflict("Your company has no bid for this lot to withdraw.");
        var removed = bid.Withdraw(tender.DeadlineUtc!.Value, Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ChangedMeanwhile();
        }
        files.Delete(bid.Id, removed);
        return bid;
    }

    /// <summary>The caller's own bid for a lot (bidders may always read their own), or null.</summary>
    public async Task<BidView?> MineAsync(Guid lotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplierId = await db.Suppliers.Where(s => s.OwnerUserId == userId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
        var bid = supplierId is null
            ? null
            : await db.Bids.AsNoTracking().SingleOrDefaultAsync(b => b.LotId == lotId && b.SupplierId == supplierId, cancellationToken);
        if (bid is null || await ToViewsAsync(db, [bid], cancellationToken) is not [var view])
        {
            return null;
        }
        var entityId = bid.Id.ToString();
        var auditHash = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Bid) && e.EntityId == entityId)
            .OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        return view with { AuditHash = auditHash };
    }

    /// <summary>
    /// Every bid of a lot for its officers and assigned evaluators, after the deadline only. Throws a forbidden
    /// refusal before it, and for anyone else (administrators and other suppliers included); null when there is no lot.
    /// </summary>
    public async Task<IReadOnlyList<BidView>?> ForLotAsync(Guid lotId, string userId, bool isOfficer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        var reader = ReaderOf(lot, userId, isOfficer, isBidder: false);
        if (reader == BidReader.Other)
        {
            throw DomainException.Forbidden("Only the lot's officers and assigned evaluators read its bids.");
        }
        EnsureUnsealedFor(reader, tender, Now);
        var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId && b.Status == BidStatus.Active).ToListAsync(cancellationToken);
        return await ToViewsAsync(db, bids, cancellationToken);
    }

    /// <summary>The refusal when the bid was changed by another request between reading and saving it.</summary>
    internal static DomainException ChangedMeanwhile() =>
        DomainException.Conflict("Your bid was changed in another window meanwhile: reload it and try again.");

    /// <summary>Who the caller is to a bid of this lot: its bidder, one of the officers, an assigned evaluator or someone else.</summary>
    internal static BidReader ReaderOf(Lot lot, string userId, bool isOfficer, bool isBidder) =>
        isBidder ? BidReader.Bidder
        : isOfficer ? BidReader.Officer
        : lot.EvaluatorUserIds.Contains(userId) ? BidReader.AssignedEvaluator
        : BidReader.Other;

    /// <summary>Refuses, with the reason, a reader for whom the lot's bids are still sealed.</summary>
    internal static void EnsureUnsealedFor(BidReader reader, Tender tender, DateTime nowUtc)
    {
        if (tender.DeadlineUtc is not { } deadline || !Bid.MayBeReadBy(reader, deadline, nowUtc))
        {
            throw DomainException.Forbidden(tender.DeadlineUtc is { } d
                ? $"Bids are sealed until the deadline ({d:yyyy-MM-dd HH:mm} UTC): only their number can be seen before it."
                : "This lot is not published: it has no bids.");
        }
    }

    /// <summary>A published lot with its tender and the tender's other lots, tracked, in one query; null for drafts and unknown ids.</summary>
    internal static async Task<(Tender Tender, Lot Lot)?> PublishedLotAsync(PortalDbContext db, Guid lotId, CancellationToken cancellationToken)
    {
        var tender = await db.Tenders.Include(t => t.Lots)
            .SingleOrDefaultAsync(t => t.Lots.Any(l => l.Id == lotId && l.Status != LotStatus.Draft), cancellationToken);
        return tender is null ? null : (tender, tender.Lots.Single(l => l.Id == lotId));
    }

    /// <summary>Closes the tender's lots on the spot when the server's clock is past the deadline.</summary>
    internal static async Task CloseIfDueAsync(PortalDbContext db, Tender tender, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (tender.CloseIfDue(nowUtc).Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The caller's company's bid for a lot, tracked with its attachments, or null; refused without a company profile.</summary>
    internal static async Task<Bid?> BidOfAsync(PortalDbContext db, Guid lotId, string userId, CancellationToken cancellationToken)
    {
        var supplier = await SupplierOfAsync(db, userId, cancellationToken);
        return await db.Bids.SingleOrDefaultAsync(b => b.LotId == lotId && b.SupplierId == supplier.Id, cancellationToken);
    }

    private static async Task<Supplier> SupplierOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Suppliers.SingleOrDefaultAsync(s => s.OwnerUserId == userId, cancellationToken)
            ?? throw DomainException.Conflict("Create your company profile first: eligibility and bids are judged on it.");

    private static async Task<IReadOnlyList<BidView>> ToViewsAsync(PortalDbContext db, IReadOnlyList<Bid> bids, CancellationToken cancellationToken)
    {
        var ids = bids.Select(b => b.SupplierId).ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Name, SizeClass: s.SizeClass.ToKey()), cancellationToken);
        return bids.OrderBy(b => b.SubmittedAtUtc).Select(b => new BidView(
            b.Id, b.LotId, b.SupplierId, suppliers[b.SupplierId].Name, suppliers[b.SupplierId].SizeClass, b.PriceYuan, b.Proposal,
            b.Declaration, b.SubmittedAtUtc, b.Sha256, b.Version, b.Status.ToString().ToLowerInvariant(), b.WithdrawnAtUtc,
            b.Attachments.Select(AttachmentView.From).ToList())).ToList();
    }
}

public sealed record EligibilityView(bool Eligible, IReadOnlyList<RequirementResult> Requirements);

/// <summary>
/// The bidder's receipt: when the sealed content was received, its SHA-256, and the hash of the audit entry that
/// recorded it (anyone holding the receipt can later ask the verified audit trail for that entry).
/// </summary>
public sealed record BidReceipt(Guid BidId, DateTime SubmittedAt, string Sha256, int Version, bool Replaced, string AuditHash);

public sealed record BidView(
    Guid Id, Guid LotId, Guid SupplierId, string SupplierName, string SizeClass, decimal PriceYuan, string Proposal,
    string Declaration, DateTime SubmittedAt, string Sha256, int Version, string Status, DateTime? WithdrawnAt,
    IReadOnlyList<AttachmentView> Attachments)
{
    /// <summary>The hash of the audit entry of the bid's latest change; read for the bidder's own receipt only.</summary>
    public string? AuditHash { get; init; }
}

/// <summary>A PDF sealed with a bid, as listed with the bid (its bytes are downloaded separately).</summary>
public sealed record AttachmentView(Guid Id, string FileName, long SizeBytes, string Sha256, DateTime UploadedAt)
{
    public static AttachmentView From(BidAttachment attachment) =>
        new(attachment.Id, attachment.FileName, attachment.SizeBytes, attachment.Sha256, attachment.UploadedAtUtc);
}
