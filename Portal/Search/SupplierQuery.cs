using Portal.Domain.Suppliers;

namespace Portal.Search;

/// <summary>A search of the supplier library: free text plus filters, one page of results.</summary>
public sealed record SupplierQuery(
    string? Text,
    SizeClass? SizeClass = null,
    string? Certification = null,
    string? Region = null,
    string? Category = null,
    decimal? MinProjectValueYuan = null,
    int? WithinYears = null,
    int Page = 1,
    int PageSize = 20,
    SupplierSort Sort = SupplierSort.Relevance)
{
    public const int MaxPageSize = 100;

    public bool HasFilters =>
        SizeClass is not null || !string.IsNullOrWhiteSpace(Certification) || !string.IsNullOrWhiteSpace(Region)
        || !string.IsNullOrWhiteSpace(Category) || MinProjectValueYuan is not null || WithinYears is not null;
}

public enum SupplierSort
{
    /// <summary>Best match first; with no text to match, SMEs first, then the most recently updated profiles.</summary>
    Relevance,
    Name,
    NameDescending,
}

/// <summary>
/// One supplier found, with why: the matched index terms (<paramref name="MatchedTerms"/>: CJK bigrams, English stems),
/// the same hits as the profile writes them (<paramref name="MatchedWords"/>: 垃圾分类监管, Monitoring), and a snippet
/// where they are marked with &lt;mark&gt;.
/// </summary>
public sealed record SupplierHit(
    Guid Id,
    string Name,
    string SizeClass,
    string Region,
    IReadOnlyList<string> Certifications,
    float Score,
    string Snippet,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<string> MatchedWords);

/// <summary>How many of all matching suppliers fall in each filter value.</summary>
public sealed record SupplierFacets(
    IReadOnlyDictionary<string, int> SizeClass,
    IReadOnlyDictionary<string, int> Region,
    IReadOnlyDictionary<string, int> Category,
    IReadOnlyDictionary<string, int> Certification);

public sealed record SupplierSearchResult(int Total, IReadOnlyList<SupplierHit> Items, SupplierFacets Facets, bool NothingToSearchFor)
{
    public static SupplierSearchResult Nothing { get; } = new(0, [], new SupplierFacets(
        new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>()), true);
}
