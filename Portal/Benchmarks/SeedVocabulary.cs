using System.Text.RegularExpressions;
using Portal.Data.Seeding;
using Portal.Domain;
using Portal.Features.Suppliers;

namespace Portal.Benchmarks;

/// <summary>
/// The words synthetic suppliers and needs are made of, all taken from <c>seed-data/</c>: clauses of the capability
/// narratives, past projects and clients, certifications, regions, name parts, English terms and tender wording.
/// </summary>
internal sealed partial class SeedVocabulary
{
    private static readonly char[] _clauseBreaks = ['，', '。', '；', '、'];

    private readonly Dictionary<string, List<string>> _clausesByCategory;
    private readonly Dictionary<string, List<PastProjectInput>> _projectsByCategory;

    private SeedVocabulary(IReadOnlyList<SupplierInput> suppliers, IReadOnlyList<SeedTender> tenders)
    {
        Suppliers = suppliers;
        Regions = [.. suppliers.Select(s => s.Region)];
        CertificationNames = [.. suppliers.SelectMany(s => s.Certifications ?? []).Select(c => c.Name ?? c.CertificationKey ?? "").Distinct()];
        Clients = [.. suppliers.SelectMany(s => s.PastProjects ?? []).Select(p => p.Client).Distinct()];
        _clausesByCategory = Categories.All.ToDictionary(c => c.Key, c => suppliers
            .Where(s => s.Categories?.Contains(c.Key) == true)
            .SelectMany(s => Clauses(s.Capabilities))
            .ToList());
        _projectsByCategory = Categories.All.ToDictionary(c => c.Key, c => suppliers
            .Where(s => s.Categories?.Contains(c.Key) == true)
            .SelectMany(s => s.PastProjects ?? [])
            .ToList());
        NeedClauses = [.. tenders.SelectMany(t => t.Lots.Select(l => l.Description).Prepend(t.Description)).SelectMany(Clauses)];

        var texts = suppliers.SelectMany(s => (s.PastProjects ?? []).Select(p => p.Description ?? "").Prepend(s.Capabilities))
            .Concat(NeedClauses)
            .ToList();
        EnglishTerms = [.. texts.SelectMany(t => LatinTerm().Matches(t).Select(m => m.Value)).Where(t => t.Length > 1).Distinct(StringComparer.Ordinal)];
        HanRuns = [.. texts.SelectMany(t => HanRun().Matches(t).Select(m => m.Value))];

        Names = [.. suppliers.Select(ParseName)];
        CityNames = suppliers
            .Where(s => s.NameEn is not null && s.Name.StartsWith(s.Region.TrimEnd('市'), StringComparison.Ordinal))
            .GroupBy(s => s.Region)
            .ToDictionary(g => g.Key, g => g.First().NameEn!.Split(' ')[0]);
        EnglishWords = [.. Categories.All.SelectMany(c => c.NameEn.Split(' '))
            .Concat(Names.SelectMany(n => n.BusinessEn?.Split(' ') ?? []))
            .Select(w => w.ToLowerInvariant())
            .Where(w => w.Length > 2)
            .Distinct()];
        EnglishBrands = [.. Names.Select(n => n.BrandEn).OfType<string>()];
    }

    /// <summary>The seed profiles themselves, the templates of synthetic ones.</summary>
    public IReadOnlyList<SupplierInput> Suppliers { get; }

    /// <summary>One region per seed profile, so that regions are drawn as often as they occur.</summary>
    public IReadOnlyList<string> Regions { get; }

    public IReadOnlyList<string> CertificationNames { get; }

    public IReadOnlyList<string> Clients { get; }

    /// <summary>Clauses of the tender and lot descriptions: how needs are worded.</summary>
    public IReadOnlyList<string> NeedClauses { get; }

    /// <summary>Latin-script terms used in the Chinese texts: NB-IoT, LoRaWAN, MQTT, BIM, Cat.1…</summary>
    public IReadOnlyList<string> EnglishTerms { get; }

    /// <summary>Runs of two or more Han characters in the seed texts, from which short Chinese needs are cut.</summary>
    public IReadOnlyList<string> HanRuns { get; }

    /// <summary>Lower-case English words of the category names and of the seed firms' English names.</summary>
    public IReadOnlyList<string> EnglishWords { get; }

    /// <summary>The brand and line of business of each seed firm's name, in Chinese and (when it has one) in English.</summary>
    public IReadOnlyList<SeedName> Names { get; }

    /// <summary>The brands of the seed firms' English names: Lvyuan, Tongqu, Jingjie…</summary>
    public IReadOnlyList<string> EnglishBrands { get; }

    /// <summary>The English city name of a region, where a seed firm's English name shows it.</summary>
    public IReadOnlyDictionary<string, string> CityNames { get; }

    public static async Task<SeedVocabulary> LoadAsync(CancellationToken cancellationToken = default)
    {
        var content = await DatabaseInitializer.ReadSeedFilesAsync(DatabaseInitializer.SeedDirectory, includeHistory: false, cancellationToken);
        return new SeedVocabulary(content.Suppliers, content.Tenders);
    }

    /// <summary>Capability clauses of the seed firms in a category.</summary>
    public IReadOnlyList<string> CapabilityClauses(string category) => _clausesByCategory[category];

    /// <summary>Past projects of the seed firms in a category.</summary>
    public IReadOnlyList<PastProjectInput> Projects(string category) => _projectsByCategory[category];

    private static IEnumerable<string> Clauses(string text) =>
        text.Split(_clauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"杭州绿源智能分类科技有限公司" → brand 绿源, business 智能分类科技有限公司 (the place comes from the region).</summary>
    private static SeedName ParseName(SupplierInput supplier)
    {
        var name = supplier.Name;
        var city = supplier.Region.TrimEnd('市');
        var rest = name.StartsWith(supplier.Region, StringComparison.Ordinal) ? name[supplier.Region.Length..]
            : name.StartsWith(city, StringComparison.Ordinal) ? name[city.Length..]
            : name[2..];
        var english = supplier.NameEn is null ? null : EnglishName().Match(supplier.NameEn);
        return english is { Success: true }
            ? new SeedName(rest[..2], rest[2..], english.Groups["brand"].Value, english.Groups["business"].Value)
            : new SeedName(rest[..2], rest[2..], null, null);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9])")]
    private static partial Regex LatinTerm();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}{2,}")]
    private static partial Regex HanRun();

    [GeneratedRegex(@"^\S+ (?<brand>\S+) (?<business>.+) Co\., Ltd\.$")]
    private static partial Regex EnglishName();
}

/// <summary>A firm name without its place: "绿源" + "智能分类科技有限公司", "Lvyuan" + "Smart Sorting Technology".</summary>
internal sealed record SeedName(string Brand, string Business, string? BrandEn, string? BusinessEn);
