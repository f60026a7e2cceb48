using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Features.Accounts;
using Portal.Features.Notifications;

namespace Portal.Features.Suppliers;

/// <summary>
/// Claims on imported supplier profiles (decision 0018): an SME user asks for an unowned imported profile by entering its
/// unified social credit code; the administrators are told, one of them approves after checking the business licence
/// (the claimant then maintains the profile) or rejects with a reason; the claimant is told either way.
/// </summary>
public sealed class SupplierClaims(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<SupplierClaims> logger)
{
    public const string AdminPage = "/admin/claims";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The caller's claim on profile <paramref name="supplierId"/>; null when there is no such profile.</summary>
    public async Task<ClaimView?> RequestAsync(string userId, Guid supplierId, string? creditCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        if (supplier is null)
        {
            return null;
        }
        var claim = SupplierClaim.Request(
            supplier, userId, creditCode,
            claimantOwnsASupplier: await db.Suppliers.AnyAsync(s => s.OwnerUserId == userId, cancellationToken),
            pendingClaimExists: await db.SupplierClaims.AnyAsync(c => c.SupplierId == supplierId && c.Status == ClaimStatus.Pending, cancellationToken),
            Now);
        db.SupplierClaims.Add(claim);
        var claimant = await EmailOfAsync(db, userId, cancellationToken);
        foreach (var admin in await db.UserIdsInRoleAsync(Roles.Admin, cancellationToken))
        {
            db.Notifications.Add(new Notification(admin, new Phrase("Claim on \"{0}\" to decide", supplier.Name),
                new Phrase("{0} claims the profile imported from {1} with credit code {2}. Check the company's business licence before approving.",
                    claimant, supplier.ImportedFrom, claim.CreditCode),
                AdminPage, Now, $"claim-requested:{claim.Id:N}"));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another user claimed the profile at the same moment: the unique index on pending claims refused this one.
            logger.LogInformation(ex, "A simultaneous claim on supplier {SupplierId} was refused.", supplierId);
            throw DomainException.Conflict("A claim on this profile is already waiting for an administrator's decision.");
        }
        logger.LogInformation("User {UserId} claims supplier {SupplierId} (claim {ClaimId}).", userId, supplierId, claim.Id);
        return ClaimView.From(claim, supplier, claimant);
    }

    /// <summary>What a profile page offers <paramref name="userId"/> (null when signed out) about claiming the profile.</summary>
    public async Task<ProfileClaimState> StateForAsync(Guid supplierId, string? userId, bool isSme, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking()
            .Where(s => s.Id == supplierId)
            .Select(s => new { s.ImportedFrom, s.OwnerUserId, s.CreditCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (supplier?.ImportedFrom is null || supplier.OwnerUserId is not null)
        {
            return ProfileClaimState.NotClaimable;
        }
        var pendingByAnyone = await db.SupplierClaims.AnyAsync(c => c.SupplierId == supplierId && c.Status == ClaimStatus.Pending, cancellationToken);
        if (userId is null || !isSme)
        {
            return new ProfileClaimState(true, supplier.CreditCode is not null, null, pendingByAnyone, OwnsAProfile: false);
        }
        var mine = await ViewsAsync(db, db.SupplierClaims.Where(c => c.SupplierId == supplierId && c.ClaimantUserId == userId), cancellationToken);
        return new ProfileClaimState(
            true, supplier.CreditCode is not null, mine.FirstOrDefault(), pendingByAnyone,
            OwnsAProfile: await db.Suppliers.AnyAsync(s => s.OwnerUserId == userId, cancellationToken));
    }

    /// <summary>The claims an administrator decides on, pending ones first and oldest first among them.</summary>
    public async Task<IReadOnlyList<ClaimView>> ListAsync(ClaimStatus? status, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, db.SupplierClaims.Where(c => status == null || c.Status == status), cancellationToken);
    }

    /// <summary>The claims <paramref name="userId"/> made, newest first.</summary>
    public async Task<IReadOnlyList<ClaimView>> MineAsync(string userId, ClaimStatus? status, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, db.SupplierClaims.Where(c => c.ClaimantUserId == userId && (status == null || c.Status == status)), cancellationToken);
    }

