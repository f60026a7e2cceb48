using Portal.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Portal.Domain.Suppliers;
using Portal.Features.Suppliers;
using Portal.Search;
using Xunit.Abstractions;

namespace Portal.Tests.Search;

/// <summary>
/// Ranking quality of the supplier search, measured against human relevance judgments
/// (Search/relevance-judgments.json: buyer queries in Chinese, English and mixed, each supplier graded 0–3 by
/// reading its profile). The score is nDCG@10 with gains 2^grade − 1; the mean over all queries must reach 0.80.
/// Do not edit the judgments to make this pass — tune the ranking.
/// </summary>
public sealed class RelevanceTests(RelevanceFixture fixture, ITestOutputHelper output) : IClassFixture<RelevanceFixture>
{
    public const double MinimumMeanNdcg = 0.80;
    public const int Depth = 10;

    [Fact]
    public void MeanNdcgAtTenReachesTheTarget()
    {
        var results = fixture.Evaluate();
        var mean = results.Average(r => r.Ndcg);

        output.WriteLine($"Mean nDCG@{Depth} over {results.Count} queries: {mean:F3} (target {MinimumMeanNdcg:F2})");
        foreach (var language in results.GroupBy(r => r.Judged.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {language.Key,-5} {language.Average(r => r.Ndcg):F3} over {language.Count()} queries");
        }
        output.WriteLine("");
        foreach (var result in results)
        {
            output.WriteLine($"{result.Ndcg:F3}  [{result.Judged.Language}] {Shorten(result.Judged.Query, 60)}");
        }

        var worst = Describe(results.OrderBy(r => r.Ndcg).Take(10), "Worst 10 queries");
        output.WriteLine("");
        output.WriteLine(worst);

        Assert.True(mean >= MinimumMeanNdcg,
            $"Mean nDCG@{Depth} is {mean:F3}, below {MinimumMeanNdcg:F2}. Tune the ranking, not the judgments.\n{worst}");
    }

    [Fact]
    public void EveryJudgedQueryFindsAtLeastOneRelevantSupplierInTheTopTen()
    {
        var misses = fixture.Evaluate().Where(r => !r.Top.Any(hit => hit.Grade > 0)).ToList();
        var report = Describe(misses, "Queries with no relevant supplier in the top ten");
        if (misses.Count > 0)
        {
            output.WriteLine(report);
        }
        Assert.True(misses.Count == 0, $"{misses.Count} judged queries found no relevant supplier in the top {Depth}.\n{report}");
    }

    private static string Describe(IEnumerable<QueryResult> results, string heading)
    {
        var text = new StringBuilder().AppendLine(heading + ":");
        foreach (var result in results)
        {
            var expected = string.Join(", ", result.Judged.Judgments
                .OrderByDescending(j => j.Value)
                .Select(j => $"{j.Value}·{result.NameOf(j.Key)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"- nDCG {result.Ndcg:F3} [{result.Judged.Language}] {result.Judged.Query}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    judged: {expected}");
            if (result.Top.Count == 0)
            {
                text.AppendLine("    (no results)");
            }
            for (var i = 0; i < result.Top.Count; i++)
            {
                var hit = result.Top[i];
                text.AppendLine(CultureInfo.InvariantCulture, $"    {i + 1,2}. [{hit.Grade}] {hit.Name} ({hit.Score:F2})");
            }
        }
        return text.ToString();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

/// <summary>One graded query of relevance-judgments.json: creditCode → grade (3 exact niche, 2 capable, 1 marginal).</summary>
public sealed record JudgedQuery(string Query, string Language, Dictionary<string, int> Judgments);

public sealed record RankedHit(string Name, string CreditCode, int Grade, float Score);

public sealed record QueryResult(JudgedQuery Judged, IReadOnlyList<RankedHit> Top, double Ndcg, IReadOnlyDictionary<string, string> Names)
{
    public string NameOf(string creditCode) => Names.TryGetValue(creditCode, out var name) ? name : creditCode;
}

/// <summary>The seeded suppliers, indexed once into a temporary Lucene index, and the judgments.</summary>
public sealed class RelevanceFixture : IDisposable
{
    public static readonly DateTime SeededAtUtc = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-relevance-" + Guid.NewGuid().ToString("N"));
    private readonly SupplierIndex _index;
    private readonly Dictionary<Guid, string> _creditCodes;
    private readonly Dictionary<string, string> _names;
    private readonly Lazy<IReadOnlyList<QueryResult>> _results;

    public RelevanceFixture()
    {
        var inputs = Read<SupplierInput>(Path.Combine(AppContext.BaseDirectory, "seed-data", "suppliers.json"));
        var suppliers = inputs
            .Select(input => Supplier.Register(input.ToProfile(), null, SizeThresholdTable.Official, SeededAtUtc))
            .ToList();
        _creditCodes = suppliers.ToDictionary(s => s.Id, s => s.CreditCode!);
        _names = suppliers.ToDictionary(s => s.CreditCode!, s => s.Name);

        Judged = Read<JudgedQuery>(Path.Combine(AppContext.BaseDirectory, "Search", "relevance-judgments.json"));
        var unknown = Judged.SelectMany(q => q.Judgments.Keys.Where(code => !_names.ContainsKey(code)).Select(code => $"{code} in \"{q.Query}\""))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException("The judgments name suppliers that are not in the seed data: " + string.Join("; ", unknown));
        }

        _index = new SupplierIndex(_directory, new FixedClock(SeededAtUtc));
        _index.Rebuild(suppliers);
        _results = new Lazy<IReadOnlyList<QueryResult>>(() => Judged.Select(Run).ToList());
    }

    public IReadOnlyList<JudgedQuery> Judged { get; }

    /// <summary>Every judged query run once (page 1, ten results) and scored.</summary>
    public IReadOnlyList<QueryResult> Evaluate() => _results.Value;

    private QueryResult Run(JudgedQuery judged)
    {
        var result = _index.Search(new SupplierQuery(judged.Query, PageSize: RelevanceTests.Depth));
        var top = result.Items
            .Take(RelevanceTests.Depth)
            .Select(hit =>
            {
                var code = _creditCodes[hit.Id];
                return new RankedHit(hit.Name, code, judged.Judgments.GetValueOrDefault(code), hit.Score);
            })
            .ToList();
        return new QueryResult(judged, top, Ndcg(top.Select(h => h.Grade), judged.Judgments.Values), _names);
    }

    /// <summary>nDCG@10: Σ (2^grade − 1) / log2(rank + 1) over the ranking, divided by the same sum for the ideal order.</summary>
    public static double Ndcg(IEnumerable<int> rankedGrades, IEnumerable<int> judgedGrades)
    {
        static double Dcg(IEnumerable<int> grades) => grades
            .Take(RelevanceTests.Depth)
            .Select((grade, i) => (Math.Pow(2, grade) - 1) / Math.Log2(i + 2))
            .Sum();

        var ideal = Dcg(judgedGrades.Where(g => g > 0).OrderByDescending(g => g));
        return ideal == 0 ? 0 : Dcg(rankedGrades) / ideal;
    }

    private static List<T> Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<T>>(stream, _json) ?? throw new InvalidOperationException($"{path} is empty.");
    }

    public void Dispose()
    {
        _index.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>A clock stopped at one instant.</summary>
