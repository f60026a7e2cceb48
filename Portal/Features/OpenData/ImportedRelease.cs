namespace Portal.Features.OpenData;

/// <summary>
/// A release taken in by an OCDS import, remembered by its ocid and release id so that importing the same data again
/// changes nothing.
/// </summary>
public sealed class ImportedRelease
{
    public const int IdMaxLength = 200;

    private ImportedRelease()
    {
        Ocid = ReleaseId = Source = "";
    }

    public ImportedRelease(string ocid, string releaseId, Guid tenderId, string source, DateTime importedAtUtc)
    {
        Id = Guid.NewGuid();
        Ocid = ocid;
        ReleaseId = releaseId;
        TenderId = tenderId;
        Source = source;
        ImportedAtUtc = importedAtUtc;
    }

    public Guid Id { get; private set; }
    public string Ocid { get; private set; }
    public string ReleaseId { get; private set; }

    /// <summary>The imported tender the release went into.</summary>
    public Guid TenderId { get; private set; }

    public string Source { get; private set; }
    public DateTime ImportedAtUtc { get; private set; }
}
