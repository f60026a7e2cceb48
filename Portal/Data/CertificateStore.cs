using Portal.Domain;
using Portal.Domain.Bids;

namespace Portal.Data;

/// <summary>
/// The certificate PDFs that suppliers upload as evidence of their certifications, under
/// <c>{data}/certificates/{supplierId:N}/{fileId:N}.pdf</c>. Unlike a bid's attachments they are not sealed: a profile
/// is not a bid, and officers and evaluators read the certificates whenever they check a supplier (decision 0023). An
/// upload is received into <c>{data}/certificates/incoming</c> (same disk, so the final move is a rename) while its size
/// and SHA-256 are computed; it must begin like a PDF (<c>%PDF-</c>).
/// </summary>
public sealed class CertificateStore(StorageOptions storage, ILogger<CertificateStore> logger)
{
    private static readonly byte[] _pdfMagic = "%PDF-"u8.ToArray();

    private readonly string _root = Path.Combine(storage.DataDirectory, "certificates");

    private string IncomingDirectory => Path.Combine(_root, "incoming");

    public string PathOf(Guid supplierId, Guid fileId) => Path.Combine(_root, supplierId.ToString("N"), fileId.ToString("N") + ".pdf");

    /// <summary>The refusal of a certificate over the limit (413, naming the field <c>file</c>).</summary>
    public static DomainException TooLarge(long maxBytes) =>
        DomainException.TooLarge(new Phrase("The certificate is larger than the {0} allowed.", BidAttachment.DescribeSize(maxBytes)), "file");

    /// <summary>The refusal of a file that is not a PDF (400, naming the field <c>file</c>).</summary>
    public static DomainException NotPdf() => new("The certificate must be a PDF file.", "file");

    /// <summary>
    /// Copies an upload into a temporary file, hashing and counting as it goes; refuses it (deleting what was written)
    /// when it grows beyond <paramref name="maxBytes"/> or does not begin like a PDF.
    /// </summary>
    public Task<IncomingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(IncomingDirectory);
        var path = Path.Combine(IncomingDirectory, Guid.NewGuid().ToString("N") + ".part");
        var isPdf = new HeadCheck(_pdfMagic.Length, head =>
        {
            if (!head.AsSpan().SequenceEqual(_pdfMagic))
            {
                throw NotPdf();
            }
        });
        return IncomingFile.ReceiveAsync(content, path, maxBytes, () => TooLarge(maxBytes), isPdf, cancellationToken);
    }

    /// <summary>Moves a received file to its place as the certificate file <paramref name="fileId"/> of a supplier.</summary>
    public string Keep(IncomingFile file, Guid supplierId, Guid fileId)
    {
        var target = PathOf(supplierId, fileId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(file.Path, target);
        return target;
    }

    /// <summary>Deletes a certificate file the profile no longer refers to (after the database said so).</summary>
    public void Delete(Guid supplierId, Guid fileId)
    {
        var path = PathOf(supplierId, fileId);
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            // The profile no longer refers to it, so it is unreachable; it only takes space until someone removes it.
            logger.LogWarning(ex, "Could not delete the replaced certificate file {Path}.", path);
        }
    }

    /// <summary>The stored certificate, or null (with an error logged) when its file is missing.</summary>
    public Stream? Open(Guid supplierId, Guid fileId)
    {
        var path = PathOf(supplierId, fileId);
        if (!File.Exists(path))
        {
            logger.LogError("The certificate file {FileId} of supplier {SupplierId} is missing: {Path}.", fileId, supplierId, path);
            return null;
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    /// <summary>Housekeeping: deletes uploads a crash left in <c>incoming</c> that were last written before the time given.</summary>
    public int SweepIncoming(DateTime writtenBeforeUtc) => StaleFiles.DeleteWrittenBefore(IncomingDirectory, "*.part", writtenBeforeUtc, logger);
}
