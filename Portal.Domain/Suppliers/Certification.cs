namespace Portal.Domain.Suppliers;

/// <summary>
/// A certification or qualification the supplier holds, valid until a date: a kind of the catalogue
/// (<see cref="CertificationCatalogue"/>) by its key, or "other" with the text the supplier wrote. It may carry the
/// certificate itself as evidence (a PDF kept with the profile, <see cref="Evidence"/>).
/// </summary>
public sealed class Certification
{
    public const int NameMaxLength = 100;

    private Certification()
    {
        KindKey = CertificationKind.OtherKey;
    }

    /// <summary>A certification named in free text: a kind when the text names one through its aliases, else "other".</summary>
    public Certification(string text, DateOnly validUntil)
        : this(null, text, validUntil)
    {
    }

    /// <summary>
    /// A certification by its kind's key (<paramref name="key"/>), or by its name when the key is missing or
    /// <c>other</c>; a name given with a catalogue key must name the same kind. (The parameters do not bear the properties'
    /// names, so that the database builds a stored certification through the private constructor, without these checks.)
    /// </summary>
    public Certification(string? key, string? text, DateOnly validUntil, string field = "certifications")
    {
        var choice = CertificationChoice.From(key, text, field);
        Id = Guid.NewGuid();
        KindKey = choice.KindKey;
        Name = choice.OtherName;
        ValidUntil = validUntil;
    }

    /// <summary>Stays the same while the profile keeps this certification, so that its evidence stays with it.</summary>
    public Guid Id { get; private set; }

    /// <summary>The kind's key, or <see cref="CertificationKind.OtherKey"/>.</summary>
    public string KindKey { get; private set; }

    /// <summary>The supplier's own text, for an "other" certification only (null for a kind of the catalogue).</summary>
    public string? Name { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    /// <summary>The certificate as uploaded (a PDF), or null.</summary>
    public CertificateEvidence? Evidence { get; private set; }

    public CertificationKind? Kind => CertificationCatalogue.Find(KindKey);

    /// <summary>What makes two entries the same certification: the kind's key, or "other:" and the normalised text.</summary>
    public string Identity => CertificationChoice.IdentityOf(KindKey, Name);

    /// <summary>The name in Chinese or English (the supplier's text for "other").</summary>
    public string DisplayName(bool chinese) => Kind?.Name(chinese) ?? Name ?? "";

    /// <summary>The name as a phrase argument: a kind's name is translated, the supplier's text is not.</summary>
    public object NameArgument => Kind is { } kind ? kind.NamePhrase : Name ?? "";

    public bool IsValidOn(DateOnly day) => ValidUntil >= day;

    /// <summary>The <see cref="Identity"/> that free text names: a kind's key, or "other:" and the normalised text.</summary>
    public static string NameKey(string name) =>
        CertificationCatalogue.Resolve(name)?.Key ?? CertificationChoice.IdentityOf(CertificationKind.OtherKey, name.Trim());

    /// <summary>True when this certification names what <paramref name="name"/> names (through the catalogue's aliases).</summary>
    public bool Matches(string name) => Satisfies(CertificationChoice.From(null, name, "certification"));

    /// <summary>
    /// True when holding this certification meets a requirement for <paramref name="required"/>: the same kind, a higher
    /// grade of the same scale (CMMI 5 for CMMI 3), or, for "other", the same text (normalised).
    /// </summary>
    public bool Satisfies(CertificationChoice required)
    {
        if (required.Kind is { } requiredKind)
        {
            return Kind is { } held && held.Satisfies(requiredKind);
        }
        return Kind is null && Identity == required.Identity;
    }

    /// <summary>Keeps the id and evidence of the same certification as it was before a profile update.</summary>
    internal void ContinueFrom(Certification previous)
    {
        Id = previous.Id;
        // A copy: an owned value has one owner, and the previous entry is about to leave the profile.
        Evidence = previous.Evidence?.Copy();
    }

    internal void AttachEvidence(CertificateEvidence evidence) => Evidence = evidence;
}

/// <summary>The certificate file of a certification: its original name, size, SHA-256 and when it was uploaded.</summary>
public sealed class CertificateEvidence
{
    public const int FileNameMaxLength = 200;

    private CertificateEvidence()
    {
        FileName = Sha256 = "";
    }

    public CertificateEvidence(Guid file, string fileName, long sizeBytes, string sha256, DateTime uploadedAt)
    {
        FileId = file;
        FileName = Guard.Text(Path.GetFileName(fileName ?? ""), "fileName", FileNameMaxLength, required: false) is { Length: > 0 } name ? name : "certificate.pdf";
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedAtUtc = Guard.Utc(uploadedAt, "uploadedAt");
    }

    /// <summary>Names the stored file; a new upload gets a new id, so a replaced file is never served by mistake.</summary>
    public Guid FileId { get; private set; }

    public string FileName { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }

    internal CertificateEvidence Copy() => new()
    {
        FileId = FileId,
        FileName = FileName,
        SizeBytes = SizeBytes,
        Sha256 = Sha256,
        UploadedAtUtc = UploadedAtUtc,
    };
}

/// <summary>A certification as chosen in a form or a request: a kind of the catalogue, or "other" with its text.</summary>
public sealed record CertificationChoice(string KindKey, string? OtherName)
{
    public CertificationKind? Kind => CertificationCatalogue.Find(KindKey);

    public string Identity => IdentityOf(KindKey, OtherName);

    /// <summary>The name as a phrase argument: a kind's name is translated, free text is not.</summary>
    public object NameArgument => Kind is { } kind ? kind.NamePhrase : OtherName ?? "";

    /// <summary>
    /// The choice that a key and a name make. No key, or <c>other</c>: the name resolves through the aliases, else it is
    /// kept as "other". A catalogue key: the name may be left out; given, it must name the same kind.
    /// <paramref name="field"/> is the input's path (<c>certifications</c>, <c>requirements</c>); errors name
    /// <c>{field}.name</c> or <c>{field}.certificationKey</c>.
    /// </summary>
    public static CertificationChoice From(string? kindKey, string? name, string field)
    {
        var trimmedKey = kindKey?.Trim() ?? "";
        if (trimmedKey.Length == 0 || trimmedKey.Equals(CertificationKind.OtherKey, StringComparison.OrdinalIgnoreCase))
        {
            var text = Guard.Text(name, $"{field}.name", Certification.NameMaxLength);
            return CertificationCatalogue.Resolve(text) is { } resolved
                ? new(resolved.Key, null)
                : new(CertificationKind.OtherKey, text);
        }
        var kind = CertificationCatalogue.Find(trimmedKey)
            ?? throw new DomainException(new Phrase("No certification kind has the key '{0}'; the list is at /api/v1/certification-kinds.", trimmedKey), $"{field}.certificationKey");
        if (!string.IsNullOrWhiteSpace(name) && CertificationCatalogue.Resolve(name)?.Key != kind.Key)
        {
            throw new DomainException(new Phrase("'{0}' does not name {1}; leave the name out or choose the kind it names.", name.Trim(), kind.NamePhrase), $"{field}.name");
        }
        return new(kind.Key, null);
    }

    internal static string IdentityOf(string kindKey, string? otherName) =>
        kindKey == CertificationKind.OtherKey ? $"{CertificationKind.OtherKey}:{CertificationCatalogue.Normalize(otherName ?? "")}" : kindKey;
}
