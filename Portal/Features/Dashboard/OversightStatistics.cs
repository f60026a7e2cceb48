using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Features.Dashboard;

/// <summary>Figures an official watches: who is in the supplier library and how much published lot value is reserved for SMEs.</summary>
public sealed class OversightStatistics(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<OversightFigures> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bySize = await db.Suppliers.AsNoTracking()
            .GroupBy(s => s.SizeClass)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Decimal sums are done in memory: SQLite stores decimals as text.
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.Status != LotStatus.Draft)
            .Select(l => new { l.ValueYuan, l.ReservedForSmes })
            .ToListAsync(cancellationToken);
        var publishedValue = lots.Sum(l => l.ValueYuan);
        var reservedValue = lots.Where(l => l.ReservedForSmes).Sum(l => l.ValueYuan);
        return new OversightFigures(
            Enum.GetValues<SizeClass>().ToDictionary(c => c, c => bySize.GetValueOrDefault(c)),
            lots.Count,
            lots.Count(l => l.ReservedForSmes),
            publishedValue,
            reservedValue,
            SmeReservation.ReservedShare(lots.Select(l => (l.ValueYuan, l.ReservedForSmes))));
    }
}

public sealed record OversightFigures(
    IReadOnlyDictionary<SizeClass, int> SuppliersBySize,
    int PublishedLots,
    int ReservedLots,
    decimal PublishedValueYuan,
    decimal ReservedValueYuan,
    decimal ReservedShare)
{
    public bool MeetsReservedShareTarget => SmeReservation.MeetsMinimum(ReservedShare);
}
