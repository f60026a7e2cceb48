using System.Security.Cryptography;
using Portal.Domain.Bids;

namespace Portal.Data;

/// <summary>
/// The files of bid attachments as their bidders sealed them (iv ‖ ciphertext ‖ tag: the portal cannot read them before
/// the opening) under <c>{data}/attachments/{bidId:N}/{attachmentId:N}.sealed</c>. An upload is first
/// received into <c>{data}/attachments/incoming</c> (same disk, so the final move is a rename) while its SHA-256 and
/// size are computed; the database says which files belong to a bid, the file system only holds their bytes.
/// </summary>
public sealed class AttachmentStore(StorageOptions storage, ILogger<AttachmentStore> logger)
{
    private readonly string _root = Path.Combine(storage.DataDirectory, "attachments");

    private string IncomingDirectory => Path.Combine(_root, "incoming");

    public string PathOf(Guid bidId, Guid attachmentId) => Path.Combine(_root, bidId.ToString("N"), attachmentId.ToString("N") + ".sealed");

    /// <summary>
    /// Copies an upload into a temporary file, hashing and counting as it goes, and refuses it (deleting what was
    /// written) when it grows beyond <paramref name="maxBytes"/>.
    /// </summary>
    public Task<IncomingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(IncomingDirectory);
        var path = Path.Combine(IncomingDirectory, Guid.NewGuid().ToString("N") + ".part");
        return IncomingFile.ReceiveAsync(content, path, maxBytes, () => BidAttachment.TooLarge(maxBytes), headCheck: null, cancellationToken);
    }

    /// <summary>Moves a received file to its place as an attachment of a bid.</summary>
    public string Keep(IncomingFile file, Guid bidId, Guid attachmentId)
    {
        var target = PathOf(bidId, attachmentId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(file.Path, target);
        return target;
    }

    /// <summary>
    /// Housekeeping: deletes the uploads a crash left in <c>incoming</c> that were last written before
    /// <paramref name="writtenBeforeUtc"/>; an upload still being received is locked and stays. Stored attachments,
    /// which live beside <c>incoming</c>, are never looked at.
    /// </summary>
    public int SweepIncoming(DateTime writtenBeforeUtc) => StaleFiles.DeleteWrittenBefore(IncomingDirectory, "*.part", writtenBeforeUtc, logger);

    /// <summary>Deletes the files of attachments removed from a bid (after the database said so).</summary>
    public void Delete(Guid bidId, IEnumerable<BidAttachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            var path = PathOf(bidId, attachment.Id);
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                // The row is gone, so the file is no longer reachable; it only takes space until someone removes it.
                logger.LogWarning(ex, "Could not delete the removed attachment file {Path}.", path);
            }
        }
    }

    /// <summary>The stored upload of an attachment as sealed, or null (with an error logged) when its file is missing.</summary>
    public byte[]? ReadSealed(Guid bidId, BidAttachment attachment)
    {
        var path = PathOf(bidId, attachment.Id);
        if (!File.Exists(path))
        {
            logger.LogError("The file of attachment {AttachmentId} of bid {BidId} is missing: {Path}.", attachment.Id, bidId, path);
            return null;
        }
        return File.ReadAllBytes(path);
    }
}

/// <summary>An upload received into a temporary file, with its size and SHA-256 (lowercase hex).</summary>
public sealed record IncomingFile(string Path, long SizeBytes, string Sha256)
{
    private const int BufferBytes = 81920;

    public void Discard() => File.Delete(Path);

    /// <summary>
    /// Copies <paramref name="content"/> into a new file at <paramref name="path"/>, hashing and counting as it goes; throws
    /// <paramref name="tooLarge"/>'s exception once it grows beyond <paramref name="maxBytes"/>, and lets
    /// <paramref name="headCheck"/> refuse it from its first bytes (it is given them once, or fewer when the file is
    /// shorter). Whatever fails, nothing of the file is left behind.
    /// </summary>
    public static async Task<IncomingFile> ReceiveAsync(Stream content, string path, long maxBytes, Func<Exception> tooLarge,
        HeadCheck? headCheck, CancellationToken cancellationToken)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var head = new List<byte>(headCheck?.Length ?? 0);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
            {
                var buffer = new byte[BufferBytes];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw tooLarge();
                    }
                    if (headCheck is not null && head.Count < headCheck.Length)
                    {
                        head.AddRange(buffer.Take(Math.Min(read, headCheck.Length - head.Count)));
                        if (head.Count == headCheck.Length)
                        {
                            headCheck.Check(head.ToArray());
                        }
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (headCheck is not null && head.Count < headCheck.Length)
            {
                headCheck.Check(head.ToArray());
            }
            return new IncomingFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}

/// <summary>A check of an upload's first <see cref="Length"/> bytes (a file type's magic number) that throws to refuse it.</summary>
public sealed record HeadCheck(int Length, Action<byte[]> Check);
