namespace Portal.Domain.Suppliers;

/// <summary>
/// A company that can bid: its public capability profile and the size data from which its size class is derived
/// (never typed in).
/// </summary>
public sealed class Supplier
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;
    public const int CapabilitiesMaxLength = 8000;
    public const int MaxCategories = 5;
    public const int MaxCertifications = 30;
    public const int MaxPastProjects = 50;

    private readonly List<Certification> _certifications = [];
    private readonly List<PastProject> _pastProjects = [];

    private Supplier()
    {
        Name = CreditCode = IndustryKey = Region = Capabilities = "";
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string? NameEn { get; private set; }
    /// <summary>The unified social credit code; null only for an imported firm registered outside China.</summary>
    public string? CreditCode { get; private set; }
    public string IndustryKey { get; private set; }
    public int Employees { get; private set; }
    public decimal RevenueYuan { get; private set; }
    public decimal AssetsYuan { get; private set; }

    /// <summary>Derived from industry and measures each time they change; stored so lists can filter by it.</summary>
    public SizeClass SizeClass { get; private set; }

    public string Region { get; private set; }
    public string Capabilities { get; private set; }
    public List<string> Categories { get; private set; } = [];
    public IReadOnlyList<Certification> Certifications => _certifications;
    public IReadOnlyList<PastProject> PastProjects => _pastProjects;

    /// <summary>The portal user who maintains this profile (null for imported or seeded firms nobody claimed).</summary>
    public string? OwnerUserId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>The system an imported profile comes from (an OCDS publisher); null for profiles made here.</summary>
    public string? ImportedFrom { get; private set; }

    /// <summary>The party id the imported profile had in its source (e.g. <c>GB-COH-11111111</c>).</summary>
    public string? ImportedPartyId { get; private set; }

    public const int PartyIdMaxLength = 200;

    /// <summary>
    /// An unclaimed profile for a party of an OCDS import: its name, credit code (when the party has a valid one), region
    /// and the size its source declared. Capabilities and size measures stay empty until the firm claims the profile and
    /// completes it; until then the declared size is only shown, and a scale the source left open counts as large, so
    /// no SME advantage is given on an undeclared size.
    /// </summary>
    public static Supplier Import(string name, string? creditCode, string region, SizeClass declaredSize, string source, string partyId, DateTime nowUtc)
    {
        var checkedName = Guard.Text(name, "parties.name", NameMaxLength);
        var checkedRegion = Guard.Text(region, "parties.address.region", RegionMaxLength, required: false);
        var checkedSource = Guard.Text(source, "publisher.name", 200);
        var checkedParty = Guard.Text(partyId, "parties.id", PartyIdMaxLength);
        return new Supplier
        {
            Id = Guid.NewGuid(),
            Name = checkedName,
            CreditCode = creditCode is null ? null : Suppliers.CreditCode.Normalize(creditCode),
            Region = checkedRegion,
            SizeClass = declaredSize,
            ImportedFrom = checkedSource,
            ImportedPartyId = checkedParty,
            CreatedAtUtc = Guard.Utc(nowUtc, "now"),
            UpdatedAtUtc = nowUtc,
        };
    }

    public SizeMeasures Measures => new(Employees, RevenueYuan, AssetsYuan);

    public static Supplier Register(SupplierProfile profile, string? ownerUserId, SizeThresholdTable thresholds, DateTime nowUtc)
    {
        var supplier = new Supplier
        {
            Id = Guid.NewGuid(),
            OwnerUserId = ownerUserId,
            CreatedAtUtc = Guard.Utc(nowUtc, "now"),
        };
        supplier.UpdateProfile(profile, thresholds, nowUtc);
        return supplier;
    }

    /// <summary>Replaces the whole profile after checking every field, and derives the size class again.</summary>
    public void UpdateProfile(SupplierProfile profile, SizeThresholdTable thresholds, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(Guard.Utc(nowUtc, "now"));
        var name = Guard.Text(profile.Name, "name", NameMaxLength);
        var nameEn = Guard.Text(profile.NameEn, "nameEn", NameMaxLength, required: false);
        var creditCode = Suppliers.CreditCode.Normalize(profile.CreditCode);
        var industry = Guard.Text(profile.Industry, "industry", 50);
        var measures = new SizeMeasures(
            Guard.NonNegative(profile.Employees, "employees"),
            Guard.Money(profile.RevenueYuan, "revenueYuan"),
            Guard.Money(profile.AssetsYuan, "assetsYuan"));
        var classification = thresholds.Classify(industry, measures);
        var region = Guard.Text(profile.Region, "region", RegionMaxLength);
        var capabilities = Guard.Text(profile.Capabilities, "capabilities", CapabilitiesMaxLength);

        var categories = profile.Categories.Select(c => Domain.Categories.Require(c, "categories")).Distinct().ToList();
        if (categories.Count is 0 or > MaxCategories)
        {
            throw new DomainException(new Phrase("Choose between 1 and {0} categories.", MaxCategories), "categories");
        }
        if (profile.Certifications.Count > MaxCertifications)
        {
            throw new DomainException(new Phrase("A profile lists at most {0} certifications.", MaxCertifications), "certifications");
        }
        var duplicate = profile.Certifications.GroupBy(c => c.Identity).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(new Phrase("Certification '{0}' is listed twice.", duplicate.First().NameArgument), "certifications");
        }
        if (profile.PastProjects.Count > MaxPastProjects)
        {
            throw new DomainException(new Phrase("A profile lists at most {0} past projects.", MaxPastProjects), "pastProjects");
        }
        if (profile.PastProjects.FirstOrDefault(p => p.CompletedOn > today) is { } future)
        {
            throw new DomainException(new Phrase("Past project '{0}' is completed on {1}, which is in the future.", future.Title, future.CompletedOn), "pastProjects.completedOn");
        }

        Name = name;
        NameEn = nameEn.Length == 0 ? null : nameEn;
        CreditCode = creditCode;
        IndustryKey = industry;
        Employees = measures.Employees;
        RevenueYuan = measures.RevenueYuan;
        AssetsYuan = measures.AssetsYuan;
        SizeClass = classification.SizeClass;
        Region = region;
        Capabilities = capabilities;
        Categories = categories;
        foreach (var certification in profile.Certifications)
        {
            if (_certifications.FirstOrDefault(c => c.Identity == certification.Identity) is { } previous)
            {
                certification.ContinueFrom(previous);
            }
        }
        _certifications.Clear();
        _certifications.AddRange(profile.Certifications);
        _pastProjects.Clear();
        _pastProjects.AddRange(profile.PastProjects);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// Keeps <paramref name="evidence"/> as the certificate of certification <paramref name="certificationId"/> and
    /// returns the evidence it replaces (whose file can go), or null.
    /// </summary>
    public CertificateEvidence? AttachCertificateEvidence(Guid certificationId, CertificateEvidence evidence, DateTime nowUtc)
    {
        var certification = _certifications.FirstOrDefault(c => c.Id == certificationId)
            ?? throw new DomainException("The profile has no certification with this id.", "certificationId");
        var replaced = certification.Evidence;
        certification.AttachEvidence(evidence);
        UpdatedAtUtc = Guard.Utc(nowUtc, "now");
        return replaced;
    }

    /// <summary>
    /// The size class with the sentence that explains it, for the profile page and the SME declaration. An imported profile
    /// whose company has not given its industry and figures yet has only the size its source declared.
    /// </summary>
    public SizeClassification ExplainSize(SizeThresholdTable thresholds) =>
        ImportedFrom is not null && IndustryKey.Length == 0
            ? new SizeClassification(SizeClass, IndustryKey, SizeClass switch
            {
                SizeClass.Micro => new Phrase("Size declared by {0}: micro; the company has not given its industry and figures yet.", ImportedFrom),
                SizeClass.Small => new Phrase("Size declared by {0}: small; the company has not given its industry and figures yet.", ImportedFrom),
                SizeClass.Medium => new Phrase("Size declared by {0}: medium; the company has not given its industry and figures yet.", ImportedFrom),
                _ => new Phrase("Size declared by {0}: large; the company has not given its industry and figures yet.", ImportedFrom),
            })
            : thresholds.Classify(IndustryKey, Measures);

    public void AssignOwner(string userId)
    {
        if (OwnerUserId is not null && OwnerUserId != userId)
        {
            throw new DomainException("This supplier profile is already maintained by another user.");
        }
        OwnerUserId = userId;
    }
}
