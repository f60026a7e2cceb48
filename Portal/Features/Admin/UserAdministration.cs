using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Admin;

/// <summary>
/// Users and their roles for administrators. Each operation runs in its own service scope so a Blazor circuit never
/// holds Identity's DbContext.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var userRoles = (await db.UserRoles.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(ur => ur.UserId, ur => roleNames[ur.RoleId]);
        var companies = await db.Suppliers.AsNoTracking()
            .Where(s => s.OwnerUserId != null)
            .ToDictionaryAsync(s => s.OwnerUserId!, s => s.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return users.Select(u => new UserRow(
            u.Id, u.Email ?? u.UserName ?? u.Id, [.. userRoles[u.Id].Order()],
            u.LockoutEnd is { } end && end > now, companies.GetValueOrDefault(u.Id))).ToList();
    }

    /// <summary>Gives or takes away one role. An administrator cannot take the Admin role away from themself.</summary>
    public async Task<string?> SetRoleAsync(string actingUserId, string userId, string role, bool member)
    {
        if (!Roles.All.Contains(role))
        {
            return $"Unknown role '{role}'.";
        }
        if (!member && role == Roles.Admin && userId == actingUserId)
        {
            return "You cannot remove your own Admin role.";
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "This user no longer exists.";
        }
        var result = member ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    /// <summary>Ends a lockout early and clears the failed-attempt count.</summary>
    public async Task UnlockAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
    }
}

public sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, bool LockedOut, string? Company);
