using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;
using Portal.Features.Notifications;
using Portal.Features.Tenders;

namespace Portal.Features.Opening;

/// <summary>
/// The online opening (开标, 电子招标投标办法 Art. 34–35): at the deadline a lot moves to its opening and its bidders are
/// told; each bidder decrypts its own bid with its opening key within the window; when every bid is opened, or the
/// window ends, bids still sealed are void and the opening record is published. Every rule is the domain's
/// (<see cref="Bid.Unseal"/>, <see cref="Lot.CompleteOpening"/>); this class loads, saves, schedules and notifies.
/// </summary>
public sealed class OpeningService(
    IDbContextFactory<PortalDbContext> contexts,
    AttachmentStore files,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    IOptions<SmtpOptions> smtp,
    IStringLocalizer<SharedResource> text,
    ILogger<OpeningService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Begins the opening of every lot whose deadline has passed and tells its bidders; a lot without sealed bids is
    /// closed at once. Schedules the end of each window. Returns how many lots it moved.
    /// </summary>
    public async Task<int> BeginDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Tenders.Include(t => t.Lots)
            .Where(t => t.Status == TenderStatus.Published && t.DeadlineUtc <= now && t.Lots.Any(l => l.Status == LotStatus.Open))
            .ToListAsync(cancellationToken);
        var begun = due.SelectMany(t => t.BeginOpeningIfDue(now).Select(l => (Tender: t, Lot: l))).ToList();
        if (begun.Count == 0)
        {
            return 0;
        }
        var lotIds = begun.Select(b => b.Lot.Id).ToList();
        var bids = await db.Bids.Where(b => lotIds.Contains(b.LotId)).ToListAsync(cancellationToken);
        var notifications = new List<Notification>();
        var officers = await db.UserIdsInRoleAsync(Roles.Officer, cancellationToken);
        foreach (var (tender, lot) in begun)
        {
            var lotBids = bids.Where(b => b.LotId == lot.Id).ToList();
            var owners = await OwnersAsync(db, lotBids.Where(b => b.Status == BidStatus.Sealed), cancellationToken);
            foreach (var owner in owners)
            {
                notifications.Add(new Notification(owner,
                    new Phrase("Opening: decrypt your bid for \"{0}\"", lot.Title),
                    new Phrase("The bidding deadline has passed and the opening has begun. Decrypt your bid with your opening key on the lot's page by {0}; a bid not decrypted by then is void and treated as withdrawn (Measures for Electronic Bidding, Art. 35).",
                        lot.OpeningEndsAtUtc!.Value),
                    $"/lots/{lot.Id}", now, $"opening:{lot.Id:N}"));
            }
            if (lot.CompleteOpening(lotBids, now) is not null)
            {
                notifications.AddRange(Completed(lot, lotBids, owners.Concat(officers).Distinct(), now));
            }
        }
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync(cancellationToken);
        Notify(notifications);
        foreach (var end in begun.Where(b => b.Lot.Status == LotStatus.Opening).Select(b => b.Lot.OpeningEndsAtUtc!.Value).Distinct())
        {
            jobs.Schedule<OpeningJob>(j => j.RunAsync(CancellationToken.None), new DateTimeOffset(end, TimeSpan.Zero));
        }
        logger.LogInformation("Began the opening of {Count} lots at their bidding deadline.", begun.Count);
        return begun.Count;
    }

    /// <summary>Completes the openings whose window has ended: bids still sealed are void. Returns how many lots it closed.</summary>
    public async Task<int> CompleteDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lotIds = await db.Lots.Where(l => l.Status == LotStatus.Opening && l.OpeningEndsAtUtc <= now).Select(l => l.Id).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var lotId in lotIds)
        {
            closed += await CompleteIfDoneAsync(lotId, cancellationToken) ? 1 : 0;
        }
        return closed;
    }

    /// <summary>
    /// The caller's bid opened with its key in the lot's opening window; the opening is completed when it was the
    /// last sealed bid. A key that does not open the bid is refused (400 naming <c>key</c>) and changes nothing. Null
    /// when the lot is not public.
    /// </summary>
    public async Task<OpenedBid?> UnsealAsync(Guid lotId, string userId, string? key, CancellationToken cancellationToken = default)
    {
        var keyBytes = SealedEnvelope.ParseKey(key);
        // A request that arrives just after the deadline, before the scheduled job ran, begins the opening itself.
        await BeginDueAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (_, var lot))
        {
            return null;
        }
        var bid = await LotLookups.BidOfAsync(db, lotId, userId, cancellationToken)
            ?? throw DomainException.Forbidden("Only a bidder decrypts its own bid, and your company has no bid for this lot.");
        bid.Unseal(lot, keyBytes, attachment => files.ReadSealed(bid.Id, attachment), Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Conflict("This bid is already opened: its record stands.");
        }
        if (bid.Status == BidStatus.Invalid)
        {
            logger.LogWarning("Bid {BidId} of lot {LotId} opened but is invalid: {Fault}.", bid.Id, lotId, bid.Fault);
        }
        await CompleteIfDoneAsync(lotId, cancellationToken);
        return new OpenedBid(bid.Id, bid.Status, bid.PriceYuan, bid.Proposal, bid.OpenedAtUtc!.Value,
            bid.Attachments.Select(a => new OpenedAttachment(a.Id, a.FileName, a.SizeBytes - SealedEnvelope.IvBytes - SealedEnvelope.TagBytes,
                $"/api/v1/lots/{lotId}/bids/{bid.Id}/attachments/{a.Id}")).ToList(),
            ReasonCode(bid), Reason(bid));
    }

    /// <summary>
    /// The opening record (开标记录) of a lot: the lot, when its opening began and ends, and each bidder with its size
    /// class, status, price (opened bids) and reason, its submission time and receipt. Readable by the lot's bidders,
    /// officers, assigned evaluators, officials and administrators, and by anyone once the lot is awarded. Refused
    /// (409) before the opening; null when there is no published lot with this id.
    /// </summary>
    public async Task<OpeningRecord?> RecordAsync(Guid lotId, OpeningReader reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotReadOnlyAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        if (tender.Status == TenderStatus.Imported)
        {
            throw DomainException.Conflict("This lot is imported: its opening took place in its own system.");
        }
        if (lot.Status == LotStatus.Open || lot.OpeningStartedAtUtc is null)
        {
            throw DomainException.Conflict("The opening begins at the bidding deadline: there is no opening record before it.");
        }
        var rows = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId && b.Status != BidStatus.Withdrawn)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { Bid = b, s.Name, s.OwnerUserId })
            .ToListAsync(cancellationToken);
        var publicRecord = lot.Status is LotStatus.Awarded or LotStatus.Contracted;
        var mayRead = publicRecord || reader.IsOfficer || reader.IsOfficial || reader.IsAdmin
            || lot.EvaluatorUserIds.Contains(reader.UserId) || rows.Any(r => r.OwnerUserId == reader.UserId && reader.UserId.Length > 0);
        if (!mayRead)
        {
            throw reader.UserId.Length == 0
                ? DomainException.Forbidden("The opening record is public once the lot is awarded; until then its bidders, officers, evaluators and officials read it.")
                : DomainException.Forbidden("The opening record is for the lot's bidders, officers, evaluators, officials and administrators until the lot is awarded.");
        }
        return new OpeningRecord(
            lot.Id, tender.Id, tender.Title, tender.Buyer, lot.Number, lot.Title, lot.Status, tender.DeadlineUtc!.Value,
            lot.OpeningStartedAtUtc.Value, lot.OpeningEndsAtUtc!.Value, lot.OpeningClosedAtUtc,
            rows.OrderBy(r => r.Bid.SubmittedAtUtc).ThenBy(r => r.Bid.Id).Select(r => new OpeningRecordBid(
                r.Bid.Id, r.Bid.SupplierId, r.Name, Portal.Domain.Suppliers.SizeClassExtensions.ToKey(r.Bid.SizeClass), r.Bid.Status, r.Bid.PriceYuan, ReasonCode(r.Bid), Reason(r.Bid),
                r.Bid.SubmittedAtUtc, r.Bid.OpenedAtUtc, r.Bid.Sha256)).ToList());
    }

    /// <summary>
    /// Completes a lot's opening when it is done (no bid left sealed, or the window over) and tells its bidders and the
    /// officers; true when this call closed it. Two callers at once: the notifications' keys let one of them win.
    /// </summary>
    private async Task<bool> CompleteIfDoneAsync(Guid lotId, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.SingleAsync(l => l.Id == lotId, cancellationToken);
        // Within the window a lot with a bid still sealed stays in its opening (Lot.CompleteOpening): one indexed
        // query says so, instead of loading every bid of the lot at each bidder's unsealing (500 bidders: 125,000
        // tracked bids for one opening, most of the unsealing's time in benchmark deadline-rush).
        if (lot.Status == LotStatus.Opening && now < lot.OpeningEndsAtUtc
            && await db.Bids.AnyAsync(b => b.LotId == lotId && b.Status == BidStatus.Sealed, cancellationToken))
        {
            return false;
        }
        var bids = await db.Bids.Where(b => b.LotId == lotId).ToListAsync(cancellationToken);
        if (lot.CompleteOpening(bids, now) is null)
        {
            return false;
        }
        var owners = await OwnersAsync(db, bids.Where(b => b.Status != BidStatus.Withdrawn), cancellationToken);
        var officers = await db.UserIdsInRoleAsync(Roles.Officer, cancellationToken);
        var notifications = Completed(lot, bids, owners.Concat(officers).Distinct(), now).ToList();
        db.Notifications.AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "The opening of lot {LotId} was completed by another request meanwhile.", lotId);
            return false;
        }
        Notify(notifications);
        logger.LogInformation("Completed the opening of lot {LotId}.", lotId);
        return true;
    }

    private static IEnumerable<Notification> Completed(Lot lot, IReadOnlyList<Bid> bids, IEnumerable<string> userIds, DateTime now)
    {
        var opened = bids.Count(b => b.Status == BidStatus.Opened);
        var invalid = bids.Count(b => b.Status == BidStatus.Invalid);
        var voided = bids.Count(b => b.Status == BidStatus.Void);
        return userIds.Select(user => new Notification(user,
            new Phrase("Opening record of \"{0}\" published", lot.Title),
            new Phrase("The opening is complete: {0} bids opened and valid, {1} invalid, {2} not decrypted within the window and treated as withdrawn. The opening record is on the lot's page.",
                opened, invalid, voided),
            $"/lots/{lot.Id}", now, $"opening-record:{lot.Id:N}"));
    }

    private static async Task<List<string>> OwnersAsync(PortalDbContext db, IEnumerable<Bid> bids, CancellationToken cancellationToken)
    {
        var supplierIds = bids.Select(b => b.SupplierId).Distinct().ToList();
        return await db.Suppliers.Where(s => supplierIds.Contains(s.Id) && s.OwnerUserId != null)
            .Select(s => s.OwnerUserId!).ToListAsync(cancellationToken);
    }

    private void Notify(IEnumerable<Notification> notifications)
    {
        foreach (var notification in notifications)
        {
            NotificationEmailJob.Enqueue(jobs, smtp.Value, notification.Id);
        }
    }

    private static string? ReasonCode(Bid bid) => bid.Fault is { } fault ? RequirementKinds.Camel(fault.ToString()) : null;

    private string? Reason(Bid bid) => bid.Fault is { } fault ? text[Labels.OpeningFaultResourceKey(fault), bid.FaultDetail ?? ""].Value : null;
}

