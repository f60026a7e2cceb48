using System.Globalization;
using System.Text;

namespace Portal.Domain.Bids;

/// <summary>
/// A PDF document sealed with a bid (technical documents, certificates), as its bidder uploaded it: iv ‖ ciphertext ‖
/// tag under the bid's opening key. The file itself is kept outside the database; the SHA-256 of the upload is part of
/// the bid's receipt, so a stored file can be checked against what the bidder sealed. Whether it is a PDF is checked
/// once it is decrypted at the opening.
/// </summary>
public sealed class BidAttachment
{
    public const int FileNameMaxLength = 200;

    /// <summary>How many bytes at the end of a file may follow its <c>%%EOF</c> marker (trailing line ends, padding).</summary>
    public const int EndMarkerWindow = 1024;

    private static readonly byte[] _header = "%PDF-"u8.ToArray();
    private static readonly byte[] _endMarker = "%%EOF"u8.ToArray();

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

    /// <summary>The name the bidder gave the file (without any directory); part of the envelope's associated data.</summary>
    public string FileName { get; private set; }

    /// <summary>The size of the sealed upload (the document is 28 bytes shorter).</summary>
    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 (lowercase hex) of the sealed upload's bytes.</summary>
    public string Sha256 { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>
    /// Refuses bytes that are not a PDF whatever their name or declared type: a PDF starts with <c>%PDF-</c> and ends
    /// with <c>%%EOF</c> (ISO 32000-1 §7.5.2 and §7.5.5), allowing a little trailing whitespace or padding after it.
    /// </summary>
    /// <param name="start">The first bytes of the file (at least five when the file has them).</param>
    /// <param name="end">The last bytes of the file, up to <see cref="EndMarkerWindow"/>.</param>
    public static void EnsurePdf(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end)
    {
        if (!start.StartsWith(_header))
        {
            throw new DomainException("This file is not a PDF: only PDF documents can be attached (its content does not start with %PDF-).", "file");
        }
        var window = end.Length > EndMarkerWindow ? end[^EndMarkerWindow..] : end;
        if (window.IndexOf(_endMarker) < 0)
        {
            throw new DomainException("This PDF is incomplete or damaged (no %%EOF at its end): save or export it again and attach the new file.", "file");
        }
    }

    /// <summary>Whether decrypted bytes are a PDF (see <see cref="EnsurePdf"/>).</summary>
    public static bool IsPdf(ReadOnlySpan<byte> document)
    {
        if (!document.StartsWith(_header))
        {
            return false;
        }
        var window = document.Length > EndMarkerWindow ? document[^EndMarkerWindow..] : document;
        return window.IndexOf(_endMarker) >= 0;
    }

    /// <summary>SHA-256 (lowercase hex) of bytes, as attachments are hashed.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>The refusal for a file over the size limit, naming the limit.</summary>
    public static DomainException TooLarge(long maxBytes) =>
        DomainException.TooLarge(new Phrase("The file is larger than the {0} allowed per attachment.", DescribeSize(maxBytes)), "file");

    /// <summary>A size as people read it: <c>20 MB</c>, <c>64 KB</c>, <c>1.5 MB</c>, <c>512 bytes</c> (1 MB = 1,048,576 bytes).</summary>
    public static Phrase DescribeSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => new Phrase("{0} MB", (bytes / 1048576m).ToString("0.#", CultureInfo.InvariantCulture)),
        >= 1024 => new Phrase("{0} KB", (bytes / 1024m).ToString("0.#", CultureInfo.InvariantCulture)),
        1 => Phrase.Of("1 byte"),
        _ => new Phrase("{0} bytes", bytes),
    };

    internal static string ValidFileName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("The file needs a name.", "file");
        }
        if (name.Length > FileNameMaxLength)
        {
            throw new DomainException(new Phrase("The file name must be at most {0} characters: rename the file.", FileNameMaxLength), "file");
        }
        // One line per attachment is sealed into the receipt: a line break in a name could forge another line.
        if (name.Any(char.IsControl))
        {
            throw new DomainException("The file name cannot contain line breaks or other control characters: rename the file.", "file");
        }
        return name.Normalize(NormalizationForm.FormC);
    }
}
