using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Localization;

namespace Portal.Tests.Components;

/// <summary>MudBlazor's own texts come out of the portal's translations: a table pager reads in Chinese.</summary>
public sealed class MudLocalizationTests : MudBlazorTestContext
{
    public MudLocalizationTests() => Services.AddPortalMudLocalization();

    private IRenderedComponent<MudTable<int>> TableOf62() => Render<MudTable<int>>(p => p
        .Add(t => t.Items, Enumerable.Range(1, 62).ToList())
        .Add(t => t.RowsPerPage, 15)
        .Add(t => t.RowTemplate, i => $"<td>{i}</td>")
        .Add(t => t.PagerContent, (RenderFragment)(b =>
        {
            b.OpenComponent<MudTablePager>(0);
            b.CloseComponent();
        })));

    [Fact]
    public void ATablePagerReadsInChinese()
    {
        using var culture = new UiCulture("zh-CN");

        var table = TableOf62();

        var pager = table.Find(".mud-table-pagination").TextContent;
        Assert.Contains("每页行数：", pager);
        Assert.Contains("第 1-15 条，共 62 条", pager);
        Assert.DoesNotContain("Rows per page", pager);
        Assert.DoesNotContain(" of ", pager);
        Assert.Equal("下一页", table.Find("button[aria-label='下一页']").GetAttribute("aria-label"));
    }

    [Fact]
    public void InEnglishMudBlazorKeepsItsOwnTexts()
    {
        using var culture = new UiCulture("en");

        var pager = TableOf62().Find(".mud-table-pagination").TextContent;

        Assert.Contains("Rows per page:", pager);
        Assert.Contains("1-15 of 62", pager);
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public UiCulture(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
