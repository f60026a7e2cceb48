using Portal.Domain.Suppliers;

namespace Portal.Features.Suppliers;

/// <summary>A supplier profile as the API, the profile form and the seed files write it (money in yuan).</summary>
public sealed record SupplierInput(
    string Name,
    string? NameEn,
    string CreditCode,
    string Industry,
    int Employees,
    decimal RevenueYuan,
    decimal AssetsYuan,
    string Region,
    string Capabilities,
    List<string>? Categories,
    List<CertificationInput>? Certifications,
    List<PastProjectInput>? PastProjects)
{
    /// <summary>Builds the domain profile; the domain objects check every field and throw <c>DomainException</c>.</summary>
    public SupplierProfile ToProfile() => new(
        Name, NameEn, CreditCode, Industry, Employees, RevenueYuan, AssetsYuan, Region, Capabilities,
        Categories ?? [],
        (Certifications ?? []).Select(c => new Certification(c.CertificationKey, c.Name, c.ValidUntil, "certifications")).ToList(),
        (PastProjects ?? []).Select(p => new PastProject(p.Title, p.Client, p.ValueYuan, p.CompletedOn, p.Description)).ToList());
}

/// <summary>
/// A certification held: <c>certificationKey</c> (a kind of <c>GET /api/v1/certification-kinds</c>) or <c>name</c>
/// (resolved through the kinds' aliases; text that names no kind is kept as "other"), and its validity.
/// </summary>
public sealed record CertificationInput(string? Name, DateOnly ValidUntil, string? CertificationKey = null);

public sealed record PastProjectInput(string Title, string Client, decimal ValueYuan, DateOnly CompletedOn, string? Description);
