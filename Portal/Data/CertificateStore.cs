using System.Security.Cryptography;
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
    public async Task<IncomingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(IncomingDirectory);
        var path = Path.Combine(IncomingDirectory, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var head = new List<byte>(_pdfMagic.Length);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }
                    if (head.Count < _pdfMagic.Length)
                    {
                        head.AddRange(buffer.Take(Math.Min(read, _pdfMagic.Length - head.Count)));
                        if (head.Count == _pdfMagic.Length && !head.SequenceEqual(_pdfMagic))
                        {
                            throw NotPdf();
                        }
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (head.Count < _pdfMagic.Length)
            {
                throw NotPdf();
            }
            return new IncomingFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
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
