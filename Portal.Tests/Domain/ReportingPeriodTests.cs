using Portal.Domain.Reporting;

namespace Portal.Tests.Domain;

/// <summary>The dashboard's periods: the last N months up to today in China time, cut into calendar quarters and years.</summary>
public sealed class ReportingPeriodTests
{
    private static ReportingPeriod Period(string from, string to) => ReportingPeriod.Of(DateOnly.Parse(from), DateOnly.Parse(to));

    [Fact]
    public void QuartersFollowTheCalendarAndTheEndsAreClippedToThePeriod()
    {
        var quarters = Period("2024-11-24", "2025-08-10").CalendarParts(3);

        Assert.Equal(
            ["2024-11-24 – 2024-12-31", "2025-01-01 – 2025-03-31", "2025-04-01 – 2025-06-30", "2025-07-01 – 2025-08-10"],
            quarters.Select(q => q.ToString()));
    }

    [Fact]
    public void YearsOfAPeriodInsideOneYearAreThePeriodItself()
    {
        var period = Period("2026-02-03", "2026-11-23");

        Assert.Equal([period], period.CalendarParts(12));
        Assert.Equal(["2026-01-01 – 2026-06-30", "2026-07-01 – 2026-12-31"], Period("2026-01-01", "2026-12-31").CalendarParts(6).Select(h => h.ToString()));
    }

    [Fact]
    public void EveryDayOfThePeriodIsInExactlyOnePart()
    {
        var period = Period("2024-11-24", "2026-11-23");
        var parts = period.CalendarParts(3);

        Assert.Equal(9, parts.Count);
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var noon = day.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc);
            Assert.Single(parts, p => p.Contains(noon));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(24)]
    public void PartsThatDoNotDivideTheYearAreRefused(int months) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Period("2025-01-01", "2025-12-31").CalendarParts(months));

    [Fact]
    public void TheLastTwentyFourMonthsEndTodayInChinaTime()
    {
        // 17:00 UTC on 23 November is 01:00 on the 24th in Beijing.
        var period = ReportingPeriod.LastMonths(24, new DateTime(2026, 11, 23, 17, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new DateOnly(2024, 11, 25), period.From);
        Assert.Equal(new DateOnly(2026, 11, 24), period.To);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.LastMonths(ReportingPeriod.MaxMonths + 1, DateTime.UtcNow));
    }
}
