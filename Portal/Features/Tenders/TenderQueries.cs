using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tenders;

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
    IReadOnlyList<string> Requirements, IReadOnlyList<string> Criteria);

public sealed record AssignedLot(
    Guid LotId, string TenderTitle, string Buyer, int Number, string Title, decimal ValueYuan, bool ReservedForSmes,
    LotStatus Status, DateTime? DeadlineUtc);
