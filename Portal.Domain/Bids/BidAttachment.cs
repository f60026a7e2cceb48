namespace Portal.Domain.Bids;

/// <summary>
/// A PDF document sealed with a bid (technical documents, certificates). The file itself is kept outside the database;
/// its SHA-256 is part of the bid's receipt, so a stored file can be checked against what the bidder sealed.
/// </summary>
public sealed class BidAttachment
{
    public const int FileNameMaxLength = 200;

    private BidAttachment()
    {
        FileName = Sha256 = "";
    }

    internal BidAttachment(string fileName, long sizeBytes, string sha256, DateTime uploadedAtUtc) : this()
    {
        Id = Guid.NewGuid();
        FileName = fileName;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedAtUtc = uploadedAtUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>The name the bidder gave the file (without any directory).</summary>
    public string FileName { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 (lowercase hex) of the file's bytes.</summary>
    public string Sha256 { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }
}
