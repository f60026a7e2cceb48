using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;

namespace Portal.Features.Bidding;

/// <summary>
/// Eligibility and sealed bidding for the signed-in SME, and reading bids once the deadline allows it. The deadline is
/// checked on the server's clock whatever the client sends. The portal receives bids sealed by their bidders
/// (<see cref="SealedEnvelope"/>): it stores ciphertext and cannot read a price or a proposal before the opening.
/// </summary>
public sealed class BidService(
    IDbContextFactory<PortalDbContext> contexts, AttachmentStore files, TimeProvider clock, IStringLocalizer<SharedResource> text, ILogger<BidService> logger)
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
        var supplier = await LotLookups.SupplierOfAsync(db, userId, cancellationToken);
        var result = lot.CheckEligibility(supplier, DateOnly.FromDateTime(Now));
        return new EligibilityView(result.Eligible, result.Checks.Select(RequirementResult.From).ToList());
    }

    /// <summary>
    /// Submits the caller's sealed bid, or replaces it when it has one (a withdrawn bid is submitted again; a
    /// replacement drops the documents sealed under the previous key). Two submissions at the same moment end as one
    /// bid: the unique (lot, supplier) index refuses the second insert, which then replaces.
    /// </summary>
    public async Task<BidReceipt?> SubmitAsync(Guid lotId, string userId, SealedEnvelope envelope, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
            {
                return null;
            }
            var supplier = await LotLookups.SupplierOfAsync(db, userId, cancellationToken);
            var bid = await db.Bids.SingleOrDefaultAsync(b => b.LotId == lotId && b.SupplierId == supplier.Id, cancellationToken);
            var replaced = bid is not null;
            IReadOnlyList<BidAttachment> dropped = [];
            if (bid is null)
            {
                bid = Bid.Submit(tender, lot, supplier, SizeThresholdTable.Official, envelope, Now);
                db.Bids.Add(bid);
            }
            else
            {
                dropped = bid.Replace(tender, lot, supplier, SizeThresholdTable.Official, envelope, Now);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                files.Delete(bid.Id, dropped);
                return new BidReceipt(bid.Id, bid.SubmittedAtUtc, bid.Sha256, bid.Version, replaced, db.RecordedAuditHashOf(nameof(Bid), bid.Id), dropped.Count);
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
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, _))
        {
            return null;
        }
        var bid = await LotLookups.BidOfAsync(db, lotId, userId, cancellationToken)
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
    /// Every bid of a lot for its officers and assigned evaluators, from the deadline on: the content of those opened at
    /// the opening, the status and reason of the others. Throws a forbidden refusal before it, and for anyone else
    /// (administrators and other suppliers included); null when there is no lot.
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
        var reader = LotLookups.ReaderOf(lot, userId, isOfficer, isBidder: false);
        if (reader == BidReader.Other)
        {
            throw DomainException.Forbidden("Only the lot's officers and assigned evaluators read its bids.");
        }
        LotLookups.EnsureUnsealedFor(reader, tender, Now);
        var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId && b.Status != BidStatus.Withdrawn).ToListAsync(cancellationToken);
        return await ToViewsAsync(db, bids, cancellationToken);
    }

    /// <summary>The refusal when the bid was changed by another request between reading and saving it.</summary>
    internal static DomainException ChangedMeanwhile() =>
        DomainException.Conflict("Your bid was changed in another window meanwhile: reload it and try again.");

    private async Task<IReadOnlyList<BidView>> ToViewsAsync(PortalDbContext db, IReadOnlyList<Bid> bids, CancellationToken cancellationToken)
    {
        var ids = bids.Select(b => b.SupplierId).ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Name, SizeClass: s.SizeClass.ToKey()), cancellationToken);
        return bids.OrderBy(b => b.SubmittedAtUtc).Select(b => new BidView(
            b.Id, b.LotId, b.SupplierId, suppliers[b.SupplierId].Name, suppliers[b.SupplierId].SizeClass, b.PriceYuan, b.Proposal,
            b.Declaration, b.SubmittedAtUtc, b.Sha256, b.Version, b.Status, b.WithdrawnAtUtc,
            b.Attachments.Select(AttachmentView.From).ToList(),
            b.OpenedAtUtc, b.Fault is { } fault ? RequirementKinds.Camel(fault.ToString()) : null,
            b.Fault is { } why ? text[Labels.OpeningFaultResourceKey(why), b.FaultDetail ?? ""].Value : null)).ToList();
    }
}

public sealed record EligibilityView(bool Eligible, IReadOnlyList<RequirementResult> Requirements);

/// <summary>
/// The bidder's receipt: when the sealed content was received, its SHA-256 (over the ciphertexts, see docs/api.md), and
/// the hash of the audit entry that recorded it (anyone holding the receipt can later ask the verified audit trail for
/// that entry). <see cref="DroppedAttachments"/> says how many documents sealed under the previous key a replacement removed.
/// </summary>
public sealed record BidReceipt(Guid BidId, DateTime SubmittedAt, string Sha256, int Version, bool Replaced, string AuditHash, int DroppedAttachments);

/// <summary>
/// A bid as its bidder, or after the deadline the lot's officers and evaluators, see it: its price and proposal only
/// from the opening on (null while sealed), its status, and why it is invalid or void.
/// </summary>
public sealed record BidView(
    Guid Id, Guid LotId, Guid SupplierId, string SupplierName, string SizeClass, decimal? PriceYuan, string? Proposal,
    string Declaration, DateTime SubmittedAt, string Sha256, int Version, BidStatus Status, DateTime? WithdrawnAt,
    IReadOnlyList<AttachmentView> Attachments, DateTime? OpenedAt, string? ReasonCode, string? Reason)
{
    /// <summary>The hash of the audit entry of the bid's latest change; read for the bidder's own receipt only.</summary>
    public string? AuditHash { get; init; }
}

/// <summary>A sealed document of a bid, as listed with the bid (its bytes are downloaded separately, decrypted after the opening).</summary>
public sealed record AttachmentView(Guid Id, string FileName, long SizeBytes, string Sha256, DateTime UploadedAt)
{
    public static AttachmentView From(BidAttachment attachment) =>
        new(attachment.Id, attachment.FileName, attachment.SizeBytes, attachment.Sha256, attachment.UploadedAtUtc);
}