/// <summary>Who asks for an opening record (anonymous callers have an empty user id).</summary>
public sealed record OpeningReader(string UserId, bool IsOfficer, bool IsOfficial, bool IsAdmin);

/// <summary>The answer of <c>POST /api/v1/lots/{id}/bids/mine/unseal</c>: the bid as opened, valid or not.</summary>
public sealed record OpenedBid(
    Guid BidId, BidStatus Status, decimal? PriceYuan, string? Proposal, DateTime OpenedAt, IReadOnlyList<OpenedAttachment> Attachments,
    string? ReasonCode, string? Reason);

/// <summary>An attachment of an opened bid: its name, the document's size and where to download it decrypted.</summary>
public sealed record OpenedAttachment(Guid Id, string FileName, long SizeBytes, string Download);

/// <summary>The opening record (开标记录) of <c>GET /api/v1/lots/{id}/opening</c>.</summary>
public sealed record OpeningRecord(
    Guid LotId, Guid TenderId, string TenderTitle, string Buyer, int LotNumber, string LotTitle, LotStatus LotStatus, DateTime Deadline,
    DateTime OpenedAt, DateTime WindowEndsAt, DateTime? ClosedAt, IReadOnlyList<OpeningRecordBid> Bids);

/// <summary>One bidder in the opening record: the price only for an opened bid.</summary>
public sealed record OpeningRecordBid(
    Guid BidId, Guid SupplierId, string SupplierName, string SizeClass, BidStatus Status, decimal? PriceYuan, string? ReasonCode, string? Reason,
    DateTime SubmittedAt, DateTime? DecryptedAt, string Sha256);
