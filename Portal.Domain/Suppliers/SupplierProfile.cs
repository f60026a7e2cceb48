namespace Portal.Domain.Suppliers;

/// <summary>What a supplier states about itself; the <see cref="Supplier"/> entity checks and keeps it.</summary>
public sealed record SupplierProfile(
    string Name,
    string? NameEn,
    string CreditCode,
    string Industry,
    int Employees,
    decimal RevenueYuan,
    decimal AssetsYuan,
    string Region,
    string Capabilities,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Certification> Certifications,
    IReadOnlyList<PastProject> PastProjects);
