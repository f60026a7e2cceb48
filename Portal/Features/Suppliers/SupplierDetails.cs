using System.Text.Json.Serialization;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Localization;

namespace Portal.Features.Suppliers;

/// <summary>
/// A supplier's public profile, with the size class the portal derived and the reason for it; an imported profile names its
/// source, and <c>claimed</c> says whether a portal user maintains it.
/// </summary>
public sealed record SupplierDetails(
    Guid Id,
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
    IReadOnlyList<CertificationView> Certifications,
    IReadOnlyList<PastProjectInput> PastProjects,
    string SizeClass,
    [property: JsonIgnore] Phrase SizeReasonPhrase,
    DateTime UpdatedAt,
    string? ImportedFrom,
    bool Claimed)
{
    /// <summary>Why the size class, in the request's language (pages render <see cref="SizeReasonPhrase"/>).</summary>
    [JsonPropertyOrder(1)]
    public string SizeReason => PortalText.Render(SizeReasonPhrase);

    public static SupplierDetails From(Supplier s, SizeThresholdTable thresholds) => new(
        s.Id, s.Name, s.NameEn, s.CreditCode ?? "", s.IndustryKey, s.Employees, s.RevenueYuan, s.AssetsYuan, s.Region,
        s.Capabilities, s.Categories,
        s.Certifications.Select(c => CertificationView.From(s.Id, c)).ToList(),
        s.PastProjects.Select(p => new PastProjectInput(p.Title, p.Client, p.ValueYuan, p.CompletedOn, p.Description)).ToList(),
        s.SizeClass.ToKey(),
        s.ExplainSize(thresholds).Reason,
        s.UpdatedAtUtc,
        s.ImportedFrom,
        s.OwnerUserId is not null);

    public SupplierInput ToInput() => new(
        Name, NameEn, CreditCode, Industry, Employees, RevenueYuan, AssetsYuan, Region, Capabilities,
        [.. Categories], [.. Certifications.Select(c => new CertificationInput(c.Name, c.ValidUntil, c.CertificationKey))], [.. PastProjects]);
}

/// <summary>
/// A certification of a public profile: its id, kind (<c>certificationKey</c>, <c>other</c> for free text), its name in
/// the reader's language, its validity, and whether its certificate was uploaded. The certificate itself is at
/// <c>evidenceUrl</c> for the profile's owner, officers and evaluators only (decision 0023).
/// </summary>
public sealed record CertificationView(
    Guid Id,
    string CertificationKey,
    string Name,
    DateOnly ValidUntil,
    bool EvidenceUploaded,
    DateTime? EvidenceUploadedAt,
    string? EvidenceUrl)
{
    public static CertificationView From(Guid supplierId, Certification c) => new(
        c.Id,
        c.KindKey,
        c.Kind is { } kind ? PortalText.Translate(kind.NameEn) : c.Name ?? "",
        c.ValidUntil,
        c.Evidence is not null,
        c.Evidence?.UploadedAtUtc,
        c.Evidence is null ? null : $"/api/v1/suppliers/{supplierId}/certifications/{c.Id}/evidence");
}
