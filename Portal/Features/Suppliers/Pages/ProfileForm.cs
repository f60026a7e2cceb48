using Portal.Domain.Suppliers;

namespace Portal.Features.Suppliers.Pages;

/// <summary>The editable state of the company profile form; converts to the <see cref="SupplierInput"/> the service takes.</summary>
public sealed class ProfileForm
{
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string CreditCode { get; set; } = "";
    public string? Industry { get; set; }
    public int Employees { get; set; }
    public decimal RevenueYuan { get; set; }
    public decimal AssetsYuan { get; set; }
    public string Region { get; set; } = "";
    public string Capabilities { get; set; } = "";
    public IReadOnlyCollection<string> Categories { get; set; } = [];
    public List<CertificationRow> Certifications { get; set; } = [];
    public List<PastProjectRow> PastProjects { get; set; } = [];

    public static ProfileForm From(SupplierDetails s) => new()
    {
        Name = s.Name,
        NameEn = s.NameEn,
        CreditCode = s.CreditCode,
        Industry = s.Industry,
        Employees = s.Employees,
        RevenueYuan = s.RevenueYuan,
        AssetsYuan = s.AssetsYuan,
        Region = s.Region,
        Capabilities = s.Capabilities,
        Categories = [.. s.Categories],
        Certifications = s.Certifications.Select(CertificationRow.From).ToList(),
        PastProjects = s.PastProjects.Select(p => new PastProjectRow
        {
            Title = p.Title, Client = p.Client, ValueYuan = p.ValueYuan,
            CompletedOn = p.CompletedOn.ToDateTime(TimeOnly.MinValue), Description = p.Description,
        }).ToList(),
    };

    public SupplierInput ToInput() => new(
        Name, NameEn, CreditCode, Industry ?? "", Employees, RevenueYuan, AssetsYuan, Region, Capabilities,
        [.. Categories],
        Certifications.Select(c => new CertificationInput(
            c.Key == CertificationKind.OtherKey ? c.OtherName : null, DateOnly.FromDateTime(c.ValidUntil ?? DateTime.MinValue), c.Key)).ToList(),
        PastProjects.Select(p => new PastProjectInput(p.Title, p.Client, p.ValueYuan, DateOnly.FromDateTime(p.CompletedOn ?? DateTime.MinValue), p.Description)).ToList());

    /// <summary>The size class the portal will derive from what is typed so far, or null before an industry is chosen.</summary>
    public SizeClassification? PreviewSize() =>
        Industry is not null && SizeThresholdTable.Official.Contains(Industry) && Employees >= 0 && RevenueYuan >= 0 && AssetsYuan >= 0
            ? SizeThresholdTable.Official.Classify(Industry, new SizeMeasures(Employees, RevenueYuan, AssetsYuan))
            : null;
}

/// <summary>
/// One certification row: its kind from the catalogue (or <c>other</c> with the name typed) and its validity; a saved
/// row has its id and whether its certificate was uploaded.
/// </summary>
public sealed class CertificationRow
{
    public string? Key { get; set; }
    public string? OtherName { get; set; }
    public DateTime? ValidUntil { get; set; }
    public Guid? Id { get; init; }
    public bool EvidenceUploaded { get; set; }
    public string? EvidenceUrl { get; set; }

    public static CertificationRow From(CertificationView c) => new()
    {
        Id = c.Id,
        Key = c.CertificationKey,
        OtherName = c.CertificationKey == CertificationKind.OtherKey ? c.Name : null,
        ValidUntil = c.ValidUntil.ToDateTime(TimeOnly.MinValue),
        EvidenceUploaded = c.EvidenceUploaded,
        EvidenceUrl = c.EvidenceUrl,
    };
}

public sealed class PastProjectRow
{
    public string Title { get; set; } = "";
    public string Client { get; set; } = "";
    public decimal ValueYuan { get; set; }
    public DateTime? CompletedOn { get; set; }
    public string? Description { get; set; }
}
