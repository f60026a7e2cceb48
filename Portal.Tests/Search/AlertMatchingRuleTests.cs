using Portal.Features.Alerts;

namespace Portal.Tests.Search;

/// <summary>When a saved search's words count as matching a lot (<see cref="SavedSearch"/>).</summary>
public sealed class AlertMatchingRuleTests : IDisposable
{
    private readonly SavedSearch _search = new();

    private bool Matches(string query, string lotTitle, string lotDescription = "", string tenderTitle = "") =>
        _search.Matches(query, _search.LotTerms(lotTitle, lotDescription, tenderTitle));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(5, 4)]
    [InlineData(6, 5)]
    [InlineData(8, 6)]
    [InlineData(12, 9)]
    public void ShortQueriesNeedEveryTermLongerOnesThreeQuarters(int terms, int required) =>
        Assert.Equal(required, SavedSearch.RequiredMatches(terms));

    [Fact]
    public void OneSharedChineseBigramIsNotAMatch()
    {
        Assert.True(Matches("智慧停车", "智慧停车诱导系统"));
        Assert.False(Matches("智慧养老", "智慧停车诱导系统"));
        Assert.False(Matches("停车场", "路内停车收费"));
    }

    [Fact]
    public void TheWordsMayBeSpreadOverTheLotsTitleNeedsAndTenderTitle()
    {
        Assert.True(Matches("高位视频 智慧停车", "标段1：泊位管理", "高位视频识别", "主城区智慧停车改造"));
        Assert.False(Matches("高位视频 智慧停车", "标段1：泊位管理", "地磁检测", "主城区智慧停车改造"));
    }

    [Fact]
    public void ALongQueryMatchesWithAClearMajorityOfItsTerms()
    {
        // 高位 位视 视频 车牌 牌识 识别 无人 人机: 8 terms, 6 needed; the lot lacks 无人 and 人机.
        Assert.True(Matches("高位视频 车牌识别 无人机", "高位视频车牌识别"));
        Assert.False(Matches("高位视频 车牌识别 无人机", "高位视频巡检"));
    }

    [Fact]
    public void EnglishWordsMatchByStemAndIgnoreCaseAndStopWords()
    {
        Assert.True(Matches("The Parking ENFORCING", "Guidance displays for on-street parking enforcement"));
        Assert.False(Matches("parking sensors", "Guidance displays for on-street parking enforcement"));
    }

    [Fact]
    public void QueryParserSyntaxIsJustText()
    {
        Assert.False(Matches("title:(停车 OR *)", "垃圾分类"));
        Assert.True(Matches("停车 AND \"*", "路内停车"));
        Assert.False(Matches("?!…", "路内停车"));
    }

    public void Dispose() => _search.Dispose();
}
