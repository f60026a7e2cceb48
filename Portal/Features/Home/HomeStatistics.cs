using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Features.Home;

/// <summary>The counts on the home page, read straight from the database.</summary>
public sealed class HomeStatistics(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task<HomeCounts> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var bySize = await db.Suppliers.AsNoTracking()
            .GroupBy(s => s.SizeClass)
            .Select(g => new { SizeClass = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var openLots = await db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Open)
            .Join(db.Tenders.Where(t => t.DeadlineUtc > now), l => l.TenderId, t => t.Id, (l, t) => l)
            .Select(l => new { l.ReservedForSmes })
            .ToListAsync(cancellationToken);
        return new HomeCounts(
            Suppliers: bySize.Sum(g => g.Count),
            Smes: bySize.Where(g => g.SizeClass.IsSme()).Sum(g => g.Count),
            OpenLots: openLots.Count,
            OpenReservedLots: openLots.Count(l => l.ReservedForSmes));
    }
}

public sealed record HomeCounts(int Suppliers, int Smes, int OpenLots, int OpenReservedLots);
