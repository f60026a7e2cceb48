using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Domain.Suppliers;

namespace Portal.Tests.Domain;

public class ParticipationFiguresTests
{
    private static readonly ReportingPeriod _year2026 = ReportingPeriod.Of(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
    private static readonly Guid _a = Guid.NewGuid(), _b = Guid.NewGuid(), _c = Guid.NewGuid(), _d = Guid.NewGuid();

    private static AwardRecord Award(Guid supplier, string name, SizeClass size, decimal value, DateTime atUtc) =>
        new(Guid.NewGuid(), "门禁改造", "标段", supplier, name, size, value, atUtc);

    private static DateTime Utc(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SharesCr3AndHhiFollowTheAwardedValueOfEachSupplier()
    {
        // Values 400k (A, small, two awards), 300k (B, large), 200k (C, micro), 100k (D, medium): total 1,000k.
        // CR3 = (400 + 300 + 200) / 1000 = 0.9; HHI = 40² + 30² + 20² + 10² = 1600 + 900 + 400 + 100 = 3000.
        var awards = new[]
        {
            Award(_a, "甲", SizeClass.Small, 250_000m, Utc(2026, 3, 1)),
            Award(_a, "甲", SizeClass.Small, 150_000m, Utc(2026, 3, 20)),
            Award(_b, "乙", SizeClass.Large, 300_000m, Utc(2026, 5, 2)),
            Award(_c, "丙", SizeClass.Micro, 200_000m, Utc(2026, 5, 3)),
            Award(_d, "丁", SizeClass.Medium, 100_000m, Utc(2026, 11, 30)),
        };

        var figures = ParticipationFigures.Compute(_year2026, awards, [SizeClass.Small, SizeClass.Small, SizeClass.Large, SizeClass.Micro]);

        Assert.Equal((5, 1_000_000m), (figures.Contracts, figures.ValueYuan));
        Assert.Equal((4, 700_000m), (figures.SmeContracts, figures.SmeValueYuan));
        Assert.Equal(0.7m, figures.SmeShareOfValue);
        Assert.Equal(0.8m, figures.SmeShareOfContracts);
        Assert.Equal(0.9m, figures.Cr3);
        Assert.Equal(3000m, figures.Hhi);
        Assert.True(figures.HighlyConcentrated);
        Assert.Equal(["甲", "乙", "丙"], figures.TopSuppliers(3).Select(s => s.Name));
        Assert.Equal((2, 400_000m, 0.4m), (figures.Suppliers[0].Contracts, figures.Suppliers[0].ValueYuan, figures.Suppliers[0].ShareOfValue));
        var small = figures.BySize.Single(s => s.SizeClass == SizeClass.Small);
        Assert.Equal((2, 400_000m, 0.4m, 0.4m, 2), (small.Contracts, small.ValueYuan, small.ShareOfValue, small.ShareOfContracts, small.BidsReceived));
        Assert.Equal((4, 3), (figures.BidsReceived, figures.SmeBidsReceived));
    }

    [Fact]
    public void OneSupplierWithEverythingIsTheMostConcentratedMarket()
    {
        var figures = ParticipationFigures.Compute(_year2026, [Award(_a, "甲", SizeClass.Large, 5_000m, Utc(2026, 6, 1))], []);

        Assert.Equal((1m, 10_000m, 0m), (figures.Cr3, figures.Hhi, figures.SmeShareOfValue));
    }

    [Fact]
    public void MonthsFollowChinaTimeAndAwardsOutsideThePeriodAreLeftOut()
    {
        // 2026-03-31 20:00 UTC is 1 April 04:00 in Beijing; 2025-12-31 17:00 UTC is already 2026 there; 2026-12-31 16:00 UTC is 2027.
        var awards = new[]
        {
            Award(_a, "甲", SizeClass.Small, 100m, Utc(2026, 3, 31, 20)),
            Award(_b, "乙", SizeClass.Large, 300m, Utc(2025, 12, 31, 17)),
            Award(_c, "丙", SizeClass.Small, 999m, Utc(2026, 12, 31, 16)),
            Award(_c, "丙", SizeClass.Small, 999m, Utc(2025, 12, 31, 15)),
        };

        var figures = ParticipationFigures.Compute(_year2026, awards, []);

        Assert.Equal(12, figures.ByMonth.Count);
        Assert.Equal((1, 300m, 0), (figures.ByMonth[0].Contracts, figures.ByMonth[0].ValueYuan, figures.ByMonth[0].SmeContracts));
        Assert.Equal((0, 0m), (figures.ByMonth[2].Contracts, figures.ByMonth[2].ValueYuan));
        Assert.Equal((1, 100m, 1m), (figures.ByMonth[3].Contracts, figures.ByMonth[3].SmeValueYuan, figures.ByMonth[3].SmeShareOfValue));
        Assert.Equal(2, figures.Contracts);
    }

    [Fact]
    public void AnEmptyPeriodHasZeroSharesAndNoConcentration()
    {
        var figures = ParticipationFigures.Compute(_year2026, [], []);

        Assert.Equal((0, 0m, 0m, 0m, 0m), (figures.Contracts, figures.SmeShareOfValue, figures.SmeShareOfContracts, figures.Cr3, figures.Hhi));
        Assert.All(figures.BySize, s => Assert.Equal(0m, s.ShareOfValue));
    }

    [Fact]
    public void APeriodEndingBeforeItStartsIsRefusedNamingFrom()
    {
        var error = Assert.Throws<DomainException>(() => ReportingPeriod.Of(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)));

        Assert.Equal("from", error.Field);
    }

    [Fact]
    public void APeriodOfMoreThanFiveYearsIsRefusedNamingTo()
    {
        var error = Assert.Throws<DomainException>(() => ReportingPeriod.Of(new DateOnly(2020, 1, 1), new DateOnly(2025, 1, 1)));

        Assert.Equal("to", error.Field);
        Assert.Equal(60, ReportingPeriod.Of(new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 31)).Months().Count);
    }

    [Fact]
    public void TheDefaultPeriodIsTheTwelveMonthsUpToTodayInChinaTime()
    {
        // 2026-11-23 17:00 UTC is 24 November in Beijing.
        var period = ReportingPeriod.LastTwelveMonths(Utc(2026, 11, 23, 17));

        Assert.Equal((new DateOnly(2025, 11, 25), new DateOnly(2026, 11, 24)), (period.From, period.To));
        Assert.Equal(Utc(2025, 11, 24, 16), period.StartUtc);
    }
}
