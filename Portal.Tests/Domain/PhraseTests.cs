using System.Globalization;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Tests.Domain;

public sealed class PhraseTests
{
    private static readonly Dictionary<string, string> _chinese = new()
    {
        ["{0} expired on {1}."] = "{0}已于{1}过期。",
        ["Submit before {0}."] = "请在{0}之前提交。",
        ["small-sized"] = "小型",
        ["The enterprise is {0}."] = "该企业为{0}企业。",
        [Phrase.ZoneKey] = "北京时间",
    };

    private static string Chinese(Phrase phrase) => phrase.Render(key => _chinese.GetValueOrDefault(key, key));

    [Fact]
    public void RendersTheEnglishTemplateWithItsArguments()
    {
        var phrase = new Phrase("{0} expired on {1}.", "ISO 27001", new DateOnly(2026, 3, 31));

        Assert.Equal("ISO 27001 expired on 2026-03-31.", phrase.ToString());
        Assert.Equal("ISO 27001已于2026-03-31过期。", Chinese(phrase));
    }

    [Fact]
    public void AnInstantReadsInChinaTimeWithTheZoneSaid()
    {
        var phrase = new Phrase("Submit before {0}.", new DateTime(2026, 12, 3, 15, 57, 0, DateTimeKind.Utc));

        Assert.Equal("Submit before 2026-12-03 23:57 Beijing time.", phrase.ToString());
        Assert.Equal("请在2026-12-03 23:57 北京时间之前提交。", Chinese(phrase));
    }

    [Fact]
    public void MoneyIsWrittenInWanFromTenThousandYuan()
    {
        Assert.Equal("150 万元", new Phrase("{0}", new Yuan(1_500_000m)).ToString());
        Assert.Equal("9,999.5 元", new Phrase("{0}", new Yuan(9_999.50m)).ToString());
    }

    [Fact]
    public void ANestedPhraseIsTranslatedButTheUsersOwnTextIsNot()
    {
        var phrase = new Phrase("The enterprise is {0}.", Phrase.Of("small-sized"));

        Assert.Equal("该企业为小型企业。", Chinese(phrase));
        Assert.Equal("ISO 27001已于2026-03-31过期。", Chinese(new Phrase("{0} expired on {1}.", "ISO 27001", new DateOnly(2026, 3, 31))));
    }

    [Fact]
    public void AConstantMessageKeepsItsBraces()
    {
        Assert.Equal("Use {placeholders} freely.", Phrase.Of("Use {placeholders} freely.").ToString());
    }

    [Fact]
    public void ATranslationWithAPlaceholderTooManyFallsBackToEnglish()
    {
        var phrase = new Phrase("{0} expired on {1}.", "ISO 27001", new DateOnly(2026, 3, 31));

        Assert.Equal("ISO 27001 expired on 2026-03-31.", phrase.Render(_ => "{0}{1}{2}"));
    }

    [Fact]
    public void ADomainExceptionCarriesItsPhraseAndItsEnglishMessage()
    {
        var refusal = new DomainException(new Phrase("{0} expired on {1}.", "CMMI 3", new DateOnly(2025, 1, 1)), "certifications");

        Assert.Equal("CMMI 3 expired on 2025-01-01.", refusal.Message);
        Assert.Equal("{0} expired on {1}.", refusal.Phrase.Template);
        Assert.Equal("CMMI 3已于2025-01-01过期。", Chinese(refusal.Phrase));
    }

    [Fact]
    public void ThePortalRendersInTheResourcesChinese()
    {
        var instant = new Phrase("Submit before {0}.", new DateTime(2026, 12, 3, 15, 57, 0, DateTimeKind.Utc));

        Assert.Equal("不允许此操作。", PortalText.Translate("Not allowed.", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Not allowed.", PortalText.Translate("Not allowed.", CultureInfo.GetCultureInfo("en")));
        Assert.EndsWith("23:57 北京时间.", PortalText.Render(instant, CultureInfo.GetCultureInfo("zh-CN")));
    }
}
