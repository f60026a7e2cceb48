using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Tests.Domain;

/// <summary>
/// The size rule of 工信部联企业〔2011〕300号 at every boundary of every industry. The thresholds below are typed by
/// hand from the regulation (万元 × 10,000 = yuan) on purpose: they check independently that the embedded CSV was
/// loaded and applied right, so they must never be read from the file.
/// </summary>
public sealed class SizeClassificationTests
{
    private const string Employees = "employees";
    private const string Revenue = "revenue";
    private const string Assets = "assets";

    /// <summary>One set of thresholds; null means the regulation does not use that measure for the industry.</summary>
    private sealed record Limits(int? Employees, decimal? RevenueYuan, decimal? AssetsYuan);

    private sealed record Row(Limits SmeBelow, Limits MediumMin, Limits SmallMin);

    private static readonly Dictionary<string, Row> _expected = new()
    {
        // industry key                  SME when below (以下)                      medium from (及以上)                    small from (及以上)
        ["agriculture"] = new(new(null, 200_000_000m, null), new(null, 5_000_000m, null), new(null, 500_000m, null)),
        ["industry"] = new(new(1000, 400_000_000m, null), new(300, 20_000_000m, null), new(20, 3_000_000m, null)),
        ["construction"] = new(new(null, 800_000_000m, 800_000_000m), new(null, 60_000_000m, 50_000_000m), new(null, 3_000_000m, 3_000_000m)),
        ["wholesale"] = new(new(200, 400_000_000m, null), new(20, 50_000_000m, null), new(5, 10_000_000m, null)),
        ["retail"] = new(new(300, 200_000_000m, null), new(50, 5_000_000m, null), new(10, 1_000_000m, null)),
        ["transport"] = new(new(1000, 300_000_000m, null), new(300, 30_000_000m, null), new(20, 2_000_000m, null)),
        ["warehousing"] = new(new(200, 300_000_000m, null), new(100, 10_000_000m, null), new(20, 1_000_000m, null)),
        ["postal"] = new(new(1000, 300_000_000m, null), new(300, 20_000_000m, null), new(20, 1_000_000m, null)),
        ["accommodation"] = new(new(300, 100_000_000m, null), new(100, 20_000_000m, null), new(10, 1_000_000m, null)),
        ["catering"] = new(new(300, 100_000_000m, null), new(100, 20_000_000m, null), new(10, 1_000_000m, null)),
        ["information_transmission"] = new(new(2000, 1_000_000_000m, null), new(100, 10_000_000m, null), new(10, 1_000_000m, null)),
        ["software_it_services"] = new(new(300, 100_000_000m, null), new(100, 10_000_000m, null), new(10, 500_000m, null)),
        ["real_estate_development"] = new(new(null, 2_000_000_000m, 100_000_000m), new(null, 10_000_000m, 50_000_000m), new(null, 1_000_000m, 20_000_000m)),
        ["property_management"] = new(new(1000, 50_000_000m, null), new(300, 10_000_000m, null), new(100, 5_000_000m, null)),
        ["leasing_business_services"] = new(new(300, null, 1_200_000_000m), new(100, null, 80_000_000m), new(10, null, 1_000_000m)),
        ["other"] = new(new(300, null, null), new(100, null, null), new(10, null, null)),
    };

    public static TheoryData<string> Industries => [.. _expected.Keys];

    public static TheoryData<string, string> SmeCeilings => Cases(r => r.SmeBelow);

    public static TheoryData<string, string> MediumMinimums => Cases(r => r.MediumMin);

    public static TheoryData<string, string> SmallMinimums => Cases(r => r.SmallMin);

    [Fact]
    public void OfficialTableHasTheSixteenIndustriesOfTheRegulation()
    {
        Assert.Equal(16, SizeThresholdTable.Official.Industries.Count);
        Assert.Equal(_expected.Keys.Order(), SizeThresholdTable.Official.Industries.Select(i => i.Key).Order());
    }

    [Theory]
    [MemberData(nameof(Industries))]
    public void OfficialTableHoldsTheRegulationThresholdsInYuan(string industry)
    {
        var row = _expected[industry];
        var loaded = SizeThresholdTable.Official.Get(industry);

        Assert.Equal(Thresholds(row.SmeBelow), loaded.SmeBelow);
        Assert.Equal(Thresholds(row.MediumMin), loaded.MediumMin);
        Assert.Equal(Thresholds(row.SmallMin), loaded.SmallMin);
        Assert.False(string.IsNullOrWhiteSpace(loaded.NameZh));
        Assert.False(string.IsNullOrWhiteSpace(loaded.NameEn));
    }

