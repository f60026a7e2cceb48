using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Search;

/// <summary>Fills the supplier index from the database, the source of truth.</summary>
public sealed class SupplierIndexer(IDbContextFactory<PortalDbContext> contexts, SupplierIndex index, ILogger<SupplierIndexer> logger)
{
    /// <summary>Rebuilds the index from every supplier in the database; reports the number indexed so far.</summary>
    public async Task<RebuildReport> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var suppliers = db.Suppliers.AsNoTracking().AsAsyncEnumerable();
        var all = new List<Domain.Suppliers.Supplier>();
        await foreach (var supplier in suppliers.WithCancellation(cancellationToken))
        {
            all.Add(supplier);
        }
        var count = index.Rebuild(all, progress);
        logger.LogInformation("Rebuilt the supplier index: {Count} suppliers in {Elapsed} ms.", count, watch.ElapsedMilliseconds);
        return new RebuildReport(count, watch.Elapsed);
    }

    /// <summary>At start: rebuild when the index was missing or corrupt, or does not hold every supplier.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var suppliers = await db.Suppliers.CountAsync(cancellationToken);
        if (index.NeedsRebuild || index.Count != suppliers)
        {
            logger.LogInformation("The supplier index holds {Indexed} of {Suppliers} suppliers; rebuilding it.", index.Count, suppliers);
            await RebuildAsync(cancellationToken: cancellationToken);
        }
    }
}

public sealed record RebuildReport(int Suppliers, TimeSpan Elapsed);
