using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Reporting;

namespace Portal.Features.Reports;

/// <summary>
/// SME participation and concentration for a period, read from the awarded lots, their contracts and the bids received:
/// the figures of the SME participation report, and of the officials' dashboard.
/// </summary>
public sealed class ParticipationStatistics(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>The figures for the period and the awards they are computed from (oldest first).</summary>
    public async Task<ParticipationData> ReadAsync(ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var awarded = db.Lots.AsNoTracking().Where(l => l.AwardedBidId != null && l.AwardedAtUtc >= start && l.AwardedAtUtc < end);
        var rows = await (
            from l in awarded
            join b in db.Bids on l.AwardedBidId equals b.Id
            join s in db.Suppliers on b.SupplierId equals s.Id
            join t in db.Tenders on l.TenderId equals t.Id
            select new { LotId = l.Id, TenderTitle = t.Title, LotTitle = l.Title, b.SupplierId, SupplierName = s.Name, b.SizeClass, b.PriceYuan, AwardedAt = l.AwardedAtUtc!.Value })
            .ToListAsync(cancellationToken);
        // Decimals are summed in memory (SQLite stores them as text); a recorded contract's value replaces the bid price.
        var contracts = await (
            from c in db.Contracts
            join l in awarded on c.LotId equals l.Id
            select new { c.LotId, c.ValueYuan })
            .ToDictionaryAsync(c => c.LotId, c => c.ValueYuan, cancellationToken);
        var bidSizes = await db.Bids.AsNoTracking()
            .Where(b => b.Status != BidStatus.Withdrawn && b.SubmittedAtUtc >= start && b.SubmittedAtUtc < end)
            .Select(b => b.SizeClass)
            .ToListAsync(cancellationToken);
        var awards = rows
            .Select(r => new AwardRecord(r.LotId, r.TenderTitle, r.LotTitle, r.SupplierId, r.SupplierName, r.SizeClass,
                contracts.TryGetValue(r.LotId, out var value) ? value : r.PriceYuan!.Value, r.AwardedAt))
            .OrderBy(a => a.AwardedAtUtc).ThenBy(a => a.LotId)
            .ToList();
        return new ParticipationData(ParticipationFigures.Compute(period, awards, bidSizes), awards);
    }
}

public sealed record ParticipationData(ParticipationFigures Figures, IReadOnlyList<AwardRecord> Awards);
