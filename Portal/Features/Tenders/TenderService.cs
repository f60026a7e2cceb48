using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Audit;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Notifications;
using Portal.Localization;
using Portal.Features.Alerts;

namespace Portal.Features.Tenders;

/// <summary>
/// Tenders and lots for officers (create, edit as drafts, publish) and published lots for everyone. Every rule is the
/// domain's; this class loads, saves, schedules the closing job at the deadline and
/// the alerts about new lots.
/// </summary>
public sealed class TenderService(
    IDbContextFactory<PortalDbContext> contexts,
    TimeProvider clock,
    IOptions<ProcurementOptions> procurement,
    IBackgroundJobClient jobs,
    AuditActorAccessor actors)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A save's justifications are the signed-in user's (as the audit trail records the save), written now.</summary>
    private JustificationRecorder Recorder => new(actors.Current.Name, Now);

    public Task<Tender> CreateAsync(TenderInput input, CancellationToken cancellationToken = default) =>
        CreateWithLotsAsync(input, [], publishDeadline: null, cancellationToken: cancellationToken);

    /// <summary>
    /// A tender with its lots in one save, published at once when a deadline is given, with the officer's small and
    /// micro enterprise price deduction (the setting's when null): a broken rule anywhere (a lot's weights, the
    /// deadline, the deduction) writes nothing.
    /// </summary>
    public async Task<Tender> CreateWithLotsAsync(TenderInput input, IReadOnlyList<LotInput> lots, DateTimeOffset? publishDeadline,
        decimal? smallMicroPriceDeduction = null, CancellationToken cancellationToken = default)
    {
        var tender = Tender.Create(input.Title ?? "", input.Description ?? "", input.Buyer ?? "", RequireBudget(input), input.Category ?? "", Now);
        var added = lots.Select((lot, index) => InLot(index, () => tender.AddLot(lot.ToDraft(Recorder)))).ToList();
        if (publishDeadline is { } deadline)
        {
            tender.Publish(deadline.UtcDateTime, Now, procurement.Value.MinimumBiddingPeriod, procurement.Value.Terms(smallMicroPriceDeduction));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Tenders.Add(tender);
        db.Lots.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        SchedulePublicationJobs(tender);
        return tender;
    }

    /// <summary>Adds a lot to a draft tender; null when there is no such tender.</summary>
    public async Task<Lot?> AddLotAsync(Guid tenderId, LotInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null)
        {
            return null;
        }
        var lot = tender.AddLot(input.ToDraft(Recorder));
        db.Lots.Add(lot);
        await db.SaveChangesAsync(cancellationToken);
        return lot;
    }

    /// <summary>Changes a draft tender's own fields; null when there is no such tender.</summary>
    public async Task<Tender?> UpdateAsync(Guid tenderId, TenderInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null)
        {
            return null;
        }
        tender.Update(input.Title ?? "", input.Description ?? "", input.Buyer ?? "", RequireBudget(input), input.Category ?? "");
        await db.SaveChangesAsync(cancellationToken);
        return tender;
    }

    /// <summary>
    /// Saves a whole draft as the editing form submits it (tender fields, lots kept, added or removed), and publishes it
    /// at once when a deadline is given (with the officer's price deduction, the setting's when null): a broken rule
    /// anywhere writes nothing. Null when there is no such tender.
    /// </summary>
    public async Task<Tender?> ReviseDraftAsync(Guid tenderId, TenderInput input, IReadOnlyList<(Guid? LotId, LotInput Lot)> lots,
        DateTimeOffset? publishDeadline, decimal? smallMicroPriceDeduction = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null)
        {
            return null;
        }
        var revision = tender.ReviseDraft(input.Title ?? "", input.Description ?? "", input.Buyer ?? "", RequireBudget(input), input.Category ?? "",
            lots.Select((l, index) => (l.LotId, InLot(index, () => l.Lot.ToDraft(Recorder.For(tender.Lots.FirstOrDefault(x => x.Id == l.LotId)))))).ToList());
        if (publishDeadline is { } deadline)
        {
            tender.Publish(deadline.UtcDateTime, Now, procurement.Value.MinimumBiddingPeriod, procurement.Value.Terms(smallMicroPriceDeduction));
        }
        db.Lots.RemoveRange(revision.Removed);
        db.Lots.AddRange(revision.Added);
        await db.SaveChangesAsync(cancellationToken);
        SchedulePublicationJobs(tender);
        return tender;
    }

    /// <summary>Removes a lot from a draft tender; false when there is no such tender or lot.</summary>
    public async Task<bool> RemoveLotAsync(Guid tenderId, Guid lotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null || tender.Lots.All(l => l.Id != lotId))
        {
            return false;
        }
        db.Lots.Remove(tender.RemoveLot(lotId));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Publishes a clarification or amendment notice on a published tender, extending the deadline when asked (the
    /// closing job is scheduled again for it), and tells every bidder and invited supplier. Null when there is no such
    /// tender.
    /// </summary>
    public async Task<Amendment?> AmendAsync(Guid tenderId, AmendmentInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null)
        {
            return null;
        }
        var amendment = tender.Amend(input.Notice ?? "", input.Deadline?.UtcDateTime, Now, procurement.Value.MinimumPeriodAfterAmendment);
        await NotifyOfAmendmentAsync(db, tender, amendment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (amendment.NewDeadlineUtc is not null)
        {
            ScheduleClosing(tender);
        }
        return amendment;
    }

    /// <summary>One message per user who maintains a bidding or invited supplier of the tender, leading to that supplier's lot.</summary>
    private async Task NotifyOfAmendmentAsync(PortalDbContext db, Tender tender, Amendment amendment, CancellationToken cancellationToken)
    {
        var lotIds = tender.Lots.Select(l => l.Id).ToList();
        var bidders = await db.Bids.AsNoTracking()
            .Where(b => lotIds.Contains(b.LotId) && b.Status != BidStatus.Withdrawn)
            .Select(b => new { b.SupplierId, b.LotId })
            .ToListAsync(cancellationToken);
        var concerned = bidders.Select(b => (b.SupplierId, b.LotId))
            .Concat(tender.Lots.SelectMany(l => l.InvitedSupplierIds.Select(s => (SupplierId: s, LotId: l.Id))))
            .ToList();
        var supplierIds = concerned.Select(c => c.SupplierId).Distinct().ToList();
        var owners = await db.Suppliers.AsNoTracking()
            .Where(s => supplierIds.Contains(s.Id) && s.OwnerUserId != null)
            .ToDictionaryAsync(s => s.Id, s => s.OwnerUserId!, cancellationToken);
        var deadline = amendment.NewDeadlineUtc is { } extended
            ? new Phrase("The deadline moves from {0} to {1}.", amendment.PreviousDeadlineUtc, extended)
            : new Phrase("The deadline stays {0}.", amendment.PreviousDeadlineUtc);
        foreach (var (userId, lotId) in concerned.Where(c => owners.ContainsKey(c.SupplierId)).Select(c => (owners[c.SupplierId], c.LotId)).DistinctBy(c => c.Item1))
        {
            db.Notifications.Add(new Notification(userId,
                new Phrase("Amendment {0} to \"{1}\"", amendment.Number, tender.Title),
                new Phrase("{0} {1}", deadline, amendment.Notice),
                $"/lots/{lotId}",
                Now,
                $"amendment:{tender.Id:N}:{amendment.Number}"));
        }
    }

    /// <summary>Changes a lot of a draft tender; false when there is no such tender or lot.</summary>
    public async Task<bool> UpdateLotAsync(Guid tenderId, Guid lotId, LotInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null || tender.Lots.All(l => l.Id != lotId))
        {
            return false;
        }
        tender.UpdateLot(lotId, input.ToDraft(Recorder.For(tender.Lots.Single(l => l.Id == lotId))));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Opens every lot of a draft tender until the deadline (at least the minimum bidding period away) and schedules
    /// their closing at that instant. The tender keeps the terms it is published with (<see cref="PublicationTerms"/>):
    /// the officer's small and micro enterprise price deduction (the setting's when null), and the settings' standstill
    /// period and opening window. Null when there is no such tender.
    /// </summary>
    public async Task<Tender?> PublishAsync(Guid tenderId, DateTimeOffset? deadline, decimal? smallMicroPriceDeduction = null, CancellationToken cancellationToken = default)
    {
        if (deadline is null)
        {
            throw new DomainException("Enter the bidding deadline, e.g. 2026-12-10T09:00:00+08:00.", "deadline");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await TenderWithLotsAsync(db, tenderId, cancellationToken);
        if (tender is null)
        {
            return null;
        }
        if (tender.Status != TenderStatus.Draft)
        {
            throw DomainException.Conflict("This tender is already published: change it through an amendment notice.");
        }
        tender.Publish(deadline.Value.UtcDateTime, Now, procurement.Value.MinimumBiddingPeriod, procurement.Value.Terms(smallMicroPriceDeduction));
        await db.SaveChangesAsync(cancellationToken);
        SchedulePublicationJobs(tender);
        return tender;
    }

    private static Task<Tender?> TenderWithLotsAsync(PortalDbContext db, Guid tenderId, CancellationToken cancellationToken) =>
        db.Tenders.Include(t => t.Lots).SingleOrDefaultAsync(t => t.Id == tenderId, cancellationToken);

    /// <summary>
    /// A lot's own check in a form of several lots: a refusal names the lot's field (<c>lots[1].criteria</c>, not
    /// <c>criteria</c>), so that the form marks the right one.
    /// </summary>
    private static T InLot<T>(int index, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (DomainException ex) when (ex.Field is { } field && !field.StartsWith("lots[", StringComparison.Ordinal))
        {
            throw new DomainException(ex.Phrase, $"lots[{index}].{field}", ex.Kind);
        }
    }

    private static decimal RequireBudget(TenderInput input) =>
        input.BudgetYuan ?? throw new DomainException("Enter the tender's budget in yuan.", "budgetYuan");

    /// <summary>
    /// A published tender's lots close at its deadline: the job is scheduled for that instant. Its new lots are
    /// announced to the SMEs whose alerts or profiles match them, now.
    /// </summary>
    private void SchedulePublicationJobs(Tender tender)
    {
        if (tender.DeadlineUtc is not null)
        {
            ScheduleClosing(tender);
            jobs.Enqueue<LotAlertJob>(j => j.RunAsync(tender.Id, CancellationToken.None));
        }
    }

    /// <summary>The opening begins at the deadline in force: publication and every extension schedule the job for it.</summary>
    private void ScheduleClosing(Tender tender)
    {
        if (tender.DeadlineUtc is { } deadline)
        {
            jobs.Schedule<Opening.OpeningJob>(j => j.RunAsync(CancellationToken.None), new DateTimeOffset(deadline, TimeSpan.Zero));
        }
    }

    /// <summary>Published lots (never drafts), newest deadline last, filtered; a page of them and how many match.</summary>
    public async Task<LotPage> ListPublishedAsync(LotFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Lots.AsNoTracking()
            .Where(l => l.Status != LotStatus.Draft)
            .Join(db.Tenders.AsNoTracking(), l => l.TenderId, t => t.Id, (l, t) => new { Lot = l, Tender = t });
        if (filter.ReservedForSmes is { } reserved)
        {
            query = query.Where(x => x.Lot.ReservedForSmes == reserved);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(x => x.Lot.Status == status);
        }
        if (filter.Category is { Length: > 0 } category)
        {
            query = query.Where(x => x.Tender.Category == category);
        }
        if (filter.Ids is { } ids)
        {
            query = query.Where(x => ids.Contains(x.Lot.Id));
        }
        // Value and closing filters run in memory: decimals are text on SQLite and cannot be compared there.
        var rows = await query.ToListAsync(cancellationToken);
        var now = Now;
        var ordered = filter.Ids is { } ranked
            ? rows.OrderBy(x => ranked.IndexOf(x.Lot.Id))
            : rows.OrderBy(x => x.Lot.Status == LotStatus.Open ? 0 : 1).ThenBy(x => x.Tender.DeadlineUtc).ThenBy(x => x.Lot.Number);
        var items = ordered
            .Where(x => filter.MinValueYuan is not { } min || x.Lot.ValueYuan >= min)
            .Where(x => filter.MaxValueYuan is not { } max || x.Lot.ValueYuan <= max)
            .Where(x => filter.ClosingWithin is not { } within || (x.Lot.Status == LotStatus.Open && x.Tender.DeadlineUtc <= now + within))
            .Select(x => LotListItem.From(x.Tender, x.Lot))
            .ToList();
        return new LotPage(items.Count, items.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToList());
    }

    /// <summary>A lot with its tender; drafts only for officers. Null when missing (or a draft the caller may not see).</summary>
    public async Task<LotDetail?> GetAsync(Guid lotId, bool callerIsOfficer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null || (lot.Status == LotStatus.Draft && !callerIsOfficer))
        {
            return null;
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        // Sealed bids: officers learn how many there are, never what they say, until the deadline.
        int? bidCount = callerIsOfficer
            ? await db.Bids.CountAsync(b => b.LotId == lotId && b.Status != BidStatus.Withdrawn, cancellationToken)
            : null;
        return LotDetail.From(tender, lot, bidCount);
    }
}

public sealed record LotFilter(
    bool? ReservedForSmes = null,
    LotStatus? Status = null,
    string? Category = null,
    decimal? MinValueYuan = null,
    decimal? MaxValueYuan = null,
    TimeSpan? ClosingWithin = null,
    List<Guid>? Ids = null,
    int Page = 1,
    int PageSize = 20);

public sealed record LotPage(int Total, IReadOnlyList<LotListItem> Items);

public sealed record LotListItem(
    Guid Id, Guid TenderId, string TenderTitle, string Buyer, string Category, int Number, string Title,
    decimal ValueYuan, bool ReservedForSmes, string Status, DateTime? Deadline, string? ImportedFrom = null)
{
    public static LotListItem From(Tender tender, Lot lot) => new(
        lot.Id, tender.Id, tender.Title, tender.Buyer, tender.Category, lot.Number, lot.Title,
        lot.ValueYuan, lot.ReservedForSmes, LotStatuses.ToKey(lot.Status), tender.DeadlineUtc, tender.ImportedFrom);
}

public sealed record LotDetail(
    Guid Id, Guid TenderId, string TenderTitle, string TenderDescription, string Buyer, string Category, int Number,
    string Title, string Description, decimal ValueYuan, bool ReservedForSmes, LotStatus Status, DateTime? Deadline,
    IReadOnlyList<RequirementView> Requirements, IReadOnlyList<CriterionView> Criteria, int? BidCount,
    IReadOnlyList<AmendmentView> Amendments, string? ImportedFrom = null, string? Ocid = null,
    decimal? SmallMicroPriceDeduction = null, TimeSpan? StandstillPeriod = null, TimeSpan? DecryptionWindow = null)
{
    /// <summary>
    /// The lot with its tender's frozen terms: the small and micro enterprise price deduction its bids are scored with
    /// (null in a lot reserved for SMEs, where no price is reduced, and before publication), the standstill period and
    /// the opening window.
    /// </summary>
    public static LotDetail From(Tender tender, Lot lot, int? bidCount) => new(
        lot.Id, tender.Id, tender.Title, tender.Description, tender.Buyer, tender.Category, lot.Number,
        lot.Title, lot.Description, lot.ValueYuan, lot.ReservedForSmes, lot.Status, tender.DeadlineUtc,
        lot.Requirements.Select(RequirementView.From).ToList(),
        lot.Criteria.Select(CriterionView.From).ToList(),
        bidCount,
        tender.Amendments.OrderBy(a => a.Number).Select(AmendmentView.From).ToList(),
        tender.ImportedFrom,
        tender.Ocid,
        lot.ReservedForSmes ? null : tender.Terms?.SmallMicroPriceDeduction,
        tender.Terms?.StandstillPeriod,
        tender.Terms?.DecryptionWindow);
}

/// <summary>
/// A qualification requirement of a lot: pages render <see cref="DescriptionPhrase"/> in the page's language, the API
/// writes <c>description</c> in the request's. A certification requirement has its kind (<c>certificationKey</c>,
/// <c>other</c> for free text) and <c>name</c>, the kind's name in the reader's language or the officer's text; a
/// statement's <c>justification</c> for its size or financial bar (财库〔2020〕46号 Art. 5) with who wrote it and when
/// (<c>sizeBar</c> says whether it sets one).
/// </summary>
public sealed record RequirementView(string Kind, [property: JsonIgnore] Phrase DescriptionPhrase, decimal? MinValueYuan, int? WithinYears, string? Name, string? Text,
    string? CertificationKey = null, bool SizeBar = false, string? Justification = null, string? JustifiedBy = null, DateTime? JustifiedAt = null)
{
    [JsonPropertyOrder(-1)]
    public string Description => PortalText.Render(DescriptionPhrase);

    /// <summary>The requirement as everyone reads it: the justification without its author.</summary>
    public static RequirementView From(QualificationRequirement r) =>
        new(RequirementKinds.ToKey(r.Kind), r.Describe(), r.MinValueYuan, r.WithinYears, CertificationName(r), r.Statement,
            r.RequiredCertification?.KindKey, SmeFairnessReview.SetsSizeBar(r), r.Justification);

    private static string? CertificationName(QualificationRequirement r) => r.RequiredCertification is { } c
        ? c.Kind is { } kind ? Localization.PortalText.Translate(kind.NameEn) : c.OtherName
        : null;

    /// <summary>The requirement as its tender's officers read it: who wrote the justification, and when.</summary>
    public static RequirementView ForOfficers(QualificationRequirement r) =>
        From(r) with { JustifiedBy = r.JustifiedBy, JustifiedAt = r.JustifiedAtUtc };
}

public sealed record CriterionView(string Name, int Weight, bool IsPrice)
{
    public static CriterionView From(AwardCriterion c) => new(c.Name, c.Weight, c.IsPrice);
}

/// <summary>The API's lowercase status names (<c>open</c>, <c>closed</c>, …).</summary>
public static class LotStatuses
{
    public static string ToKey(LotStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status as people read it (English text, the key of its translation).</summary>
    public static string Label(LotStatus status) => Label(ToKey(status));

    /// <summary>The status of its API key (<c>open</c>) as people read it.</summary>
    public static string Label(string key) => key switch
    {
        "open" => "Open for bids",
        "opening" => "Opening of bids",
        "closed" => "Closed",
        "evaluating" => "Under evaluation",
        "awarded" => "Awarded",
        "contracted" => "Contracted",
        "unsuccessful" => "Unsuccessful",
        _ => "Draft",
    };

    public static bool TryParse(string? key, out LotStatus status) =>
        Enum.TryParse(key, ignoreCase: true, out status) && status != LotStatus.Draft && key!.All(char.IsLetter);
}

/// <summary>The API's requirement kinds (<c>pastProject</c>, <c>certification</c>, <c>smeOnly</c>, <c>statement</c>).</summary>
public static class RequirementKinds
{
    public static string ToKey(RequirementKind kind) => Camel(kind.ToString());

    /// <summary>An enum member's name as the API writes it: <c>EvidenceMissing</c> → <c>evidenceMissing</c>.</summary>
    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
