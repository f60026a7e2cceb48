using Portal.Domain.Suppliers;
using Portal.Localization;
using Portal.Search;

namespace Portal.Features.Suppliers;

/// <summary>
/// The search index labels a certification by its kind's key (or the supplier's text for "other"); people read the
/// kind's name in their language (the current UI culture: the page's, or the API request's).
/// </summary>
public static class CertificationLabels
{
    public static string Name(string? label) =>
        CertificationCatalogue.Find(label) is { } kind ? PortalText.Translate(kind.NameEn) : label ?? "";

    /// <summary>A search result with its certifications named in the reader's language (the API's answer).</summary>
    public static SupplierSearchResult Named(SupplierSearchResult result) => result with
    {
        Items = [.. result.Items.Select(hit => hit with { Certifications = [.. hit.Certifications.Select(Name)] })],
        Facets = result.Facets with
        {
            Certification = result.Facets.Certification
                .GroupBy(f => Name(f.Key))
                .ToDictionary(g => g.Key, g => g.Sum(f => f.Value)),
        },
    };
}
