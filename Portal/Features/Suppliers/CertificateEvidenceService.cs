using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Features.Suppliers;

/// <summary>Where certificate uploads are limited (<c>Certificates:MaxBytes</c>, default 10 MB).</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// The certificate PDF of each certification on a profile: uploaded by the profile's owner, read by the owner, officers
/// and evaluators. Public readers learn only that it was uploaded (decision 0023). An upload replaces the certificate
/// it follows; the file is saved before the profile refers to it and the replaced file goes after.
/// </summary>
public sealed class CertificateEvidenceService(
    IDbContextFactory<PortalDbContext> contexts, CertificateStore files, IOptions<CertificateOptions> options, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>
    /// Keeps the PDF as the certificate of certification <paramref name="certificationId"/> of the caller's profile
    /// <paramref name="supplierId"/>; null when there is no such profile or certification.
    /// </summary>
    public async Task<CertificationView?> UploadAsync(string userId, Guid supplierId, Guid certificationId, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using (var check = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Who may upload is known before the body is read.
            if (await FindAsync(check.Suppliers.AsNoTracking(), supplierId, certificationId, cancellationToken) is not { } found)
            {
                return null;
            }
            if (found.OwnerUserId != userId)
            {
                throw DomainException.Forbidden("Only the user who maintains this company profile can upload its certificates.");
            }
        }
        var incoming = await files.ReceiveAsync(content, MaxBytes, cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await FindAsync(db.Suppliers, supplierId, certificationId, cancellationToken) is not { } supplier)
            {
                return null;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var evidence = new CertificateEvidence(Guid.NewGuid(), fileName ?? "", incoming.SizeBytes, incoming.Sha256, now);
            var replaced = supplier.AttachCertificateEvidence(certificationId, evidence, now);
            files.Keep(incoming, supplierId, evidence.FileId);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                files.Delete(supplierId, evidence.FileId);
                throw;
            }
            if (replaced is not null)
            {
                files.Delete(supplierId, replaced.FileId);
            }
            return CertificationView.From(supplierId, supplier.Certifications.Single(c => c.Id == certificationId));
        }
        finally
        {
            if (File.Exists(incoming.Path))
            {
                incoming.Discard();
            }
        }
    }

    /// <summary>
    /// The certificate file for the profile's owner, an officer or an evaluator (<paramref name="isStaff"/>); null when
    /// none was uploaded. Anyone else is refused: the public profile only says that it was uploaded.
    /// </summary>
    public async Task<CertificateDownload?> OpenAsync(Guid supplierId, Guid certificationId, string? userId, bool isStaff, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db.Suppliers.AsNoTracking(), supplierId, certificationId, cancellationToken) is not { } supplier
            || supplier.Certifications.Single(c => c.Id == certificationId).Evidence is not { } evidence)
        {
            return null;
        }
        if (!isStaff && (userId is null || supplier.OwnerUserId != userId))
        {
            throw DomainException.Forbidden("Certificates are shown to the company, officers and evaluators only.");
        }
        return files.Open(supplierId, evidence.FileId) is { } stream ? new CertificateDownload(stream, evidence.FileName) : null;
    }

    private static async Task<Supplier?> FindAsync(IQueryable<Supplier> suppliers, Guid supplierId, Guid certificationId, CancellationToken cancellationToken)
    {
        var supplier = await suppliers.SingleOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        return supplier is not null && supplier.Certifications.Any(c => c.Id == certificationId) ? supplier : null;
    }
}

public sealed record CertificateDownload(Stream Content, string FileName);
