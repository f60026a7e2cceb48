using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;

namespace Portal.Features.Alerts;

/// <summary>An SME user's own lot alerts: list, add (at most <see cref="LotAlert.MaxPerUser"/>), delete.</summary>
public sealed class AlertService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<AlertView>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.LotAlerts.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderBy(a => a.CreatedAtUtc)
            .Select(a => new AlertView(a.Id, a.Query, a.Category, a.ReservedOnly, a.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Saves a new alert; a <see cref="DomainException"/> when the input is unusable or the user has the most allowed.</summary>
    public async Task<AlertView> CreateAsync(string userId, AlertInput input, CancellationToken cancellationToken = default)
    {
        var alert = new LotAlert(userId, input.Query, input.Category, input.ReservedOnly, clock.GetUtcNow().UtcDateTime);
        if (alert.Query is { } words)
        {
            using var search = new SavedSearch();
            if (search.Terms(words).Count == 0)
            {
                throw new DomainException("These search words have nothing to search for (only punctuation or common words like \"the\"): enter words a lot would contain.", "query");
            }
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.LotAlerts.CountAsync(a => a.UserId == userId, cancellationToken) >= LotAlert.MaxPerUser)
        {
            throw DomainException.Conflict(new Phrase("You already have {0} alerts, the most allowed: delete one first.", LotAlert.MaxPerUser));
        }
        db.LotAlerts.Add(alert);
        await db.SaveChangesAsync(cancellationToken);
        return AlertView.From(alert);
    }

    /// <summary>
    /// Deletes one of the user's alerts; false when the user has no alert with this id. Deleted through the change
    /// tracker, not with a bulk <c>ExecuteDelete</c>, so that the deletion is in the audit trail (decision 0013).
    /// </summary>
    public async Task<bool> DeleteAsync(string userId, Guid alertId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.LotAlerts.SingleOrDefaultAsync(a => a.Id == alertId && a.UserId == userId, cancellationToken);
        if (alert is null)
        {
            return false;
        }
        db.LotAlerts.Remove(alert);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A delete of the same alert committed between the read and this save, so this DELETE found no row: EF
            // checks the count and the save (its audit entry with it) rolled back. The alert is gone once, as the
            // single bulk statement guaranteed, and this caller is told what it would have been then: not found.
            return false;
        }
        return true;
    }
}

public sealed record AlertInput(string? Query, string? Category, bool ReservedOnly);

public sealed record AlertView(Guid Id, string? Query, string? Category, bool ReservedOnly, DateTime CreatedAtUtc)
{
    public static AlertView From(LotAlert alert) => new(alert.Id, alert.Query, alert.Category, alert.ReservedOnly, alert.CreatedAtUtc);
}
