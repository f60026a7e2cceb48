using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Localization;

namespace Portal.Features.Tenders;

/// <summary>Read models of tenders and lots for the officer's and the evaluator's lists.</summary>
public sealed class TenderQueries(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>Every tender, drafts included, newest first, with its lots.</summary>
    public async Task<IReadOnlyList<TenderSummary>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenders = await db.Tenders.AsNoTracking().Include(t => t.Lots).ToListAsync(cancellationToken);
        return tenders.OrderByDescending(t => t.CreatedAtUtc).Select(TenderSummary.From).ToList();
    }

    /// <summary>
    /// One tender for its officers, drafts included: lots as entered, amendment notices, the SME-fairness warnings and
    /// the reservation advice. Null when there is no such tender.
    /// </summary>
    public async Task<TenderDetail?> GetAsync(Guid tenderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tender = await db.Tenders.AsNoTracking().Include(t => t.Lots).SingleOrDefaultAsync(t => t.Id == tenderId, cancellationToken);
        return tender is null ? null : TenderDetail.From(tender);
    }

    /// <summary>The lots a user is assigned to evaluate, with their tender.</summary>
    public async Task<IReadOnlyList<AssignedLot>> AssignedToAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Lots.AsNoTracking()
            .Where(l => l.EvaluatorUserIds.Contains(userId))
            .Join(db.Tenders, l => l.TenderId, t => t.Id, (l, t) => new AssignedLot(
                l.Id, t.Title, t.Buyer, l.Number, l.Title, l.ValueYuan, l.ReservedForSmes, l.Status, t.DeadlineUtc))
            .ToListAsync(cancellationToken);
    }
}

public sealed record TenderSummary(
    Guid Id, string Title, string Buyer, decimal BudgetYuan, string Category, TenderStatus Status,
    DateTime? DeadlineUtc, IReadOnlyList<LotSummary> Lots)
{
    public static TenderSummary From(Tender t) => new(
        t.Id, t.Title, t.Buyer, t.BudgetYuan, t.Category, t.Status, t.DeadlineUtc,
        t.Lots.OrderBy(l => l.Number).Select(l => new LotSummary(
            l.Id, l.Number, l.Title, l.ValueYuan, l.ReservedForSmes, l.Status,
            l.Requirements.Select(r => r.Describe()).ToList(),
            l.Criteria.Select(c => $"{c.Name} {c.Weight}").ToList())).ToList());
}

public sealed record LotSummary(
    Guid Id, int Number, string Title, decimal ValueYuan, bool ReservedForSmes, LotStatus Status,
    IReadOnlyList<Phrase> Requirements, IReadOnlyList<string> Criteria);

public sealed record AssignedLot(
    Guid LotId, string TenderTitle, string Buyer, int Number, string Title, decimal ValueYuan, bool ReservedForSmes,
    LotStatus Status, DateTime? DeadlineUtc);

public sealed record TenderDetail(
    Guid Id, string Title, string Description, string Buyer, decimal BudgetYuan, string Category, string Status,
    DateTime? PublishedAt, DateTime? Deadline, IReadOnlyList<TenderLotView> Lots, IReadOnlyList<AmendmentView> Amendments,
    IReadOnlyList<WarningView> Warnings, ReservationView Reservation,
    decimal? SmallMicroPriceDeduction, TimeSpan? StandstillPeriod, TimeSpan? DecryptionWindow)
{
    /// <summary>The tender as its officers read it; the terms frozen at publication are null while it is a draft.</summary>
    public static TenderDetail From(Tender tender)
    {
        var advice = SmeReservation.Advise(tender.BudgetYuan, tender.Lots.Select(l => (l.ValueYuan, l.ReservedForSmes)));
        return new(
            tender.Id, tender.Title, tender.Description, tender.Buyer, tender.BudgetYuan, tender.Category,
            tender.Status.ToString().ToLowerInvariant(), tender.PublishedAtUtc, tender.DeadlineUtc,
            tender.Lots.OrderBy(l => l.Number).Select(TenderLotView.From).ToList(),
            tender.Amendments.OrderBy(a => a.Number).Select(AmendmentView.From).ToList(),
            WarningView.From(SmeFairnessReview.Review(tender)),
            new ReservationView(advice.ReservedShare, advice.SuggestedShare, advice.Reached, advice.Explain()),
            tender.Terms?.SmallMicroPriceDeduction, tender.Terms?.StandstillPeriod, tender.Terms?.DecryptionWindow);
    }
}

public sealed record TenderLotView(
    Guid Id, int Number, string Title, string Description, decimal ValueYuan, bool ReservedForSmes, string Status,
    IReadOnlyList<RequirementView> Requirements, IReadOnlyList<CriterionView> Criteria)
{
    public static TenderLotView From(Lot lot) => new(
        lot.Id, lot.Number, lot.Title, lot.Description, lot.ValueYuan, lot.ReservedForSmes, LotStatuses.ToKey(lot.Status),
        lot.Requirements.Select(RequirementView.ForOfficers).ToList(), lot.Criteria.Select(CriterionView.From).ToList());
}

public sealed record AmendmentView(int Number, string Notice, DateTime PublishedAt, DateTime PreviousDeadline, DateTime? NewDeadline)
{
    public static AmendmentView From(Amendment a) => new(a.Number, a.Notice, a.PublishedAtUtc, a.PreviousDeadlineUtc, a.NewDeadlineUtc);
}

/// <summary>The SME reservation advice: pages render <see cref="AdvicePhrase"/>, the API writes <c>advice</c> in the request's language.</summary>
public sealed record ReservationView(decimal ReservedShare, decimal SuggestedShare, bool Reached, [property: JsonIgnore] Phrase AdvicePhrase)
{
    public string Advice => PortalText.Render(AdvicePhrase);
}

/// <summary>
/// A 财库〔2020〕46号 Art. 5 warning in the reader's language (the request's in the API): the field it concerns and
/// whether the lot is published with it only with a written justification.
/// </summary>
public sealed record WarningView(string Field, string Message, bool NeedsJustification)
{
    public static IReadOnlyList<WarningView> From(IEnumerable<FairnessWarning> warnings) =>
        warnings.Select(w => new WarningView(w.Field, PortalText.Render(w.Message), w.NeedsJustification)).ToList();
}
