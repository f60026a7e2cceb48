using System.Globalization;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Tests.Domain;

public sealed class StoredPhraseTests
{
    [Fact]
    public void APhraseReadBackIsTheSamePhrase()
    {
        var phrase = new Phrase("{0} {1}",
            new Phrase("No data for {0} days (idle after {1}).", 36, 35),
            new Phrase("'{0}' ({1}, completed {2}) is at least {3} and within the last {4} years.",
                "智慧停车一期", new Yuan(1_500_000m), new DateOnly(2024, 11, 23), new Yuan(1_000_000m), 3));

        var stored = StoredPhrase.Write(phrase);
        var read = StoredPhrase.Read(stored);

        Assert.Contains("智慧停车一期", stored);
        Assert.Equal(phrase.ToString(), read.ToString());
        Assert.Equal(PortalText.Render(phrase, CultureInfo.GetCultureInfo("zh-CN")), PortalText.Render(read, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("已 36 天无数据（超过 35 天即视为闲置）。 “智慧停车一期”（150 万元，2024-11-23 完成）不低于 100 万元，且在近 3 年内完成。",
            PortalText.Render(read, CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void AnInstantIsKeptInUtcAndReadInChinaTime()
    {
        var phrase = new Phrase("Evaluation starts after the bidding deadline ({0}).", new DateTime(2026, 12, 3, 15, 57, 0, DateTimeKind.Utc));

        var read = StoredPhrase.Read(StoredPhrase.Write(phrase));

        Assert.Equal("Evaluation starts after the bidding deadline (2026-12-03 23:57 Beijing time).", read.ToString());
    }

    [Fact]
    public void TextStoredBeforePhrasesReadsAsItself() =>
        Assert.Equal("Usage 12% is below the idle threshold of 20%.", StoredPhrase.Read("Usage 12% is below the idle threshold of 20%.").ToString());
}
