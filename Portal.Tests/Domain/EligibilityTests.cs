using System.Globalization;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Localization;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

public sealed class EligibilityTests
{
    // ----- past projects -----

    [Fact]
    public void PastProjectMetByALargeEnoughRecentProject()
    {
        var supplier = WithProjects(new PastProject("智慧停车一期", "西湖区城管局", 1_500_000m, Today.AddYears(-2), null));

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementKind.PastProject, check.Kind);
        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.True(check.Met);
        Assert.Contains("智慧停车一期", check.Reason.ToString());
    }

    [Fact]
    public void PastProjectMetByAProjectOfExactlyTheMinimumValueCompletedExactlyNYearsAgo()
    {
        // Today is 2026-11-23: three years back is 2023-11-23, which still counts.
        var supplier = WithProjects(new PastProject("Boundary", "Client", 1_000_000m, new DateOnly(2023, 11, 23), null));

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Contains("2023-11-23", check.Reason.ToString());
    }

    [Fact]
    public void PastProjectNotMetWhenTooSmall()
    {
        var supplier = WithProjects(
            new PastProject("Small one", "Client", 999_999.99m, Today.AddMonths(-1), null),
            new PastProject("Smaller one", "Client", 200_000m, Today.AddMonths(-2), null));

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.NotMet, check.Outcome);
        Assert.False(check.Met);
        Assert.Contains("No past project reaches 100 万元", check.Reason.ToString());
    }

    [Fact]
    public void PastProjectNotMetWhenLargeButCompletedTheDayBeforeTheWindow()
    {
        var supplier = WithProjects(new PastProject("Old but big", "Client", 5_000_000m, new DateOnly(2023, 11, 22), null));

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.NotMet, check.Outcome);
        Assert.Contains("Old but big", check.Reason.ToString());
        Assert.Contains("before 2023-11-23", check.Reason.ToString());
    }

    [Fact]
    public void PastProjectMetWhenOneOfSeveralProjectsQualifies()
    {
        var supplier = WithProjects(
            new PastProject("Old but big", "Client", 5_000_000m, Today.AddYears(-8), null),
            new PastProject("Recent but small", "Client", 100_000m, Today.AddMonths(-1), null),
            new PastProject("Recent and big", "Client", 2_000_000m, Today.AddYears(-1), null));

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Contains("Recent and big", check.Reason.ToString());
    }

    [Fact]
    public void PastProjectEvidenceMissingWithoutProjects()
    {
        var supplier = WithProjects();

        var check = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.EvidenceMissing, check.Outcome);
        Assert.False(check.Met);
        Assert.Contains("no past projects", check.Reason.ToString());
    }

    // ----- certifications -----

    [Fact]
    public void CertificationMetWhenHeldAndValid()
    {
        var supplier = WithCertifications(new Certification("ISO 27001", Today.AddYears(1)));

        var check = QualificationRequirement.Certification("ISO 27001").Check(supplier, Today);

        Assert.Equal(RequirementKind.Certification, check.Kind);
        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Contains("valid until 2027-11-23", check.Reason.ToString());
    }

    [Fact]
    public void CertificationMetOnItsLastValidDay()
    {
        var supplier = WithCertifications(new Certification("ISO 27001", Today));

        var check = QualificationRequirement.Certification("ISO 27001").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
    }

    [Fact]
    public void CertificationNotMetWhenItExpiredTheDayBefore()
    {
        var supplier = WithCertifications(new Certification("ISO 27001", Today.AddDays(-1)));

        var check = QualificationRequirement.Certification("ISO 27001").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.NotMet, check.Outcome);
        Assert.Contains("expired on 2026-11-22", check.Reason.ToString());
    }

    [Fact]
    public void CertificationEvidenceMissingWhenNotHeld()
    {
        var supplier = WithCertifications(new Certification("ISO 9001", Today.AddYears(1)));

        var check = QualificationRequirement.Certification("ISO 27001").Check(supplier, Today);

        Assert.Equal(RequirementOutcome.EvidenceMissing, check.Outcome);
        Assert.Contains("ISO/IEC 27001", check.Reason.ToString());
    }

    [Theory]
    [InlineData("ISO 27001", "iso27001")]
    [InlineData("ISO/IEC 27001", "iso/iec  27001")]
    [InlineData("CMMI-3", "cmmi 3")]
    [InlineData("cmmi3", "CMMI - 3")]
    [InlineData("等保三级", " 等保 三级 ")]
    public void CertificationNamesMatchIgnoringCaseSpacesAndHyphens(string held, string required)
    {
        var supplier = WithCertifications(new Certification(held, Today.AddYears(1)));

        var check = QualificationRequirement.Certification(required).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.Met, check.Outcome);
    }

    [Theory]
    [InlineData("ISO 27001", "ISO 27002")]
    [InlineData("CMMI 3", "CMMI 5")]
    public void CertificationNamesThatDifferAreNotTheSame(string held, string required)
    {
        var supplier = WithCertifications(new Certification(held, Today.AddYears(1)));

        var check = QualificationRequirement.Certification(required).Check(supplier, Today);

        Assert.Equal(RequirementOutcome.EvidenceMissing, check.Outcome);
    }

    // ----- SME only -----

    [Theory]
    [InlineData(SizeClass.Micro)]
    [InlineData(SizeClass.Small)]
    [InlineData(SizeClass.Medium)]
    public void SmeOnlyMetByMicroSmallAndMediumEnterprises(SizeClass sizeClass)
    {
        var supplier = SupplierOfSize(sizeClass);
        Assert.Equal(sizeClass, supplier.SizeClass);

        var check = QualificationRequirement.SmeOnly().Check(supplier, Today);

        Assert.Equal(RequirementKind.SmeOnly, check.Kind);
        Assert.Equal(RequirementOutcome.Met, check.Outcome);
        Assert.Contains(sizeClass.ToKey(), check.Reason.ToString());
    }

    [Fact]
    public void SmeOnlyRefusesALargeEnterprise()
    {
        var supplier = SupplierOfSize(SizeClass.Large);
        Assert.Equal(SizeClass.Large, supplier.SizeClass);

        var check = QualificationRequirement.SmeOnly().Check(supplier, Today);

        Assert.Equal(RequirementOutcome.NotMet, check.Outcome);
        Assert.Contains("reserved for micro, small and medium enterprises", check.Reason.ToString());
        Assert.Contains("large enterprises cannot bid", check.Reason.ToString());
    }

    // ----- a lot's overall eligibility -----

    [Fact]
    public void LotEligibleOnlyWhenEveryRequirementIsMet()
    {
        var lot = DraftTender().AddLot(ValidLot(reservedForSmes: true, requirements:
        [
            QualificationRequirement.PastProject(1_000_000m, 3),
            QualificationRequirement.Certification("ISO 27001"),
        ]));
        var supplier = RegisterSupplier(ValidProfile(
            certifications: [new Certification("iso-27001", Today.AddYears(1))],
            pastProjects: [new PastProject("Parking", "Client", 1_200_000m, Today.AddYears(-1), null)]));

        var result = lot.CheckEligibility(supplier, Today);

        Assert.True(result.Eligible);
        Assert.Equal(3, result.Checks.Count);
        Assert.Equal([RequirementKind.SmeOnly, RequirementKind.PastProject, RequirementKind.Certification],
            result.Checks.Select(c => c.Kind));
        Assert.All(result.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason.ToString())));
    }

    [Fact]
    public void LotNotEligibleWhenOneRequirementFails()
    {
        var lot = DraftTender().AddLot(ValidLot(requirements:
        [
            QualificationRequirement.PastProject(1_000_000m, 3),
            QualificationRequirement.Certification("ISO 27001"),
        ]));
        var supplier = RegisterSupplier(ValidProfile(
            certifications: [new Certification("ISO 27001", Today.AddDays(-1))],
            pastProjects: [new PastProject("Parking", "Client", 1_200_000m, Today.AddYears(-1), null)]));

        var result = lot.CheckEligibility(supplier, Today);

        Assert.False(result.Eligible);
        Assert.Equal([RequirementOutcome.Met, RequirementOutcome.NotMet], result.Checks.Select(c => c.Outcome));
        Assert.All(result.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason.ToString())));
    }

    [Fact]
    public void LotNotEligibleWhenEvidenceIsMissing()
    {
        var lot = DraftTender().AddLot(ValidLot(requirements: [QualificationRequirement.PastProject(1_000_000m, 3)]));

        var result = lot.CheckEligibility(WithProjects(), Today);

        Assert.False(result.Eligible);
        Assert.Equal(RequirementOutcome.EvidenceMissing, Assert.Single(result.Checks).Outcome);
    }

    [Fact]
    public void AReservedLotRefusesALargeFirmThatMeetsEverythingElse()
    {
        var lot = DraftTender().AddLot(ValidLot(reservedForSmes: true,
            requirements: [QualificationRequirement.Certification("ISO 27001")]));
        var large = RegisterSupplier(ValidProfile(employees: 500, revenueYuan: 200_000_000m,
            certifications: [new Certification("ISO 27001", Today.AddYears(1))]));

        var result = lot.CheckEligibility(large, Today);

        Assert.False(result.Eligible);
        var refusal = Assert.Single(result.Checks, c => !c.Met);
        Assert.Equal(RequirementKind.SmeOnly, refusal.Kind);
        Assert.Contains("reserved", refusal.Reason.ToString());
    }

    [Fact]
    public void ANonReservedLotAcceptsALargeFirm()
    {
        var lot = DraftTender().AddLot(ValidLot(reservedForSmes: false,
            requirements: [QualificationRequirement.Certification("ISO 27001")]));
        var large = RegisterSupplier(ValidProfile(employees: 500, revenueYuan: 200_000_000m,
            certifications: [new Certification("ISO 27001", Today.AddYears(1))]));

        Assert.True(lot.CheckEligibility(large, Today).Eligible);
    }

    [Fact]
    public void ALotWithoutRequirementsIsOpenToEveryone()
    {
        var lot = DraftTender().AddLot(ValidLot());

        var result = lot.CheckEligibility(WithProjects(), Today);

        Assert.True(result.Eligible);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void RequirementsDescribeThemselves()
    {
        Assert.Equal("One past project of at least 100 万元 completed within the last 3 years",
            QualificationRequirement.PastProject(1_000_000m, 3).Describe().ToString());
        Assert.Equal("One past project of at least 5,000 元 completed within the last year",
            QualificationRequirement.PastProject(5_000m, 1).Describe().ToString());
        Assert.Equal("Valid certification: ISO/IEC 27001 Information Security Management System", QualificationRequirement.Certification(" ISO 27001 ").Describe().ToString());
        Assert.Contains("SME", QualificationRequirement.SmeOnly().Describe().ToString());
    }

    // ----- in the reader's language -----

    [Fact]
    public void AMetPastProjectRequirementSaysWhichProjectInEitherLanguage()
    {
        var supplier = WithProjects(new PastProject("智慧停车一期", "西湖区城管局", 1_500_000m, Today.AddYears(-2), null));

        var reason = QualificationRequirement.PastProject(1_000_000m, 3).Check(supplier, Today).Reason;

        Assert.Equal(new Phrase("'{0}' ({1}, completed {2}) is at least {3} and within the last {4} years.",
            "智慧停车一期", new Yuan(1_500_000m), new DateOnly(2024, 11, 23), new Yuan(1_000_000m), 3), reason);
        Assert.Equal("'智慧停车一期' (150 万元, completed 2024-11-23) is at least 100 万元 and within the last 3 years.", reason.ToString());
        Assert.Equal("“智慧停车一期”（150 万元，2024-11-23 完成）不低于 100 万元，且在近 3 年内完成。", Chinese(reason));
    }

    [Fact]
    public void AOneYearLookBackIsSaidInTheSingular()
    {
        var supplier = WithProjects(new PastProject("Recent", "Client", 8_000m, Today.AddMonths(-3), null));

        var reason = QualificationRequirement.PastProject(5_000m, 1).Check(supplier, Today).Reason;

        Assert.Equal("'Recent' (8,000 元, completed 2026-08-23) is at least 5,000 元 and within the last year.", reason.ToString());
        Assert.Equal("“Recent”（8,000 元，2026-08-23 完成）不低于 5,000 元，且在近一年内完成。", Chinese(reason));
    }

    [Fact]
    public void CertificationReasonsReadInChinese()
    {
        var missing = QualificationRequirement.Certification("ISO 27001").Check(WithCertifications(), Today).Reason;
        var expired = QualificationRequirement.Certification("ISO 27001")
            .Check(WithCertifications(new Certification("ISO 27001", Today.AddDays(-1))), Today).Reason;

        Assert.Equal("企业资料中没有ISO/IEC 27001 信息安全管理体系认证；请添加该证书及其有效期。", Chinese(missing));
        Assert.Equal("ISO/IEC 27001 信息安全管理体系认证已于2026-11-22过期。", Chinese(expired));
    }

    [Fact]
    public void TheSmeReservationReadsInChinese()
    {
        var large = QualificationRequirement.SmeOnly().Check(SupplierOfSize(SizeClass.Large), Today).Reason;
        var small = QualificationRequirement.SmeOnly().Check(SupplierOfSize(SizeClass.Small), Today).Reason;

        Assert.Equal(Phrase.Of("This lot is reserved for micro, small and medium enterprises; large enterprises cannot bid."), large);
        Assert.Equal("本标段专门面向中小微企业；大型企业不能投标。", Chinese(large));
        Assert.Equal("The enterprise is small-sized, so it may bid for an SME-reserved lot.", small.ToString());
        Assert.Equal("该企业为小型企业，可以参与中小企业专项标段的投标。", Chinese(small));
    }

    [Fact]
    public void RequirementsDescribeThemselvesInChinese()
    {
        Assert.Equal("近 3 年内完成至少一个金额不低于 100 万元的项目业绩", Chinese(QualificationRequirement.PastProject(1_000_000m, 3).Describe()));
        Assert.Equal("近一年内完成至少一个金额不低于 5,000 元的项目业绩", Chinese(QualificationRequirement.PastProject(5_000m, 1).Describe()));
        Assert.Equal("有效资质证书：ISO/IEC 27001 信息安全管理体系认证", Chinese(QualificationRequirement.Certification("ISO 27001").Describe()));
        Assert.Equal("中小微企业（中小企业专项标段）", Chinese(QualificationRequirement.SmeOnly().Describe()));
        // The officer's own words are shown as written, in every language.
        Assert.Equal("提供两年免费质保", Chinese(QualificationRequirement.Other("提供两年免费质保").Describe()));
    }

    private static string Chinese(Phrase phrase) => PortalText.Render(phrase, CultureInfo.GetCultureInfo("zh-CN"));

    private static Supplier WithProjects(params PastProject[] projects) =>
        RegisterSupplier(ValidProfile(pastProjects: projects));

    private static Supplier WithCertifications(params Certification[] certifications) =>
        RegisterSupplier(ValidProfile(certifications: certifications));
}
