using System.Globalization;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Localization;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>
/// 财库〔2020〕46号 Art. 5: size and financial bars are found in requirements as officers write them, refused on lots
/// reserved for SMEs, published elsewhere only with a recorded justification; what is only a mention stays a warning.
/// </summary>
public sealed class SmeFairnessReviewTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);

    private static string En(Phrase phrase) => phrase.ToString();

    private static string Zh(Phrase phrase) => PortalText.Render(phrase, Chinese);

    [Fact]
    public void TheSeedsExampleBarIsFlaggedAsOutOfProportion()
    {
        // One project of at least 10亿元 in the last three years, for a 1,000万元 lot.
        var lot = ValidLot(valueYuan: 10_000_000m, requirements: [QualificationRequirement.PastProject(1_000_000_000m, 3)]);

        var warning = Assert.Single(SmeFairnessReview.Review(1, lot));

        Assert.Equal("lots[0].requirements[0]", warning.Field);
        Assert.Contains("100000 万元", En(warning.Message).Replace(",", ""));
        Assert.False(warning.NeedsJustification);
    }

    [Fact]
    public void TheIssuesRequirementSetsThreeBars()
    {
        var bars = SmeFairnessReview.SizeBarsIn("注册资本不少于5000万元，近三年年均营业收入不低于1亿元，员工人数不少于200人");

        Assert.Equal(["registered capital", "revenue", "staff count"], bars.Select(En));
        Assert.Equal(["注册资本", "营业收入", "员工人数"], bars.Select(Zh));
    }

    [Theory]
    [InlineData("注册资本不低于5000万元", "registered capital")]
    [InlineData("注册资金500万元以上", "registered capital")]
    [InlineData("近三年营业收入均不少于1亿元", "revenue")]
    [InlineData("近三年年均营业额不低于一亿元", "revenue")]
    [InlineData("资产总额达到3000万元", "total assets")]
    [InlineData("资产规模不低于1亿元", "total assets")]
    [InlineData("年营收超过5000万元", "revenue")]
    [InlineData("上年度纳税100万元以上", "tax paid")]
    [InlineData("净资产不少于2000万元", "net assets")]
    [InlineData("上一年度净利润超过100万元", "profit")]
    [InlineData("从业人员不少于200人", "staff count")]
    [InlineData("拥有员工200人以上", "staff count")]
    [InlineData("Registered capital of at least CNY 10 million", "registered capital")]
    [InlineData("Annual turnover above CNY 50 million", "revenue")]
    [InlineData("At least 300 employees", "staff count")]
    [InlineData("A workforce of more than 500", "staff count")]
    [InlineData("Net profit over 2 million yuan in 2025", "profit")]
    public void SizeAndFinancialBarsAreFound(string statement, string measure)
    {
        var lot = ValidLot(requirements: [QualificationRequirement.Other(statement)]);

        Assert.Equal([measure], SmeFairnessReview.SizeBarsIn(statement).Select(En));
        var warning = Assert.Single(SmeFairnessReview.Review(2, lot));
        Assert.Equal("lots[1].requirements[0]", warning.Field);
        Assert.True(warning.NeedsJustification);
        Assert.Contains(measure, En(warning.Message));
        Assert.Contains("财库〔2020〕46号 Art. 5", En(warning.Message));
        Assert.Contains("财库〔2020〕46号第五条", Zh(warning.Message));
    }

    [Theory]
    [InlineData("提供营业执照")]
    [InlineData("提供营业执照副本复印件并加盖公章")]
    [InlineData("具有依法缴纳税收和社会保障资金的良好记录")]
    [InlineData("依法纳税，近三年无不良记录")]
    [InlineData("纳税信用等级为A级")]
    [InlineData("提供2025年度经审计的财务报告（含资产负债表、利润表、现金流量表）")]
    [InlineData("提供近三年的财务状况报告")]
    [InlineData("项目团队不少于5人，项目经理具有高级职称")]
    [InlineData("为本项目员工缴纳社会保险")]
    [InlineData("提供两年免费质保")]
    [InlineData("7×24小时值守，30分钟内上门响应")]
    [InlineData("Non-profit organisations with at least 3 years of experience may bid")]
    [InlineData("At least 2 employees holding a PMP certificate on site")]
    [InlineData("Provide the audited financial statements (balance sheet, profit and loss account)")]
    [InlineData("具备ISO 27001认证")]
    public void OrdinaryConditionsSetNoBar(string statement)
    {
        Assert.Empty(SmeFairnessReview.SizeBarsIn(statement));
        Assert.Empty(SmeFairnessReview.Review(1, ValidLot(requirements: [QualificationRequirement.Other(statement)])));
        Assert.False(SmeFairnessReview.SetsSizeBar(QualificationRequirement.Other(statement)));
    }

    [Fact]
    public void ScoringOnSizeIsFlaggedAndFairTermsAreNot()
    {
        var fair = ValidLot(valueYuan: 2_000_000m, requirements:
            [QualificationRequirement.PastProject(1_000_000m, 3), QualificationRequirement.Certification("ISO 27001"), QualificationRequirement.Other("提供两年免费质保")]);
        var scoredOnSize = ValidLot(criteria:
            [new AwardCriterion("价格", 30, isPrice: true), new AwardCriterion("企业净资产", 20, isPrice: false), new AwardCriterion("技术方案", 50, isPrice: false)]);

        Assert.Empty(SmeFairnessReview.Review(1, fair));
        var warning = Assert.Single(SmeFairnessReview.Review(1, scoredOnSize));
        Assert.Equal("lots[0].criteria[1]", warning.Field);
        Assert.Equal("标段1：评分项“企业净资产”以净资产计分。规模和财务指标不得作为评审因素（财库〔2020〕46号第五条）。", Zh(warning.Message));
    }

    [Fact]
    public void ARequirementOnAReservedLotIsIndexedAsEnteredWithoutTheSmeOnlyRequirement()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot(reservedForSmes: true, requirements:
            [QualificationRequirement.Certification("ISO 9001"), QualificationRequirement.Other("注册资本不少于5000万元")]));

        var warning = Assert.Single(SmeFairnessReview.Review(tender));

        Assert.Equal("lots[0].requirements[1]", warning.Field);
        Assert.False(warning.NeedsJustification);
        Assert.Contains("cannot be published", En(warning.Message));
    }

    [Fact]
    public void AReservedLotWithASizeBarIsNotPublishedEvenWithAJustification()
    {
        var tender = DraftTender();
        var bar = QualificationRequirement.Other("注册资本不少于5000万元，员工人数不少于200人")
            .Justified("系统需7×24小时运维", "officer@demo.local", Now);
        tender.AddLot(ValidLot(reservedForSmes: true, requirements: [bar]));

        var refused = Assert.Throws<DomainException>(() => tender.Publish(Now.AddDays(14), Now, TenDays));

        Assert.Equal("lots[0].requirements[0].text", refused.Field);
        Assert.Contains("reserved for SMEs", refused.Message);
        Assert.Contains("registered capital and staff count", refused.Message);
        Assert.Contains("财库〔2020〕46号第五条", Zh(refused.Phrase));
        Assert.Contains("注册资本和员工人数", Zh(refused.Phrase));
        Assert.Equal(TenderStatus.Draft, tender.Status);
        Assert.All(tender.Lots, l => Assert.Equal(LotStatus.Draft, l.Status));
    }

    [Fact]
    public void AnOpenLotWithASizeBarIsPublishedOnlyWithAJustification()
    {
        var unjustified = DraftTender();
        unjustified.AddLot(ValidLot());
        unjustified.AddLot(ValidLot(title: "Lot 2", requirements:
            [QualificationRequirement.PastProject(500_000m, 3), QualificationRequirement.Other("近三年年均营业收入不低于1亿元")]));

        var refused = Assert.Throws<DomainException>(() => unjustified.Publish(Now.AddDays(14), Now, TenDays));

        Assert.Equal("lots[1].requirements[1].justification", refused.Field);
        Assert.Contains("write why this lot needs it", refused.Message);
        Assert.Equal(TenderStatus.Draft, unjustified.Status);

        var justified = DraftTender();
        var bar = QualificationRequirement.Other("近三年年均营业收入不低于1亿元")
            .Justified("本项目含1亿元设备垫资，须有相应资金实力", "officer@demo.local", Now);
        justified.AddLot(ValidLot(requirements: [bar]));
        var recorded = Assert.Single(SmeFairnessReview.Review(justified));
        justified.Publish(Now.AddDays(14), Now, TenDays);

        Assert.Equal(TenderStatus.Published, justified.Status);
        Assert.False(recorded.NeedsJustification);
        Assert.Contains("justification recorded with it", En(recorded.Message));
        Assert.Contains("凭所附书面理由保留", Zh(recorded.Message));
        var kept = Assert.Single(Assert.Single(justified.Lots).Requirements);
        Assert.Equal(("本项目含1亿元设备垫资，须有相应资金实力", "officer@demo.local", Now), (kept.Justification, kept.JustifiedBy, kept.JustifiedAtUtc));
    }

    [Fact]
    public void OnlyAStatementTakesAJustificationAndABlankOneIsNone()
    {
        var refused = Assert.Throws<DomainException>(() => QualificationRequirement.Certification("ISO 9001").Justified("因为", "officer@demo.local", Now));
        var blank = QualificationRequirement.Other("提供两年免费质保").Justified("  ", "officer@demo.local", Now);
        var tooLong = Assert.Throws<DomainException>(() =>
            QualificationRequirement.Other("提供两年免费质保").Justified(new string('理', QualificationRequirement.JustificationMaxLength + 1), "officer@demo.local", Now));

        Assert.Equal("requirements.justification", refused.Field);
        Assert.Equal((null, null, null), (blank.Justification, blank.JustifiedBy, blank.JustifiedAtUtc));
        Assert.Equal("requirements.justification", tooLong.Field);
    }

    [Fact]
    public void FairTermsArePublishedAsBefore()
    {
        var tender = DraftTender();
        tender.AddLot(ValidLot(reservedForSmes: true, requirements: [QualificationRequirement.Other("提供营业执照"), QualificationRequirement.Other("项目团队不少于5人")]));

        tender.Publish(Now.AddDays(14), Now, TenDays);

        Assert.Equal(TenderStatus.Published, tender.Status);
    }
}
