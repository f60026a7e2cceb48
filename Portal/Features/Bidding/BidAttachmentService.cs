using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;

namespace Portal.Features.Bidding;

/// <summary>
/// PDF documents sealed with the signed-in SME's bid, and their download by whoever may read the bid. Either an
/// attachment is saved whole (row and file) or nothing is left behind; each change renews the bid's receipt.
/// </summary>
public sealed class BidAttachmentService(
    IDbContextFactory<PortalDbContext> contexts, AttachmentStore files, IOptions<ProcurementOptions> options, TimeProvider clock, ILogger<BidAttachmentService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The largest file a bidder may attach (<c>Procurement:MaxAttachmentBytes</c>).</summary>
    public long MaxBytes => options.Value.MaxAttachmentBytes;

    /// <summary>
    /// Attaches a PDF to the caller's active bid before the deadline: the upload is received into a temporary file
    /// (refused beyond <see cref="MaxBytes"/> or when it is not a PDF), sealed into the bid, then moved into place.
    /// Null when the lot is not public.
    /// </summary>
    public async Task<AttachedDocument?> AttachAsync(Guid lotId, string userId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var incoming = await files.ReceiveAsync(content, MaxBytes, cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                if (await CallersBidAsync(db, lotId, userId, cancellationToken) is not var (tender, bid))
                {
                    return null;
                }
                var attachment = bid.Attach(fileName, incoming.SizeBytes, incoming.Sha256, tender.DeadlineUtc!.Value, Now);
                var kept = files.Keep(incoming, bid.Id, attachment.Id);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new AttachedDocument(attachment.Id, attachment.FileName, attachment.SizeBytes, attachment.Sha256, attachment.UploadedAtUtc, SealedReceipt.Of(bid, db));
                }
                catch (DbUpdateConcurrencyException ex) when (attempt < 3)
                {
                    // The bid changed in another request meanwhile (another attachment, a replacement): attach again to it.
                    logger.LogInformation(ex, "Bid {BidId} changed while attaching a document; attaching again.", bid.Id);
                    File.Move(kept, incoming.Path);
                }
                catch (DbUpdateConcurrencyException)
                {
                    File.Delete(kept);
                    throw BidService.ChangedMeanwhile();
                }
                catch
                {
                    File.Delete(kept);
                    throw;
                }
            }
        }
        finally
        {
            incoming.Discard();
        }
    }

    /// <summary>
    /// Attaches a file chosen on the lot page. The browser's stream is opened one byte past the limit, so a file that
    /// grows beyond it is refused by the same count as an API upload; one declared larger is refused before reading.
    /// </summary>
    public async Task<AttachedDocument?> AttachAsync(Guid lotId, string userId, IBrowserFile file, CancellationToken cancellationToken = default)
    {
        if (file.Size > MaxBytes)
        {
            throw BidAttachment.TooLarge(MaxBytes);
        }
        await using var content = file.OpenReadStream(maxAllowedSize: MaxBytes + 1, cancellationToken);
        return await AttachAsync(lotId, userId, file.Name, content, cancellationToken);
    }

    /// <summary>Removes an attachment from the caller's bid before the deadline and deletes its file; null when the lot is not public.</summary>
    public async Task<SealedReceipt?> RemoveAsync(Guid lotId, string userId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await CallersBidAsync(db, lotId, userId, cancellationToken) is not var (tender, bid))
        {
            return null;
        }
        var removed = bid.RemoveAttachment(attachmentId, tender.DeadlineUtc!.Value, Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw BidService.ChangedMeanwhile();
        }
        files.Delete(bid.Id, [removed]);
        return SealedReceipt.Of(bid, db);
    }

    /// <summary>
    /// Opens an attachment for reading: its bidder at any time, the lot's officers and assigned evaluators after the
    /// deadline, nobody else (refused with the reason). The stored bytes must still match the sealed SHA-256. Null when
    /// the lot, the bid or the attachment does not exist.
    /// </summary>
    public async Task<AttachmentDownload?> OpenAsync(Guid lotId, Guid bidId, Guid attachmentId, string userId, bool isOfficer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId && l.Status != LotStatus.Draft, cancellationToken);
        var bid = lot is null ? null : await db.Bids.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bidId && b.LotId == lotId, cancellationToken);
        if (lot is null || bid is null)
        {
            return null;
        }
        var isBidder = await db.Suppliers.AnyAsync(s => s.Id == bid.SupplierId && s.OwnerUserId == userId, cancellationToken);
        var reader = BidService.ReaderOf(lot, userId, isOfficer, isBidder);
        if (reader == BidReader.Other)
        {
            throw DomainException.Forbidden("Only the bidder, the lot's officers and its assigned evaluators may read the documents of a bid.");
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        BidService.EnsureUnsealedFor(reader, tender, Now);
        if (bid.Attachments.SingleOrDefault(a => a.Id == attachmentId) is not { } attachment)
        {
            return null;
        }
        var content = await files.OpenVerifiedAsync(bid.Id, attachment, cancellationToken)
            ?? throw DomainException.Conflict("The stored copy of this document does not match the SHA-256 sealed with the bid, so it is not served. The portal's operators have been alerted.");
        return new AttachmentDownload(attachment.FileName, content);
    }

    /// <summary>The published lot's tender (its lots closed first when the deadline has passed) and the caller's bid, tracked; null when the lot is not public.</summary>
    private async Task<(Tender Tender, Bid Bid)?> CallersBidAsync(PortalDbContext db, Guid lotId, string userId, CancellationToken cancellationToken)
    {
        if (await BidService.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, _))
        {
            return null;
        }
        await BidService.CloseIfDueAsync(db, tender, Now, cancellationToken);
        var bid = await BidService.BidOfAsync(db, lotId, userId, cancellationToken)
            ?? throw DomainException.Conflict("Your company has no bid for this lot: submit one before attaching documents.");
        return (tender, bid);
    }
}

/// <summary>The renewed receipt of a bid after a change of its documents.</summary>
public sealed record SealedReceipt(Guid BidId, DateTime SubmittedAt, string Sha256, int Version, string AuditHash)
{
    /// <summary>The receipt of a bid just saved through <paramref name="db"/>, with the hash of the audit entry of that save.</summary>
    public static SealedReceipt Of(Bid bid, PortalDbContext db) =>
        new(bid.Id, bid.SubmittedAtUtc, bid.Sha256, bid.Version, db.RecordedAuditHashOf(nameof(Bid), bid.Id));
}

/// <summary>An attachment just sealed with a bid, and the bid's renewed receipt.</summary>
public sealed record AttachedDocument(Guid Id, string FileName, long SizeBytes, string Sha256, DateTime UploadedAt, SealedReceipt Receipt);

/// <summary>A verified attachment ready to send: its name and its bytes (the caller disposes the stream).</summary>
public sealed record AttachmentDownload(string FileName, Stream Content);
