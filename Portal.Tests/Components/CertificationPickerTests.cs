using System.Globalization;
using Bunit;
using Portal.Components.Shared;

namespace Portal.Tests.Components;

/// <summary>
/// The certification picker of the profile form and the tender editor: kinds found by any of their names and aliases,
/// shown in the reader's language, and free text only through "other".
/// </summary>
public sealed class CertificationPickerTests : MudBlazorTestContext
{
    private string? _key;
    private string? _otherName;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<CertificationPicker> RenderPicker(string? key = null, string? otherName = null)
    {
        _key = key;
        _otherName = otherName;
        _popovers = Render<MudBlazor.MudPopoverProvider>();
        return Render<CertificationPicker>(p => p
            .Add(c => c.Key, key)
            .Add(c => c.OtherName, otherName)
            .Add(c => c.KeyChanged, value => _key = value)
            .Add(c => c.OtherNameChanged, value => _otherName = value)
            .Add(c => c.Label, "Certification")
            .Add(c => c.TestId, "picker"));
    }

    private IReadOnlyList<AngleSharp.Dom.IElement> Options() => [.. _popovers.FindAll(".mud-list-item")];

    [Fact]
    public async Task AChineseAliasFindsTheKindWhichIsChosenByItsKey()
    {
        var picker = RenderPicker();

        await picker.Find("input").InputAsync("等保3");

        picker.WaitForAssertion(() => Assert.Contains(Options(), o => o.TextContent.Contains("MLPS Level 3")));
        Assert.DoesNotContain(Options(), o => o.TextContent.Contains("ISO 9001"));
        Assert.Contains("Other (type the name)", Options()[^1].TextContent);
        await Options().First(o => o.TextContent.Contains("MLPS Level 3")).ClickAsync(new());

        picker.WaitForAssertion(() => Assert.Equal("mlps-3", _key));
        Assert.Empty(picker.FindAll("input[data-testid='picker-other'], [data-testid='picker-other'] input"));
    }

    [Fact]
    public async Task FreeTextGoesOnlyThroughOther()
    {
        var picker = RenderPicker();

        await picker.Find("input").InputAsync("涉密信息系统集成");
        picker.WaitForAssertion(() => Assert.Single(Options()));
        await Options()[0].ClickAsync(new());
        picker.WaitForAssertion(() => Assert.Equal("other", _key));
        picker.Render(p => p.Add(c => c.Key, _key));
        await picker.Find("input[data-testid='picker-other'], [data-testid='picker-other'] input").InputAsync("涉密信息系统集成甲级");

        Assert.Equal("涉密信息系统集成甲级", _otherName);
    }

    [Fact]
    public async Task InChineseTheKindsReadInChineseAndAreFoundByTheirEnglishNames()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var picker = RenderPicker(key: "cmmi-3");
            Assert.Equal("CMMI 三级", picker.Find("input").GetAttribute("value"));

            await picker.Find("input").InputAsync("MLPS Level 4");

            picker.WaitForAssertion(() => Assert.Contains(Options(), o => o.TextContent.Contains("网络安全等级保护四级")));
            Assert.Contains(Options(), o => o.TextContent.Contains("其他（填写名称）"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
