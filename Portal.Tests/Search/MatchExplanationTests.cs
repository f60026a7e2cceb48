using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Portal.Domain.Suppliers;
using Portal.Features.Tenders;
using Portal.Search;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>
/// Why a supplier matched, in the words its profile writes (a real Lucene index on disk): the analyzer's bigrams and
/// stems are joined back into the phrases and words they come from.
/// </summary>
public sealed class MatchExplanationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "portal-match-words", Guid.NewGuid().ToString("N"));
    private readonly SupplierIndex _index;

    public MatchExplanationTests() => _index = new SupplierIndex(_path, new FixedClock(DomainBuilders.Now));

    private static Supplier Supplier(string capabilities, string projectDescription = "400 on-street bays") =>
        DomainBuilders.RegisterSupplier(DomainBuilders.ValidProfile(pastProjects:
            [new PastProject("城东项目", "城东街道", 1_000_000m, DomainBuilders.Today.AddYears(-1), projectDescription)]) with
        {
            Capabilities = capabilities,
        });

    [Fact]
    public void OverlappingBigramsComeBackAsThePhraseAndStemsAsTheWordAsWritten()
    {
        _index.Rebuild([Supplier("承建垃圾分类监管数据平台，提供 Monitoring of overflowing bins 与运维。")]);

        var hit = Assert.Single(_index.Search(new SupplierQuery("城区垃圾分类监管 bin monitoring")).Items);

        // The index matched bigrams and stems…
        Assert.Contains("圾分", hit.MatchedTerms);
        Assert.Contains("monitor", hit.MatchedTerms);
        // …the reader is shown what the profile says.
        Assert.Contains("垃圾分类监管", hit.MatchedWords);
        Assert.Contains("Monitoring", hit.MatchedWords);
        Assert.Contains("bins", hit.MatchedWords);
        Assert.DoesNotContain("圾分", hit.MatchedWords);
        Assert.DoesNotContain("monitor", hit.MatchedWords);
        // The word joining the most matched tokens comes first.
        Assert.Equal("垃圾分类监管", hit.MatchedWords[0]);
    }

    [Fact]
    public void TwoWordsWrittenTogetherStayTwoWordsWhenTheNeedHasThemApart()
    {
        _index.Rebuild([Supplier("智慧停车高位视频识别系统")]);

        var hit = Assert.Single(_index.Search(new SupplierQuery("智慧停车 高位视频")).Items);

        Assert.Equal(["智慧停车", "高位视频"], hit.MatchedWords);
        // The snippet still marks them as one run.
        Assert.Contains("<mark>智慧停车高位视频</mark>", hit.Snippet);
    }

    [Fact]
    public void AWordInsideALongerMatchedWordIsNotRepeated()
    {
        _index.Rebuild([Supplier("厨余垃圾分类投放站建设", projectDescription: "分类 收运 Sorting")]);

        var hit = Assert.Single(_index.Search(new SupplierQuery("垃圾分类 sorting")).Items);

        Assert.Contains("垃圾分类", hit.MatchedWords);
        Assert.DoesNotContain("分类", hit.MatchedWords);
        Assert.Single(hit.MatchedWords, w => w.Equals("sorting", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(3f, 3f, 1.0)]
    [InlineData(1.5f, 3f, 0.5)]
    [InlineData(1f, 3f, 0.333)]
    [InlineData(0f, 3f, 0.0)]
    [InlineData(2f, 0f, 0.0)]
    public void RelevanceIsTheScoreAsAShareOfTheBest(float score, float best, double expected) =>
        Assert.Equal(expected, LotMatching.Relevance(score, best));

    [Fact]
    public void WithoutTextTheLibraryListsSmesFirstNewestProfilesFirstWithPaging()
    {
        var oldSmall = Sized(SizeClass.Small, "甲", daysAgo: 30);
        var newMicro = Sized(SizeClass.Micro, "乙", daysAgo: 1);
        var newLarge = Sized(SizeClass.Large, "丙", daysAgo: 0);
        var medium = Sized(SizeClass.Medium, "丁", daysAgo: 10);
        _index.Rebuild([oldSmall, newLarge, medium, newMicro]);

        var all = _index.Search(new SupplierQuery(null));
        var first = _index.Search(new SupplierQuery("", PageSize: 2));
        var second = _index.Search(new SupplierQuery(null, Page: 2, PageSize: 2));

        Assert.False(all.NothingToSearchFor);
        Assert.Equal(4, all.Total);
        Assert.Equal([newMicro.Id, medium.Id, oldSmall.Id, newLarge.Id], all.Items.Select(h => h.Id));
        Assert.Equal([newMicro.Id, medium.Id], first.Items.Select(h => h.Id));
        Assert.Equal([oldSmall.Id, newLarge.Id], second.Items.Select(h => h.Id));
        Assert.Equal(4, second.Total);
        Assert.Equal(1, all.Facets.SizeClass["large"]);
        Assert.Equal(1, all.Facets.SizeClass["micro"]);
    }

    [Fact]
    public void FiltersAndFacetsWorkWithoutText()
    {
        _index.Rebuild([Sized(SizeClass.Small, "甲", 3), Sized(SizeClass.Small, "乙", 1), Sized(SizeClass.Large, "丙", 2)]);

        var small = _index.Search(new SupplierQuery(null, SizeClass: SizeClass.Small));

        Assert.Equal(2, small.Total);
        Assert.All(small.Items, h => Assert.Equal("small", h.SizeClass));
        Assert.Equal(["乙", "甲"], small.Items.Select(h => h.Name[..1]));
        Assert.Equal(2, small.Facets.SizeClass["small"]);
    }

    [Fact]
    public void TextWithNothingSearchableStillSaysSo()
    {
        _index.Rebuild([Sized(SizeClass.Small, "甲", 1)]);

        var result = _index.Search(new SupplierQuery("！？。，"));

        Assert.True(result.NothingToSearchFor);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void AnIndexWrittenBeforeTheBrowsingFieldsIsRebuilt()
    {
        var path = Path.Combine(_path, "old");
        using (var directory = FSDirectory.Open(path))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PortalAnalyzer.Version, new PortalAnalyzer())))
        {
            writer.AddDocument(new Document { new StringField("id", Guid.NewGuid().ToString("N"), Field.Store.YES) });
            writer.Commit();
        }

        using var reopened = new SupplierIndex(path, new FixedClock(DomainBuilders.Now));

        Assert.True(reopened.NeedsRebuild);
    }

    /// <summary>A supplier of a size class whose profile was last updated some days before now, named from a prefix.</summary>
    private static Supplier Sized(SizeClass size, string prefix, int daysAgo)
    {
        var (employees, revenue) = size switch
        {
            SizeClass.Micro => (5, 300_000m),
            SizeClass.Small => (120, 8_000_000m),
            SizeClass.Medium => (200, 20_000_000m),
            _ => (500, 200_000_000m),
        };
        var profile = DomainBuilders.ValidProfile(employees, revenue) with { Name = $"{prefix}{size}信息技术有限公司" };
        var supplier = Portal.Domain.Suppliers.Supplier.Register(profile, null, DomainBuilders.Table, DomainBuilders.Now.AddDays(-60));
        supplier.UpdateProfile(profile, DomainBuilders.Table, DomainBuilders.Now.AddDays(-daysAgo));
        return supplier;
    }

    public void Dispose()
    {
        _index.Dispose();
        if (System.IO.Directory.Exists(_path))
        {
            System.IO.Directory.Delete(_path, recursive: true);
        }
    }
}
