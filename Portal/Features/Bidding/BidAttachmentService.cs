using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;

namespace Portal.Features.Bidding;

/// <summary>
/// PDF documents sealed with the signed-in SME's bid (by the bidder, under the bid's opening key), and their download,
/// decrypted, by whoever may read the bid once it is opened. Either an attachment is saved whole (row and file) or
/// nothing is left behind; each change renews the bid's receipt.
/// </summary>
public sealed class BidAttachmentService(
    IDbContextFactory<PortalDbContext> contexts, AttachmentStore files, IOptions<ProcurementOptions> options, TimeProvider clock, ILogger<BidAttachmentService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The largest document a bidder may attach (<c>Procurement:MaxAttachmentBytes</c>).</summary>
    public long MaxBytes => options.Value.MaxAttachmentBytes;

    /// <summary>The largest sealed upload: the document, its iv and its tag.</summary>
    public long MaxSealedBytes => MaxBytes + SealedEnvelope.IvBytes + SealedEnvelope.TagBytes;

    /// <summary>
    /// Attaches a sealed document (iv ‖ ciphertext ‖ tag, <paramref name="fileName"/> in its associated data) to the
    /// caller's sealed bid before the deadline: the upload is received into a temporary file (refused beyond
    /// <see cref="MaxSealedBytes"/>), added to the bid's receipt, then moved into place. Null when the lot is not public.
    /// </summary>
    public async Task<AttachedDocument?> AttachAsync(Guid lotId, string userId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var incoming = await files.ReceiveAsync(content, MaxSealedBytes, cancellationToken);
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
    /// An attachment decrypted for reading: to its bidder, the lot's officers and assigned evaluators once the bid is
    /// opened at the opening (before it, nobody can read it: the portal holds only the sealed upload), nobody else
    /// (refused with the reason). The stored upload must still match the sealed SHA-256. Null when the lot, the bid or
    /// the attachment does not exist.
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
        var reader = LotLookups.ReaderOf(lot, userId, isOfficer, isBidder);
        if (reader == BidReader.Other)
        {
            throw DomainException.Forbidden("Only the bidder, the lot's officers and its assigned evaluators may read the documents of a bid.");
        }
        var tender = await db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId, cancellationToken);
        LotLookups.EnsureUnsealedFor(reader, tender, Now);
        if (bid.Attachments.SingleOrDefault(a => a.Id == attachmentId) is not { } attachment)
        {
            return null;
        }
        if (bid.OpeningKey is null)
        {
            throw DomainException.Conflict("This document is sealed: it can be read once its bidder decrypts the bid at the opening.");
        }
        var upload = files.ReadSealed(bid.Id, attachment);
        var document = upload is not null && BidAttachment.HashOf(upload) == attachment.Sha256 ? bid.OpenAttachment(attachment, upload) : null;
        if (document is null)
        {
            logger.LogError("Attachment {AttachmentId} of bid {BidId} is missing, altered or does not open with the bid's key.", attachment.Id, bid.Id);
            throw DomainException.Conflict("The stored copy of this document does not match the SHA-256 sealed with the bid, so it is not served. The portal's operators have been alerted.");
        }
        return new AttachmentDownload(attachment.FileName, new MemoryStream(document, writable: false));
    }

    /// <summary>The published lot's tender and the caller's bid, tracked; null when the lot is not public.</summary>
    private async Task<(Tender Tender, Bid Bid)?> CallersBidAsync(PortalDbContext db, Guid lotId, string userId, CancellationToken cancellationToken)
    {
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, _))
        {
            return null;
        }
        var bid = await LotLookups.BidOfAsync(db, lotId, userId, cancellationToken)
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
