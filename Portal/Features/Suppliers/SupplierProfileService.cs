using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Features.Suppliers;

/// <summary>Reading public profiles and letting an SME user create and maintain its own company profile.</summary>
public sealed class SupplierProfileService(IDbContextFactory<PortalDbContext> contexts, SupplierIndex index, CertificateStore certificates, TimeProvider clock)
{
    private static SizeThresholdTable Thresholds => SizeThresholdTable.Official;

    public async Task<SupplierDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return supplier is null ? null : SupplierDetails.From(supplier, Thresholds);
    }

    public async Task<SupplierDetails?> GetOwnAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.OwnerUserId == userId, cancellationToken);
        return supplier is null ? null : SupplierDetails.From(supplier, Thresholds);
    }

    /// <summary>Creates the caller's profile; a user maintains at most one company.</summary>
    public async Task<ProfileSaveResult> CreateAsync(string userId, SupplierInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Suppliers.AnyAsync(s => s.OwnerUserId == userId, cancellationToken))
        {
            return ProfileSaveResult.Conflict("You already maintain a company profile; update it instead.");
        }
        Supplier supplier;
        try
        {
            supplier = Supplier.Register(input.ToProfile(), userId, Thresholds, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            return ProfileSaveResult.Invalid(ex.Field ?? "profile", ex.Phrase);
        }
        if (await CreditCodeTakenAsync(db, supplier.CreditCode, exceptId: null, cancellationToken))
        {
            return await db.Suppliers.AnyAsync(s => s.CreditCode == supplier.CreditCode && s.ImportedFrom != null && s.OwnerUserId == null, cancellationToken)
                ? ProfileSaveResult.Invalid("creditCode", "Your company's profile was imported from another city system's open data. Open it in the supplier library and claim it instead of registering the company again.")
                : CreditCodeTaken();
        }
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync(cancellationToken);
        index.Upsert(supplier);
        return ProfileSaveResult.Saved(SupplierDetails.From(supplier, Thresholds));
    }

    /// <summary>Replaces the profile of supplier <paramref name="id"/>, which must be maintained by the caller.</summary>
    public async Task<ProfileSaveResult> UpdateAsync(string userId, Guid id, SupplierInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Suppliers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supplier is null)
        {
            return ProfileSaveResult.NotFound();
        }
        if (supplier.OwnerUserId != userId)
        {
            return ProfileSaveResult.Forbidden("Only the user who maintains this company profile can change it.");
        }
        var evidenceBefore = supplier.Certifications.Where(c => c.Evidence is not null).Select(c => c.Evidence!.FileId).ToList();
        try
        {
            supplier.UpdateProfile(input.ToProfile(), Thresholds, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            return ProfileSaveResult.Invalid(ex.Field ?? "profile", ex.Phrase);
        }
        if (await CreditCodeTakenAsync(db, supplier.CreditCode, exceptId: id, cancellationToken))
        {
            return CreditCodeTaken();
        }
        await db.SaveChangesAsync(cancellationToken);
        // The certificates of certifications the update took away are no longer reachable.
        foreach (var fileId in evidenceBefore.Except(supplier.Certifications.Where(c => c.Evidence is not null).Select(c => c.Evidence!.FileId)))
        {
            certificates.Delete(supplier.Id, fileId);
        }
        index.Upsert(supplier);
        return ProfileSaveResult.Saved(SupplierDetails.From(supplier, Thresholds));
    }

    private static Task<bool> CreditCodeTakenAsync(PortalDbContext db, string? creditCode, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Suppliers.AnyAsync(s => s.CreditCode == creditCode && s.Id != exceptId, cancellationToken);

    private static ProfileSaveResult CreditCodeTaken() =>
        ProfileSaveResult.Invalid("creditCode", "Another company is already registered with this unified social credit code.");
}

public enum ProfileSaveOutcome
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>The outcome of saving a profile; <see cref="Message"/> is rendered in the reader's language by the page or the API.</summary>
public sealed record ProfileSaveResult(ProfileSaveOutcome Outcome, SupplierDetails? Supplier, string? Field, Phrase? Message)
{
    public static ProfileSaveResult Saved(SupplierDetails supplier) => new(ProfileSaveOutcome.Saved, supplier, null, null);
    public static ProfileSaveResult Invalid(string field, Phrase message) => new(ProfileSaveOutcome.Invalid, null, field, message);
    public static ProfileSaveResult Invalid(string field, string message) => Invalid(field, Phrase.Of(message));
    public static ProfileSaveResult NotFound() => new(ProfileSaveOutcome.NotFound, null, null, Phrase.Of("No supplier has this id."));
    public static ProfileSaveResult Forbidden(string message) => new(ProfileSaveOutcome.Forbidden, null, null, Phrase.Of(message));
    public static ProfileSaveResult Conflict(string message) => new(ProfileSaveOutcome.Conflict, null, null, Phrase.Of(message));
}