    /// <summary>One claim, for an administrator or its claimant (<paramref name="userId"/>); null for anyone else.</summary>
    public async Task<ClaimView?> GetAsync(Guid claimId, string userId, bool isAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claims = db.SupplierClaims.Where(c => c.Id == claimId && (isAdmin || c.ClaimantUserId == userId));
        return (await ViewsAsync(db, claims, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Approves a claim: the claimant maintains the profile from now on, and its other pending claims are rejected since a
    /// user maintains one company. Null when there is no such claim.
    /// </summary>
    public Task<ClaimView?> ApproveAsync(Guid claimId, string adminUserId, CancellationToken cancellationToken = default) =>
        DecideAsync(claimId, async (db, claim, supplier) =>
        {
            var ownsOne = await db.Suppliers.AnyAsync(s => s.OwnerUserId == claim.ClaimantUserId, cancellationToken);
            claim.Approve(supplier, adminUserId, ownsOne, Now);
            var others = await db.SupplierClaims
                .Where(c => c.ClaimantUserId == claim.ClaimantUserId && c.Status == ClaimStatus.Pending && c.Id != claim.Id)
                .ToListAsync(cancellationToken);
            others.ForEach(c => c.Reject($"The claimant now maintains \"{supplier.Name}\"; a user maintains one company only.", adminUserId, Now));
            return new Notification(claim.ClaimantUserId, new Phrase("Your claim on \"{0}\" is approved", supplier.Name),
                Phrase.Of("You now maintain this company profile. Complete its capabilities, size figures and certifications so that officers find your company when they match lots."),
                "/supplier/profile", Now, KeyOf(claim));
        }, cancellationToken);

    /// <summary>Rejects a claim with the reason the claimant is told. Null when there is no such claim.</summary>
    public Task<ClaimView?> RejectAsync(Guid claimId, string adminUserId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(claimId, (_, claim, supplier) =>
        {
            claim.Reject(reason, adminUserId, Now);
            return Task.FromResult(new Notification(claim.ClaimantUserId, new Phrase("Your claim on \"{0}\" is rejected", supplier.Name),
                new Phrase("Reason: {0}", claim.RejectionReason), $"/suppliers/{supplier.Id}", Now, KeyOf(claim)));
        }, cancellationToken);

    /// <summary>
    /// Applies an administrator's decision and tells the claimant in the same save. The claimant's message has a key unique
    /// per claim, so of two administrators deciding the same claim at the same moment only the first is saved.
    /// </summary>
    private async Task<ClaimView?> DecideAsync(
        Guid claimId, Func<PortalDbContext, SupplierClaim, Supplier, Task<Notification>> decide, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claim = await db.SupplierClaims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }
        var supplier = await db.Suppliers.SingleAsync(s => s.Id == claim.SupplierId, cancellationToken);
        db.Notifications.Add(await decide(db, claim, supplier));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "A simultaneous decision on claim {ClaimId} was refused.", claimId);
            throw DomainException.Conflict("This claim was decided at the same moment by another administrator, or its claimant has just come to maintain another profile.");
        }
        logger.LogInformation("Claim {ClaimId} on supplier {SupplierId} {Status} by {AdminId}.", claim.Id, supplier.Id, claim.Status, claim.DecidedByUserId);
        return ClaimView.From(claim, supplier, await EmailOfAsync(db, claim.ClaimantUserId, cancellationToken));
    }

    private static string KeyOf(SupplierClaim claim) => $"claim-decided:{claim.Id:N}";

    private static async Task<List<ClaimView>> ViewsAsync(PortalDbContext db, IQueryable<SupplierClaim> claims, CancellationToken cancellationToken)
    {
        var rows = await claims.AsNoTracking()
            .Join(db.Suppliers, c => c.SupplierId, s => s.Id, (c, s) => new { Claim = c, s.Name, s.ImportedFrom })
            .Join(db.Users, x => x.Claim.ClaimantUserId, u => u.Id, (x, u) => new { x.Claim, x.Name, x.ImportedFrom, u.Email })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Claim.Status != ClaimStatus.Pending)
            .ThenBy(r => r.Claim.Status == ClaimStatus.Pending ? r.Claim.RequestedAtUtc.Ticks : -r.Claim.RequestedAtUtc.Ticks)
            .Select(r => ClaimView.From(r.Claim, r.Name, r.ImportedFrom, r.Email ?? ""))
            .ToList();
    }

    private static async Task<string> EmailOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken) ?? "";
}

/// <summary>A claim as the API and the pages show it; <c>status</c> is pending, approved or rejected.</summary>
public sealed record ClaimView(
    Guid Id, Guid SupplierId, string SupplierName, string? ImportedFrom, string CreditCode, string ClaimantEmail, string Status,
    DateTime RequestedAt, DateTime? DecidedAt, string? RejectionReason)
{
    public static string KeyOf(ClaimStatus status) => status.ToString().ToLowerInvariant();

    public static ClaimView From(SupplierClaim claim, Supplier supplier, string claimantEmail) =>
        From(claim, supplier.Name, supplier.ImportedFrom, claimantEmail);

    public static ClaimView From(SupplierClaim claim, string supplierName, string? importedFrom, string claimantEmail) => new(
        claim.Id, claim.SupplierId, supplierName, importedFrom, claim.CreditCode, claimantEmail, KeyOf(claim.Status),
        claim.RequestedAtUtc, claim.DecidedAtUtc, claim.RejectionReason);

    public bool IsPending => Status == KeyOf(ClaimStatus.Pending);
}

/// <summary>
/// What a profile page shows about claiming it: whether it is an unowned imported profile at all, whether it has a credit
/// code to claim it with, the viewer's own latest claim, whether someone's claim is pending, and whether the viewer already
/// maintains a profile.
/// </summary>
public sealed record ProfileClaimState(bool Unclaimed, bool HasCreditCode, ClaimView? Mine, bool PendingByAnyone, bool OwnsAProfile)
{
    public static ProfileClaimState NotClaimable { get; } = new(false, false, null, false, false);

    /// <summary>An SME user may file a claim now.</summary>
    public bool CanClaim => Unclaimed && HasCreditCode && !OwnsAProfile && !PendingByAnyone;
}
