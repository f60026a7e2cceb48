using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Benchmarks;

/// <summary>
/// Realistic suppliers made by recombining the seed profiles: each starts from a seed firm (industry, size data,
/// categories, credit-code division) and gets a new name, a narrative of seed clauses from its categories with English
/// terms mixed in, certifications and one to four past projects. The same seed gives the same suppliers.
/// </summary>
internal static class SyntheticSuppliers
{
    /// <summary>The characters of a unified social credit code (GB 32100-2015), a character's value being its index.</summary>
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The number of 9-character organisation codes; index × a prime other than 31 enumerates them without repeats.</summary>
    private const long OrganisationCodes = 31L * 31 * 31 * 31 * 31 * 31 * 31 * 31 * 31;

    private const long OrganisationStride = 1_000_000_007;

    public static List<Supplier> Generate(SeedVocabulary seeds, int count, int seed, DateTime nowUtc)
    {
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(nowUtc);
        var suppliers = new List<Supplier>(count);
        for (var i = 0; i < count; i++)
        {
            suppliers.Add(Supplier.Register(Profile(random, seeds, i, today), ownerUserId: null, SizeThresholdTable.Official, nowUtc));
        }
        return suppliers;
    }

    private static SupplierProfile Profile(Random random, SeedVocabulary seeds, int index, DateOnly today)
    {
        var templateIndex = random.Next(seeds.Suppliers.Count);
        var template = seeds.Suppliers[templateIndex];
        var region = random.Chance(0.7) ? template.Region : random.Pick(seeds.Regions);
        var categories = (template.Categories ?? []).ToList();
        if (categories.Count < Supplier.MaxCategories && random.Chance(0.3))
        {
            categories.Add(random.Pick(Categories.All).Key);
        }
        categories = [.. categories.Distinct()];

        var (name, nameEn) = Name(random, seeds, seeds.Names[templateIndex], region);
        var scale = 0.4 + random.NextDouble() * 1.8;
        return new SupplierProfile(
            name,
            nameEn,
            CreditCodeFor(template.CreditCode, index),
            template.Industry,
            Math.Max(1, (int)Math.Round(template.Employees * scale)),
            Round(template.RevenueYuan * (decimal)scale, 10_000),
            Round(template.AssetsYuan * (decimal)scale, 10_000),
            region,
            Capabilities(random, seeds, categories),
            categories,
            Certifications(random, seeds, template.Certifications?.Select(c => c.Name ?? c.CertificationKey ?? "") ?? [], today),
            Projects(random, seeds, categories, today));
    }

    /// <summary>The region's city, a brand of two characters taken from two seed brands, and the template's line of business.</summary>
    private static (string Name, string? NameEn) Name(Random random, SeedVocabulary seeds, SeedName business, string region)
    {
        var brand = $"{random.Pick(seeds.Names).Brand[0]}{random.Pick(seeds.Names).Brand[1]}";
        var name = region.TrimEnd('市') + brand + business.Business;
        var nameEn = business.BusinessEn is not null && seeds.CityNames.TryGetValue(region, out var city) && random.Chance(0.7)
            ? $"{city} {random.Pick(seeds.EnglishBrands)} {business.BusinessEn} Co., Ltd."
            : null;
        return (name, nameEn);
    }

    /// <summary>Two to four sentences of three to six clauses from seed firms of the same categories.</summary>
    private static string Capabilities(Random random, SeedVocabulary seeds, List<string> categories)
    {
        var sentences = new List<string>();
        for (var count = random.Next(2, 5); sentences.Count < count;)
        {
            var clauses = new List<string>();
            for (var length = random.Next(3, 7); clauses.Count < length;)
            {
                clauses.Add(random.Chance(0.1)
                    ? $"支持{random.Pick(seeds.EnglishTerms)}、{random.Pick(seeds.EnglishTerms)}与{random.Pick(seeds.EnglishTerms)}"
                    : random.Pick(seeds.CapabilityClauses(random.Pick(categories))));
            }
            sentences.Add(string.Join('，', clauses) + '。');
        }
        return string.Concat(sentences);
    }

    /// <summary>Most of the template's certifications and up to two more; valid until a day from a year ago to four years on.</summary>
    private static List<Certification> Certifications(Random random, SeedVocabulary seeds, IEnumerable<string> template, DateOnly today)
    {
        var names = template.Where(_ => random.Chance(0.8)).ToList();
        for (var extra = random.Next(3); extra > 0; extra--)
        {
            names.Add(random.Pick(seeds.CertificationNames));
        }
        return [.. names
            .DistinctBy(Certification.NameKey)
            .Select(name => new Certification(name, today.AddDays(random.Next(-365, 4 * 365))))];
    }

    /// <summary>One to four seed projects of the supplier's categories, with new values, dates and sometimes clients.</summary>
    private static List<PastProject> Projects(Random random, SeedVocabulary seeds, List<string> categories, DateOnly today)
    {
        var projects = new List<PastProject>();
        for (var count = random.Next(1, 5); projects.Count < count;)
        {
            var source = random.Pick(seeds.Projects(random.Pick(categories)));
            projects.Add(new PastProject(
                source.Title,
                random.Chance(0.5) ? source.Client : random.Pick(seeds.Clients),
                Math.Max(10_000, Round(source.ValueYuan * (decimal)(0.3 + random.NextDouble() * 2.7), 1_000)),
                today.AddDays(-random.Next(30, 6 * 365)),
                source.Description));
        }
        return projects;
    }

    /// <summary>The template's authority, type and division, a distinct organisation code per index, and the check character.</summary>
    private static string CreditCodeFor(string template, int index)
    {
        var organisation = index * OrganisationStride % OrganisationCodes;
        var digits = new char[9];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = CodeAlphabet[(int)(organisation % CodeAlphabet.Length)];
            organisation /= CodeAlphabet.Length;
        }
        var first17 = template[..8] + new string(digits);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static decimal Round(decimal value, decimal unit) => Math.Round(value / unit) * unit;
}
