using System.Globalization;
using System.Text.Json;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Localization;

using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>
/// Golden tests of the certification catalogue: every name and alias resolves to its kind and to no other, the ways of
/// writing a grade are one, near misses resolve to nothing (or to their own kind), grades satisfy lower requirements
/// of their scale only, and eligibility is decided by kind (decision 0023).
/// </summary>
public sealed class CertificationCatalogueTests
{
    public static TheoryData<string, string> EveryNameOfEveryKind()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in CertificationCatalogue.All)
        {
            foreach (var name in kind.AllNames.Append(kind.Key))
            {
                data.Add(kind.Key, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNameOfEveryKind))]
    public void EveryNameAndAliasResolvesToItsKind(string key, string name)
    {
        Assert.Equal(key, CertificationCatalogue.Resolve(name)?.Key);
        // …and so does the same text written loosely: lower case, full-width, with extra spaces.
        Assert.Equal(key, CertificationCatalogue.Resolve(name.ToLowerInvariant())?.Key);
        Assert.Equal(key, CertificationCatalogue.Resolve(FullWidth(name))?.Key);
        Assert.Equal(key, CertificationCatalogue.Resolve($"  {name.Replace(" ", "  ")} ")?.Key);
    }

    [Fact]
    public void KeysAreStableLowercaseAsciiAndUnique()
    {
        Assert.All(CertificationCatalogue.All, k => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", k.Key));
        Assert.Equal(CertificationCatalogue.All.Count, CertificationCatalogue.All.Select(k => k.Key).Distinct().Count());
        Assert.Null(CertificationCatalogue.Find(CertificationKind.OtherKey));
    }

    [Fact]
    public void TheKindsTheIssueNamesAreThere()
    {
        string[] expected =
        [
            "mlps-2", "mlps-3", "mlps-4", "iso-9001", "iso-14001", "iso-45001", "iso-27001", "iso-20000-1", "iso-27701",
            "cmmi-3", "cmmi-4", "cmmi-5", "itss-1", "itss-2", "itss-3", "itss-4", "ccrc-integration-3", "high-tech-enterprise",
            "software-enterprise", "cs-1", "cs-2", "cs-3", "cs-4", "security-engineering-1", "electronic-intelligent-1",
        ];
        Assert.All(expected, key => Assert.NotNull(CertificationCatalogue.Find(key)));
    }

    [Theory]
    [InlineData("MLPS Level 3", "mlps-3")]
    [InlineData("MLPS L3", "mlps-3")]
    [InlineData("mlps-3", "mlps-3")]
    [InlineData("等保三级", "mlps-3")]
    [InlineData("等保3级", "mlps-3")]
    [InlineData("等保 第三级", "mlps-3")]
    [InlineData("网络安全等级保护第三级", "mlps-3")]
    [InlineData("网络安全等级保护 Level 3", "mlps-3")]
    [InlineData("信息系统安全等级保护三级", "mlps-3")]
    [InlineData("三级等保", "mlps-3")]
    [InlineData("ＭＬＰＳ　Ｌｅｖｅｌ　３", "mlps-3")]
    [InlineData("等保二级", "mlps-2")]
    [InlineData("等保四级", "mlps-4")]
    [InlineData("ISO 9001", "iso-9001")]
    [InlineData("iso9001", "iso-9001")]
    [InlineData("ISO 9001:2015", "iso-9001")]
    [InlineData("ＩＳＯ９００１：２０１５", "iso-9001")]
    [InlineData("GB/T 19001-2016/ISO 9001:2015", "iso-9001")]
    [InlineData("质量管理体系认证", "iso-9001")]
    [InlineData("ISO 9001 认证证书", "iso-9001")]
    [InlineData("ISO/IEC 27001:2022", "iso-27001")]
    [InlineData("iso-iec-27001", "iso-27001")]
    [InlineData("信息安全管理体系认证", "iso-27001")]
    [InlineData("ISO 20000", "iso-20000-1")]
    [InlineData("ISO/IEC 20000-1:2018", "iso-20000-1")]
    [InlineData("ISO 27701", "iso-27701")]
    [InlineData("ISO 45001", "iso-45001")]
    [InlineData("ISO 14001", "iso-14001")]
    [InlineData("CMMI 3", "cmmi-3")]
    [InlineData("CMMI-3", "cmmi-3")]
    [InlineData("CMMI Level 3", "cmmi-3")]
    [InlineData("CMMI ML3", "cmmi-3")]
    [InlineData("CMMI-DEV ML3", "cmmi-3")]
    [InlineData("CMMI三级", "cmmi-3")]
    [InlineData("CMMI 3级", "cmmi-3")]
    [InlineData("CMMI5", "cmmi-5")]
    [InlineData("ITSS 三级", "itss-3")]
    [InlineData("ITSS 3", "itss-3")]
    [InlineData("ITSS运维一级", "itss-1")]
    [InlineData("CS3", "cs-3")]
    [InlineData("CS-3", "cs-3")]
    [InlineData("CS三级", "cs-3")]
    [InlineData("信息系统建设和服务能力 良好级", "cs-3")]
    [InlineData("CCRC 安全集成三级", "ccrc-integration-3")]
    [InlineData("CCRC信息系统安全集成一级", "ccrc-integration-1")]
    [InlineData("CCRC 风险评估二级", "ccrc-risk-assessment-2")]
    [InlineData("高新技术企业", "high-tech-enterprise")]
    [InlineData("高新技术企业证书", "high-tech-enterprise")]
    [InlineData("双软认证", "software-enterprise")]
    [InlineData("安防工程企业设计施工维护能力一级", "security-engineering-1")]
    [InlineData("建筑智能化工程专业承包二级", "electronic-intelligent-2")]
    [InlineData("电子与智能化工程专业承包一级资质", "electronic-intelligent-1")]
    [InlineData("测绘资质乙级", "surveying-grade-b")]
    [InlineData("CCC", "ccc")]
    [InlineData("3C认证", "ccc")]
    public void TheWaysPeopleWriteACertificationResolveToItsKind(string text, string key) =>
        Assert.Equal(key, CertificationCatalogue.Resolve(text)?.Key);

    [Theory]
    [InlineData("ISO 2700")]
    [InlineData("ISO 27002")]
    [InlineData("ISO 900")]
    [InlineData("ISO 9000")]
    [InlineData("ISO 90011")]
    [InlineData("ISO")]
    [InlineData("CMMI")]
    [InlineData("CMMI 6")]
    [InlineData("等保")]
    [InlineData("等保五级")]
    [InlineData("ITSS")]
    [InlineData("ITSS 五级")]
    [InlineData("CS")]
    [InlineData("CS6")]
    [InlineData("CCRC 安全集成")]
    [InlineData("测绘资质丙级")]
    [InlineData("OHSAS 18001")]
    [InlineData("软件著作权")]
    [InlineData("认证")]
    [InlineData("")]
    [InlineData("   ")]
    public void NearMissesNameNoKind(string text) => Assert.Null(CertificationCatalogue.Resolve(text));

    [Theory]
    [InlineData("等保二级", "mlps-3")]
    [InlineData("等保四级", "mlps-3")]
    [InlineData("ISO 27701", "iso-27001")]
    [InlineData("ISO 20000-1", "iso-27001")]
    [InlineData("CMMI 4", "cmmi-3")]
    [InlineData("ITSS 二级", "itss-3")]
    [InlineData("CS 4", "cs-3")]
    [InlineData("CCRC 安全运维三级", "ccrc-integration-3")]
    [InlineData("测绘资质甲级", "surveying-grade-b")]
    public void NearMissesOfAnotherGradeOrStandardAreTheirOwnKind(string text, string notKey)
    {
        var kind = CertificationCatalogue.Resolve(text);
        Assert.NotNull(kind);
        Assert.NotEqual(notKey, kind.Key);
    }

    [Theory]
    // A higher grade of a scale satisfies a lower requirement…
    [InlineData("cmmi-5", "cmmi-3", true)]
    [InlineData("cmmi-4", "cmmi-3", true)]
    [InlineData("cmmi-3", "cmmi-3", true)]
    [InlineData("itss-1", "itss-3", true)]
    [InlineData("itss-2", "itss-4", true)]
    [InlineData("cs-4", "cs-2", true)]
    [InlineData("mlps-4", "mlps-3", true)]
    [InlineData("ccrc-integration-1", "ccrc-integration-3", true)]
    [InlineData("security-engineering-1", "security-engineering-2", true)]
    [InlineData("electronic-intelligent-1", "electronic-intelligent-2", true)]
    [InlineData("surveying-grade-a", "surveying-grade-b", true)]
    [InlineData("srdi-little-giant", "srdi-sme", true)]
    // …a lower grade never a higher one…
    [InlineData("cmmi-3", "cmmi-5", false)]
    [InlineData("itss-3", "itss-1", false)]
    [InlineData("cs-2", "cs-4", false)]
    [InlineData("mlps-2", "mlps-3", false)]
    [InlineData("ccrc-integration-3", "ccrc-integration-1", false)]
    [InlineData("surveying-grade-b", "surveying-grade-a", false)]
    [InlineData("srdi-sme", "srdi-little-giant", false)]
    // …and grades of different scales, or standards without grades, never stand in for each other.
    [InlineData("ccrc-integration-1", "ccrc-risk-assessment-3", false)]
    [InlineData("cmmi-5", "itss-4", false)]
    [InlineData("cs-5", "cmmi-2", false)]
    [InlineData("iso-27001", "iso-27701", false)]
    [InlineData("iso-27701", "iso-27001", false)]
    [InlineData("iso-20000-1", "iso-9001", false)]
    public void AHigherGradeOfTheSameScaleSatisfiesALowerRequirement(string held, string required, bool satisfies) =>
        Assert.Equal(satisfies, CertificationCatalogue.Find(held)!.Satisfies(CertificationCatalogue.Find(required)!));

    [Fact]
    public void AnMlpsLevel3HolderMeetsAn等保三级Requirement()
    {
        var supplier = Holding(new Certification("MLPS Level 3", Today.AddYears(1)));

        var check = QualificationRequirement.Certification("等保三级").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Contains("MLPS Level 3 is valid until 2027-11-23", check.Reason.ToString());
    }

    [Fact]
    public void AHigherGradeMeetsALowerRequirementAndTheReasonSaysSo()
    {
        var supplier = Holding(new Certification("CMMI 5", Today.AddYears(1)));

        var check = QualificationRequirement.Certification("CMMI三级").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Equal("CMMI Maturity Level 5 is valid until 2027-11-23 and is a higher grade than the CMMI Maturity Level 3 required.", check.Reason.ToString());
    }

    [Fact]
    public void ALowerGradeDoesNotMeetAHigherRequirement()
    {
        var supplier = Holding(new Certification("等保三级", Today.AddYears(1)));

        var check = QualificationRequirement.Certification(null, "mlps-4").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.EvidenceMissing, check.Outcome);
    }

    [Fact]
    public void AnExpiredHigherGradeDoesNotMeetTheRequirementButAValidExactOneDoes()
    {
        var expiredOnly = Holding(new Certification("ITSS 一级", Today.AddDays(-1)));
        var both = Holding(new Certification("ITSS 一级", Today.AddDays(-1)), new Certification("ITSS 三级", Today.AddMonths(6)));
        var requirement = QualificationRequirement.Certification("itss-3", null);

        var expired = requirement.Check(expiredOnly, Today);
        var met = requirement.Check(both, Today);

        Assert.Equal(RequirementOutcome.NotMet, expired.Outcome);
        Assert.Contains("expired on 2026-11-22", expired.Reason.ToString());
        Assert.Equal(RequirementOutcome.Met, met.Outcome);
        Assert.Contains("valid until 2027-05-23", met.Reason.ToString());
    }

    [Fact]
    public void AnOtherCertificationIsMatchedByItsTextNormalisedAndNothingElse()
    {
        var supplier = Holding(new Certification("涉密信息系统集成甲级", Today.AddYears(1)));

        Assert.Equal(CertificationKind.OtherKey, supplier.Certifications[0].KindKey);
        Assert.Equal(RequirementOutcome.Met, QualificationRequirement.Certification(" 涉密信息系统集成 甲级 ").Check(supplier, Today).Outcome);
        Assert.Equal(RequirementOutcome.Met, QualificationRequirement.Certification("other", "涉密信息系统集成甲级").Check(supplier, Today).Outcome);
        Assert.Equal(RequirementOutcome.EvidenceMissing, QualificationRequirement.Certification("涉密信息系统集成乙级").Check(supplier, Today).Outcome);
    }

    [Fact]
    public void OtherTextThatNamesAKindIsTheKind()
    {
        var requirement = QualificationRequirement.Certification("other", "ISO 27001");

        Assert.Equal("iso-27001", requirement.CertificationKey);
        Assert.Null(requirement.CertificationName);
    }

    [Fact]
    public void ARequirementStoresTheKindNotTheTextAndAnOtherItsText()
    {
        var byName = QualificationRequirement.Certification("等保三级");
        var other = QualificationRequirement.Certification("测绘资质丙级");

        Assert.Equal(("mlps-3", (string?)null), (byName.CertificationKey, byName.CertificationName));
        Assert.Equal(("other", "测绘资质丙级"), (other.CertificationKey!, other.CertificationName));
        Assert.Equal("Valid certification: MLPS Level 3", byName.Describe().ToString());
        Assert.Equal("Valid certification: 测绘资质丙级", other.Describe().ToString());
    }

    [Fact]
    public void AnUnknownKeyIsRefusedNamingTheKeyField()
    {
        var ex = Assert.Throws<DomainException>(() => QualificationRequirement.Certification("iso-2700", null));

        Assert.Equal("requirements.certificationKey", ex.Field);
        Assert.Contains("iso-2700", ex.Message);
    }

    [Fact]
    public void AKeyWithANameOfAnotherKindIsRefusedNamingTheNameField()
    {
        var ex = Assert.Throws<DomainException>(() => new Certification("mlps-3", "等保二级", Today, "certifications"));

        Assert.Equal("certifications.name", ex.Field);
    }

    [Fact]
    public void TheSameKindWrittenTwoWaysIsListedTwice()
    {
        var ex = Assert.Throws<DomainException>(() => Holding(
            new Certification("MLPS Level 3", Today.AddYears(1)), new Certification("等保三级", Today.AddYears(2))));

        Assert.Equal("certifications", ex.Field);
        Assert.Equal("Certification 'MLPS Level 3' is listed twice.", ex.Message);
    }

    [Fact]
    public void AProfileUpdateKeepsTheIdAndEvidenceOfACertificationItKeeps()
    {
        var supplier = Holding(new Certification("ISO 9001", Today.AddYears(1)), new Certification("CMMI 3", Today.AddYears(1)));
        var iso = supplier.Certifications[0];
        supplier.AttachCertificateEvidence(iso.Id, new CertificateEvidence(Guid.NewGuid(), "iso9001.pdf", 1234, "ab", Now), Now);

        supplier.UpdateProfile(ValidProfile(certifications:
            [new Certification("质量管理体系认证", Today.AddYears(2)), new Certification("CMMI 5", Today.AddYears(1))]), Table, Now);

        var kept = supplier.Certifications.Single(c => c.KindKey == "iso-9001");
        Assert.Equal(iso.Id, kept.Id);
        Assert.Equal("iso9001.pdf", kept.Evidence?.FileName);
        Assert.Equal(Today.AddYears(2), kept.ValidUntil);
        Assert.Null(supplier.Certifications.Single(c => c.KindKey == "cmmi-5").Evidence);
    }

    [Fact]
    public void EveryKindHasItsChineseNameAsTheTranslationOfItsEnglishName()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        Assert.All(CertificationCatalogue.All, k => Assert.Equal(k.NameZh, PortalText.Translate(k.NameEn, chinese)));
    }

    [Fact]
    public void ARequirementReadsInChineseWithTheKindsChineseName()
    {
        var supplier = Holding(new Certification("CMMI 5", Today.AddYears(1)));
        var chinese = CultureInfo.GetCultureInfo("zh-CN");

        var (_, reason) = CertificationRequirement.Check(new CertificationChoice("cmmi-3", null), supplier, Today);
        var description = CertificationRequirement.Describe(new CertificationChoice("cmmi-3", null));

        Assert.Equal("有效资质证书：CMMI 三级", PortalText.Render(description, chinese));
        Assert.Equal("CMMI 五级有效期至2027-11-23，高于要求的CMMI 三级。", PortalText.Render(reason, chinese));
    }

    /// <summary>Every certification name in the seed files (profiles and lot requirements), each once.</summary>
    public static TheoryData<string> SeedCertificationNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "certifications" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        names.UnionWith(property.Value.EnumerateArray().Select(c => c.GetProperty("name").GetString()!));
                    }
                    else if (property.Name == "kind" && property.Value.GetString() == "certification")
                    {
                        names.Add(element.GetProperty("name").GetString()!);
                    }
                    else
                    {
                        Walk(property.Value);
                    }
                }
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seed-data"), "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Walk(document.RootElement);
        }
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(SeedCertificationNames))]
    public void EveryCertificationOfTheSeedFilesIsAKind(string name) => Assert.NotNull(CertificationCatalogue.Resolve(name));

    private static Supplier Holding(params Certification[] certifications) =>
        RegisterSupplier(ValidProfile(certifications: certifications));

    private static string FullWidth(string text) =>
        new([.. text.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c == ' ' ? '\u3000' : c)]);
}
