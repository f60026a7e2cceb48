using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Suppliers;
using Portal.Features.Suppliers.Pages;
using Portal.Search;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components;

/// <summary>The public library search page against a real Lucene index in a temporary folder.</summary>
public sealed class SupplierLibraryTests : MudBlazorTestContext, IDisposable
{
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "portal-bunit-index", Guid.NewGuid().ToString("N"));
    private readonly SupplierIndex _index;

    public SupplierLibraryTests()
    {
        _index = new SupplierIndex(_indexPath, new FixedClock(DomainBuilders.Now));
        var parking = DomainBuilders.RegisterSupplier();
        var waste = DomainBuilders.RegisterSupplier(DomainBuilders.ValidProfile() with
        {
            Name = "宁波分类宝环保科技有限公司",
            NameEn = null,
            CreditCode = "91330201MA2H8K7P4" + CreditCode.CheckCharacter("91330201MA2H8K7P4"),
            Region = "宁波市",
            Capabilities = "智能垃圾分类投放点与满溢监测，厨余垃圾破袋投放站。",
            Categories = ["smart-waste"],
        });
        _index.Rebuild([parking, waste]);
        Services.AddSingleton(_index);
    }

    [Fact]
    public void WithoutTextOrFilterItListsTheLibraryInBrowsingOrder()
    {
        var page = RenderInteractive<SupplierLibrary>();

        page.WaitForAssertion(() =>
        {
            var names = page.FindAll("[data-testid='result-name']").Select(a => a.TextContent).ToList();
            Assert.Equal(2, names.Count);
            Assert.Contains("宁波分类宝环保科技有限公司", names);
            Assert.Contains("2", page.Find("[data-testid='total']").TextContent);
            Assert.Single(page.FindAll("[data-testid='browse-order']"));
        }, TimeSpan.FromSeconds(3));
        Assert.Empty(page.FindAll("[data-testid='nothing-to-search']"));
    }

    [Fact]
    public void TextWithNothingSearchableSaysSo()
    {
        var page = RenderInteractive<SupplierLibrary>();

        page.Find("input[data-testid='search-text'], [data-testid='search-text'] input").Input("！？。");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='nothing-to-search']")), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void TypingANeedListsTheMatchingSupplierWithTheWordsMarked()
    {
        var page = RenderInteractive<SupplierLibrary>();

        page.Find("input[data-testid='search-text'], [data-testid='search-text'] input").Input("垃圾分类 满溢");

        page.WaitForAssertion(() =>
        {
            var names = page.FindAll("[data-testid='result-name']").Select(a => a.TextContent).ToList();
            Assert.Equal(["宁波分类宝环保科技有限公司"], names);
            Assert.Contains("<mark>垃圾分类</mark>", page.Find("[data-testid='result-snippet']").InnerHtml);
            Assert.Contains("1", page.Find("[data-testid='total']").TextContent);
        }, TimeSpan.FromSeconds(3));
        Assert.Empty(page.FindAll("[data-testid='nothing-to-search']"));
    }

    [Fact]
    public void HostileTextIsSearchedAsPlainWords()
    {
        var page = RenderInteractive<SupplierLibrary>();

        page.Find("input[data-testid='search-text'], [data-testid='search-text'] input").Input("parking AND \"sensors\" :*");

        page.WaitForAssertion(() =>
            Assert.Contains("杭州云栖智联科技有限公司", page.FindAll("[data-testid='result-name']").Select(a => a.TextContent)),
            TimeSpan.FromSeconds(3));
    }

    void IDisposable.Dispose()
    {
        _index.Dispose();
        Directory.Delete(_indexPath, recursive: true);
    }
}