    [Theory]
    [MemberData(nameof(Industries))]
    public void AtEverySmeCeilingIsLarge(string industry)
    {
        // Measures the industry does not use are 0: they must not make the firm an SME.
        var result = Classify(industry, At(_expected[industry].SmeBelow));

        Assert.Equal(SizeClass.Large, result.SizeClass);
        Assert.Equal(industry, result.IndustryKey);
        Assert.Contains("large", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(SmeCeilings))]
    public void AtOneSmeCeilingWithTheOthersAboveIsLarge(string industry, string measure)
    {
        var ceilings = _expected[industry].SmeBelow;
        var measures = Set(Times(At(ceilings), 10), measure, Value(At(ceilings), measure));

        Assert.Equal(SizeClass.Large, Classify(industry, measures).SizeClass);
    }

    [Theory]
    [MemberData(nameof(SmeCeilings))]
    public void OneUnitBelowAnSmeCeilingIsSme(string industry, string measure)
    {
        var result = Classify(industry, OneUnitBelow(At(_expected[industry].SmeBelow), measure));

        // Every other measure is still at its ceiling, far above the medium minimums.
        Assert.Equal(SizeClass.Medium, result.SizeClass);
        Assert.True(result.SizeClass.IsSme());
        Assert.Contains($"SME because {ReasonName(measure)}", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(Industries))]
    public void AtEveryMediumMinimumIsMedium(string industry)
    {
        var result = Classify(industry, At(_expected[industry].MediumMin));

        Assert.Equal(SizeClass.Medium, result.SizeClass);
        Assert.Contains("medium", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(MediumMinimums))]
    public void OneUnitBelowAMediumMinimumIsSmall(string industry, string measure)
    {
        var result = Classify(industry, OneUnitBelow(At(_expected[industry].MediumMin), measure));

        // The small minimums are all well below the medium ones, so one unit less still reaches them.
        Assert.Equal(SizeClass.Small, result.SizeClass);
        Assert.Contains($"not medium because {ReasonName(measure)}", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(Industries))]
    public void AtEverySmallMinimumIsSmall(string industry)
    {
        var result = Classify(industry, At(_expected[industry].SmallMin));

        Assert.Equal(SizeClass.Small, result.SizeClass);
        Assert.Contains("small", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(SmallMinimums))]
    public void OneUnitBelowASmallMinimumIsMicro(string industry, string measure)
    {
        var result = Classify(industry, OneUnitBelow(At(_expected[industry].SmallMin), measure));

        Assert.Equal(SizeClass.Micro, result.SizeClass);
        Assert.Contains($"not small because {ReasonName(measure)}", result.Reason.ToString());
    }

    [Theory]
    [MemberData(nameof(Industries))]
    public void NothingAtAllIsMicro(string industry)
    {
        var result = Classify(industry, new SizeMeasures(0, 0m, 0m));

        Assert.Equal(SizeClass.Micro, result.SizeClass);
        Assert.Contains("micro", result.Reason.ToString());
    }

