using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// The needs buyers search with: short queries of two to six words (Chinese, English or both) and lot-style descriptions
/// of 60 to 200 characters built from tender wording, about 30% of them with one filter. Page 1, ten results.
/// </summary>
internal static class SyntheticNeeds
{
    public const int PageSize = 10;

    private static readonly SizeClass[] _sizeClasses = [SizeClass.Micro, SizeClass.Small, SizeClass.Small, SizeClass.Medium, SizeClass.Medium, SizeClass.Large];
    private static readonly decimal[] _projectValues = [500_000m, 1_000_000m, 3_000_000m, 10_000_000m];
    private static readonly int[] _projectYears = [3, 5];

    public static List<SupplierQuery> Generate(SeedVocabulary seeds, int count, int seed, PortalAnalyzer analyzer)
    {
        var random = new Random(seed);
        var needs = new List<SupplierQuery>(count);
        while (needs.Count < count)
        {
            var text = Text(random, seeds);
            // A need of stop words only ("and the") finds nothing in any engine and measures nothing.
            if (analyzer.Terms(SupplierDocuments.Capabilities, text, limit: 1).Count > 0)
            {
                needs.Add(WithFilter(random, seeds, new SupplierQuery(text, Page: 1, PageSize: PageSize)));
            }
        }
        return needs;
    }

    private static string Text(Random random, SeedVocabulary seeds) => random.NextDouble() switch
    {
        < 0.25 => Words(random, () => ChineseWord(random, seeds)),
        < 0.35 => Words(random, () => EnglishWord(random, seeds)),
        < 0.50 => Words(random, () => random.Chance(0.5) ? ChineseWord(random, seeds) : EnglishWord(random, seeds)),
        < 0.85 => LotDescription(random, seeds),
        _ => EnglishLotDescription(random, seeds),
    };

    private static string Words(Random random, Func<string> word) =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, 7)).Select(_ => word()));

    /// <summary>Two to four consecutive Han characters of a seed text: 垃圾分类, 漏损, 适老化…</summary>
    private static string ChineseWord(Random random, SeedVocabulary seeds)
    {
        var run = random.Pick(seeds.HanRuns);
        var length = Math.Min(run.Length, random.Next(2, 5));
        return run.Substring(random.Next(run.Length - length + 1), length);
    }

    private static string EnglishWord(Random random, SeedVocabulary seeds) =>
        random.Chance(0.5) ? random.Pick(seeds.EnglishTerms) : random.Pick(seeds.EnglishWords);

    /// <summary>Clauses of lot descriptions, with some capability clauses, up to a length of 60–200 characters.</summary>
    private static string LotDescription(Random random, SeedVocabulary seeds)
    {
        var target = random.Next(60, 201);
        var clauses = new List<string>();
        while (clauses.Sum(c => c.Length + 1) < target)
        {
            clauses.Add(random.Chance(0.7)
                ? random.Pick(seeds.NeedClauses)
                : random.Pick(seeds.CapabilityClauses(random.Pick(Categories.All).Key)));
        }
        var text = string.Join('，', clauses);
        return (text.Length >= target ? text[..(target - 1)] : text) + "。";
    }

    /// <summary>An English lot description of 60–200 characters in tender phrasing with the seeds' terms.</summary>
    private static string EnglishLotDescription(Random random, SeedVocabulary seeds)
    {
        string Category() => random.Pick(Categories.All).NameEn.ToLowerInvariant();
        string Term() => random.Pick(seeds.EnglishTerms);
        var target = random.Next(60, 201);
        var sentences = new List<string>();
        while (sentences.Sum(s => s.Length + 2) < target)
        {
            sentences.Add(random.Next(4) switch
            {
                0 => $"Supply, installation and {random.Next(1, 6)}-year maintenance of a {Category()} system",
                1 => $"integration with {Term()}, {Term()} and {Term()}",
                2 => $"devices must support {Term()} and report to the city {Category()} platform",
                _ => $"the supplier provides {random.Pick(seeds.EnglishWords)} {random.Pick(seeds.EnglishWords)} services and operator training",
            });
        }
        var text = string.Join("; ", sentences);
        return (text.Length >= target ? text[..(target - 1)] : text) + ".";
    }

    /// <summary>Seven needs in ten search everything; the others filter on one of the five filters of the search page.</summary>
    private static SupplierQuery WithFilter(Random random, SeedVocabulary seeds, SupplierQuery query)
    {
        if (!random.Chance(0.3))
        {
            return query;
        }
        return random.Next(5) switch
        {
            0 => query with { SizeClass = random.Pick(_sizeClasses) },
            1 => query with { Certification = random.Pick(seeds.CertificationNames) },
            2 => query with { Region = random.Pick(seeds.Regions) },
            3 => query with { Category = random.Pick(Categories.All).Key },
            _ => query with { MinProjectValueYuan = random.Pick(_projectValues), WithinYears = random.Pick(_projectYears) },
        };
    }
}
