using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Accounts;

public static class RoleMembers
{
    /// <summary>The ids of the users who hold <paramref name="role"/> (e.g. the officials or administrators to tell).</summary>
    public static async Task<IReadOnlyList<string>> UserIdsInRoleAsync(this PortalDbContext db, string role, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == role
               select ur.UserId).ToListAsync(cancellationToken);
}
