using Portal.Domain;
using Portal.Domain.Suppliers;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

public sealed class SupplierTests
{
    [Fact]
    public void RegisterKeepsTheProfileAndDerivesTheSizeClass()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 120, revenueYuan: 8_000_000m), owner: "user-1");

        Assert.Equal(SizeClass.Small, supplier.SizeClass);
        Assert.NotEqual(Guid.Empty, supplier.Id);
        Assert.Equal("杭州云栖智联科技有限公司", supplier.Name);
        Assert.Equal(CreditCodeA, supplier.CreditCode);
        Assert.Equal("software_it_services", supplier.IndustryKey);
        Assert.Equal(new SizeMeasures(120, 8_000_000m, 5_000_000m), supplier.Measures);
        Assert.Equal(["smart-parking", "iot-platform"], supplier.Categories);
        Assert.Single(supplier.Certifications);
        Assert.Single(supplier.PastProjects);
        Assert.Equal("user-1", supplier.OwnerUserId);
        Assert.Equal(Now, supplier.CreatedAtUtc);
        Assert.Equal(Now, supplier.UpdatedAtUtc);
    }

    [Theory]
    [InlineData(5, 300_000, SizeClass.Micro)]
    [InlineData(120, 8_000_000, SizeClass.Small)]
    [InlineData(200, 20_000_000, SizeClass.Medium)]
    [InlineData(300, 100_000_000, SizeClass.Large)]
    public void RegisterDerivesTheSizeClassFromIndustryAndMeasures(int employees, int revenueYuan, SizeClass expected)
    {
        var supplier = RegisterSupplier(ValidProfile(employees: employees, revenueYuan: revenueYuan));

        Assert.Equal(expected, supplier.SizeClass);
        Assert.Equal(expected, supplier.ExplainSize(Table).SizeClass);
        Assert.False(string.IsNullOrWhiteSpace(supplier.ExplainSize(Table).Reason.ToString()));
    }

    [Fact]
    public void SameMeasuresGiveDifferentClassesInDifferentIndustries()
    {
        // 250 employees: below the software ceiling (300) but at/above the wholesale one (200).
        var software = RegisterSupplier(ValidProfile(employees: 250, revenueYuan: 500_000_000m, industry: "software_it_services"));
        var wholesale = RegisterSupplier(ValidProfile(employees: 250, revenueYuan: 500_000_000m, industry: "wholesale"));

        Assert.Equal(SizeClass.Medium, software.SizeClass);
        Assert.Equal(SizeClass.Large, wholesale.SizeClass);
    }

    [Fact]
    public void RegisterNormalisesTheCreditCodeAndTrimsText()
    {
        var supplier = RegisterSupplier(ValidProfile() with
        {
            Name = "  杭州云栖  ",
            NameEn = "   ",
            CreditCode = " " + CreditCodeA.ToLowerInvariant() + " ",
            Categories = [" smart-parking ", "smart-parking"],
        });

        Assert.Equal("杭州云栖", supplier.Name);
        Assert.Null(supplier.NameEn);
        Assert.Equal(CreditCodeA, supplier.CreditCode);
        Assert.Equal(["smart-parking"], supplier.Categories);
    }

    [Fact]
    public void UpdateProfileDerivesTheSizeClassAgainWhenMeasuresChange()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 120, revenueYuan: 8_000_000m));
        var later = Now.AddDays(30);

        supplier.UpdateProfile(ValidProfile(employees: 400, revenueYuan: 150_000_000m), Table, later);
        Assert.Equal(SizeClass.Large, supplier.SizeClass);
        Assert.Equal(400, supplier.Employees);
        Assert.Equal(150_000_000m, supplier.RevenueYuan);
        Assert.Equal(later, supplier.UpdatedAtUtc);
        Assert.Equal(Now, supplier.CreatedAtUtc);

        supplier.UpdateProfile(ValidProfile(employees: 8, revenueYuan: 8_000_000m), Table, later);
        Assert.Equal(SizeClass.Micro, supplier.SizeClass);
    }

    [Fact]
    public void UpdateProfileDerivesTheSizeClassAgainWhenTheIndustryChanges()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 250, revenueYuan: 500_000_000m, industry: "software_it_services"));
        Assert.Equal(SizeClass.Medium, supplier.SizeClass);

        supplier.UpdateProfile(ValidProfile(employees: 250, revenueYuan: 500_000_000m, industry: "wholesale"), Table, Now);

        Assert.Equal(SizeClass.Large, supplier.SizeClass);
        Assert.Equal("wholesale", supplier.IndustryKey);
    }

    [Fact]
    public void RejectsNegativeEmployees() =>
        AssertRejected(ValidProfile(employees: -1), "employees");

    [Fact]
    public void RejectsNegativeRevenue() =>
        AssertRejected(ValidProfile(revenueYuan: -0.01m), "revenueYuan");

    [Fact]
    public void RejectsNegativeAssets() =>
        AssertRejected(ValidProfile(assetsYuan: -1m), "assetsYuan");

    [Fact]
    public void AcceptsZeroMeasures()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 0, revenueYuan: 0m, assetsYuan: 0m));

        Assert.Equal(SizeClass.Micro, supplier.SizeClass);
    }

    [Fact]
    public void RejectsRevenueWithMoreThanTwoDecimalPlaces()
    {
        var ex = AssertRejected(ValidProfile(revenueYuan: 8_000_000.005m), "revenueYuan");
        Assert.Contains("two decimal places", ex.Message);
    }

    [Fact]
    public void RejectsAssetsWithMoreThanTwoDecimalPlaces() =>
        AssertRejected(ValidProfile(assetsYuan: 0.001m), "assetsYuan");

    [Fact]
    public void AcceptsMoneyToTheFen()
    {
        var supplier = RegisterSupplier(ValidProfile(revenueYuan: 8_000_000.99m, assetsYuan: 0.01m));

        Assert.Equal(8_000_000.99m, supplier.RevenueYuan);
        Assert.Equal(0.01m, supplier.AssetsYuan);
    }

    [Fact]
    public void RejectsUnknownIndustry() =>
        AssertRejected(ValidProfile(industry: "space_mining"), "industry");

    [Fact]
    public void RejectsUnknownCategory()
    {
        var ex = AssertRejected(ValidProfile() with { Categories = ["smart-parking", "flying-cars"] }, "categories");
        Assert.Contains("flying-cars", ex.Message);
    }

    [Fact]
    public void RejectsNoCategories() =>
        AssertRejected(ValidProfile() with { Categories = [] }, "categories");

    [Fact]
    public void RejectsMoreThanFiveCategories() =>
        AssertRejected(ValidProfile() with
        {
            Categories = ["smart-parking", "iot-platform", "data-platform", "gis-3d", "smart-waste", "water-supply"],
        }, "categories");

    [Theory]
    [InlineData("ISO 27001", "ISO 27001")]
    [InlineData("ISO 27001", "iso27001")]
    [InlineData("CMMI 3", " cmmi  3 ")]
    [InlineData("ISO-9001", "iso 9001")]
    public void RejectsTheSameCertificationListedTwice(string first, string second)
    {
        var ex = AssertRejected(ValidProfile(certifications:
        [
            new Certification(first, Today.AddYears(1)),
            new Certification(second, Today.AddYears(2)),
        ]), "certifications");
        Assert.Contains("listed twice", ex.Message);
    }

    [Fact]
    public void AcceptsDifferentCertifications()
    {
        var supplier = RegisterSupplier(ValidProfile(certifications:
        [
            new Certification("ISO 27001", Today.AddYears(1)),
            new Certification("ISO 9001", Today.AddYears(1)),
        ]));

        Assert.Equal(2, supplier.Certifications.Count);
    }

    [Fact]
    public void RejectsAPastProjectCompletedInTheFuture()
    {
        var ex = AssertRejected(ValidProfile(pastProjects:
        [
            new PastProject("智慧停车", "西湖区城管局", 1_000_000m, Today.AddDays(1), null),
        ]), "pastProjects.completedOn");
        Assert.Contains("2026-11-24", ex.Message);
    }

    [Fact]
    public void AcceptsAPastProjectCompletedToday()
    {
        var supplier = RegisterSupplier(ValidProfile(pastProjects:
        [
            new PastProject("智慧停车", "西湖区城管局", 1_000_000m, Today, null),
        ]));

        Assert.Equal(Today, Assert.Single(supplier.PastProjects).CompletedOn);
    }

    [Theory]
    [InlineData("91440300MA5F00001B")] // wrong check character
    [InlineData("91440300MA5F0000")] // too short
    [InlineData("91440300MI5F00001A")] // forbidden letter
    public void RejectsAnInvalidCreditCode(string code) =>
        AssertRejected(ValidProfile() with { CreditCode = code }, "creditCode");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectsAMissingName(string name) =>
        AssertRejected(ValidProfile() with { Name = name }, "name");

    [Fact]
    public void RejectsANonUtcTime()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Supplier.Register(ValidProfile(), "user-1", Table, new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Local)));

        Assert.Equal("now", ex.Field);
    }

    [Fact]
    public void PastProjectRejectsANonPositiveValue()
    {
        var ex = Assert.Throws<DomainException>(() => new PastProject("智慧停车", "西湖区城管局", 0m, Today, null));

        Assert.Equal("pastProjects.valueYuan", ex.Field);
    }

    [Fact]
    public void ARejectedUpdateLeavesThePreviousProfileUntouched()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 120, revenueYuan: 8_000_000m));
        var before = Snapshot(supplier);

        // Every field before the faulty one is valid and different, so a partial write would show.
        var changed = new SupplierProfile(
            Name: "Another name",
            NameEn: "Another",
            CreditCode: CreditCodeB,
            Industry: "wholesale",
            Employees: 900,
            RevenueYuan: 900_000_000m,
            AssetsYuan: 1m,
            Region: "上海市",
            Capabilities: "Something else.",
            Categories: ["gis-3d"],
            Certifications: [new Certification("CMMI 5", Today.AddYears(3))],
            PastProjects: [new PastProject("Future project", "Client", 5m, Today.AddDays(10), null)]);

        var ex = Assert.Throws<DomainException>(() => supplier.UpdateProfile(changed, Table, Now.AddDays(1)));

        Assert.Equal("pastProjects.completedOn", ex.Field);
        Assert.Equal(before, Snapshot(supplier));
    }

    [Fact]
    public void ARejectedUpdateWithAnUnknownCategoryLeavesTheSizeClassUntouched()
    {
        var supplier = RegisterSupplier(ValidProfile(employees: 120, revenueYuan: 8_000_000m));
        var before = Snapshot(supplier);

        Assert.Throws<DomainException>(() => supplier.UpdateProfile(
            ValidProfile(employees: 900, revenueYuan: 900_000_000m) with { Categories = ["flying-cars"] }, Table, Now.AddDays(1)));

        Assert.Equal(SizeClass.Small, supplier.SizeClass);
        Assert.Equal(before, Snapshot(supplier));
    }

    [Fact]
    public void AssignOwnerSetsTheOwnerOfAnUnclaimedProfile()
    {
        var supplier = RegisterSupplier(owner: null);

        supplier.AssignOwner("user-2");

        Assert.Equal("user-2", supplier.OwnerUserId);
    }

    [Fact]
    public void AssignOwnerAcceptsTheSameOwnerAgain()
    {
        var supplier = RegisterSupplier(owner: "user-1");

        supplier.AssignOwner("user-1");

        Assert.Equal("user-1", supplier.OwnerUserId);
    }

    [Fact]
    public void AssignOwnerRefusesASecondDifferentOwner()
    {
        var supplier = RegisterSupplier(owner: "user-1");

        var ex = Assert.Throws<DomainException>(() => supplier.AssignOwner("user-2"));

        Assert.Contains("another user", ex.Message);
        Assert.Equal("user-1", supplier.OwnerUserId);
    }

    private static DomainException AssertRejected(SupplierProfile profile, string field)
    {
        var ex = Assert.Throws<DomainException>(() => RegisterSupplier(profile));
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));

        // The same profile is refused as an update too, and the existing profile stays as it was.
        var existing = RegisterSupplier();
        var before = Snapshot(existing);
        var updateEx = Assert.Throws<DomainException>(() => existing.UpdateProfile(profile, Table, Now));
        Assert.Equal(field, updateEx.Field);
        Assert.Equal(before, Snapshot(existing));
        return ex;
    }

    /// <summary>Every stored value of the supplier as one comparable string.</summary>
    private static string Snapshot(Supplier s) => string.Join(" | ",
        s.Name, s.NameEn, s.CreditCode, s.IndustryKey, s.Employees, s.RevenueYuan, s.AssetsYuan, s.SizeClass, s.Region,
        s.Capabilities, string.Join(",", s.Categories),
        string.Join(",", s.Certifications.Select(c => $"{c.Name}@{c.ValidUntil:O}")),
        string.Join(",", s.PastProjects.Select(p => $"{p.Title}@{p.ValueYuan}@{p.CompletedOn:O}")),
        s.OwnerUserId, s.CreatedAtUtc.ToString("O"), s.UpdatedAtUtc.ToString("O"));
}