    [Fact]
    public void ReadmeExampleSoftwareFirmWith120EmployeesAnd800WanRevenueIsSmall()
    {
        var result = Classify("software_it_services", new SizeMeasures(120, 8_000_000m, 0m));

        Assert.Equal(SizeClass.Small, result.SizeClass);
        Assert.Contains("employees 120 < 300", result.Reason.ToString());
        Assert.Contains("revenue 800 万元 < 1000 万元", result.Reason.ToString());
        Assert.Equal("软件和信息技术服务业：小型企业——属于中小企业，因为从业人员 120 < 300，且营业收入 800 万元 < 10000 万元；"
            + "不属于中型企业，因为营业收入 800 万元 < 1000 万元；从业人员 120 ≥ 10，且营业收入 800 万元 ≥ 50 万元。",
            Portal.Localization.PortalText.Render(result.Reason, System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void AReasonNeverShowsAValueJustBelowAThresholdAsEqualToIt()
    {
        var result = Classify("software_it_services", new SizeMeasures(120, 9_999_999.99m, 0m));

        Assert.Equal(SizeClass.Small, result.SizeClass);
        Assert.Contains("revenue 999.999999 万元 < 1000 万元", result.Reason.ToString());
    }

    [Fact]
    public void MeasuresTheIndustryDoesNotUseAreIgnored()
    {
        // Agriculture looks at revenue only: a million employees and huge assets do not make a farm large.
        var result = Classify("agriculture", new SizeMeasures(1_000_000, 4_000_000m, 9_000_000_000m));

        Assert.Equal(SizeClass.Small, result.SizeClass);
    }

    [Fact]
    public void OneMeasureBelowItsCeilingIsEnoughForSme()
    {
        // Industry: 5000 employees, but revenue below 40000 万元 → SME (以下 on ANY measure), and not medium
        // because revenue is below 2000 万元.
        var result = Classify("industry", new SizeMeasures(5000, 15_000_000m, 0m));

        Assert.Equal(SizeClass.Small, result.SizeClass);
        Assert.Contains("revenue", result.Reason.ToString());
    }

    [Fact]
    public void UnknownIndustryThrowsWithFieldIndustry()
    {
        var ex = Assert.Throws<DomainException>(() => Classify("space_mining", new SizeMeasures(10, 1m, 1m)));

        Assert.Equal("industry", ex.Field);
        Assert.Contains("space_mining", ex.Message);
    }

    [Theory]
    [InlineData(0, 0, SizeClass.Micro)]
    [InlineData(120, 8_000_000, SizeClass.Small)]
    [InlineData(200, 20_000_000, SizeClass.Medium)]
    [InlineData(500, 200_000_000, SizeClass.Large)]
    public void ReasonIsASentenceNamingTheIndustry(int employees, int revenueYuan, SizeClass expected)
    {
        var result = Classify("software_it_services", new SizeMeasures(employees, revenueYuan, 0m));

        Assert.Equal(expected, result.SizeClass);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason.ToString()));
        Assert.StartsWith("Software and IT services: " + expected.ToKey(), result.Reason.ToString());
    }

    private static SizeClassification Classify(string industry, SizeMeasures measures) =>
        SizeThresholdTable.Official.Classify(industry, measures);

    private static TheoryData<string, string> Cases(Func<Row, Limits> pick)
    {
        var data = new TheoryData<string, string>();
        foreach (var (industry, row) in _expected)
        {
            var limits = pick(row);
            if (limits.Employees is not null)
            {
                data.Add(industry, Employees);
            }
            if (limits.RevenueYuan is not null)
            {
                data.Add(industry, Revenue);
            }
            if (limits.AssetsYuan is not null)
            {
                data.Add(industry, Assets);
            }
        }
        return data;
    }

    private static Thresholds Thresholds(Limits limits) => new(limits.Employees, limits.RevenueYuan, limits.AssetsYuan);

    /// <summary>Every used measure exactly at its threshold; unused measures 0.</summary>
    private static SizeMeasures At(Limits limits) =>
        new(limits.Employees ?? 0, limits.RevenueYuan ?? 0m, limits.AssetsYuan ?? 0m);

    private static SizeMeasures Times(SizeMeasures measures, int factor) =>
        new(measures.Employees * factor, measures.RevenueYuan * factor, measures.AssetsYuan * factor);

    /// <summary>One unit less on one measure: 1 employee or 0.01 yuan (one fen).</summary>
    private static SizeMeasures OneUnitBelow(SizeMeasures measures, string measure) => measure switch
    {
        Employees => measures with { Employees = measures.Employees - 1 },
        Revenue => measures with { RevenueYuan = measures.RevenueYuan - 0.01m },
        _ => measures with { AssetsYuan = measures.AssetsYuan - 0.01m },
    };

    private static decimal Value(SizeMeasures measures, string measure) => measure switch
    {
        Employees => measures.Employees,
        Revenue => measures.RevenueYuan,
        _ => measures.AssetsYuan,
    };

    private static SizeMeasures Set(SizeMeasures measures, string measure, decimal value) => measure switch
    {
        Employees => measures with { Employees = (int)value },
        Revenue => measures with { RevenueYuan = value },
        _ => measures with { AssetsYuan = value },
    };

    /// <summary>How <see cref="SizeClassification.Reason"/> names a measure.</summary>
    private static string ReasonName(string measure) => measure == Assets ? "total assets" : measure;
}
