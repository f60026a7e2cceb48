using Portal.Domain;
using Portal.Domain.Calendar;

namespace Portal.Tests.Domain;

/// <summary>
/// "N working days after D" on China's calendar, golden dates worked out by hand from the State Council's notices for
/// 2025 and 2026 (as transcribed by chinese-days 1.5.7): the day of the event is not counted (财政部令第94号).
/// </summary>
public sealed class WorkingDaysTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static List<CalendarEntry> Entries(string name, params string[] dates) => [.. dates.Select(d => new CalendarEntry(D(d), name))];

    internal static WorkingDayCalendar Calendar2025() => WorkingDayCalendar.Create(2025, "国务院办公厅关于2025年部分节假日安排的通知",
        [
            .. Entries("元旦", "2025-01-01"),
            .. Entries("春节", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"),
            .. Entries("清明", "2025-04-04", "2025-04-05", "2025-04-06"),
            .. Entries("劳动节", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"),
            .. Entries("端午", "2025-05-31", "2025-06-01", "2025-06-02"),
            .. Entries("国庆节", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05"),
            .. Entries("中秋", "2025-10-06"),
            .. Entries("国庆节", "2025-10-07", "2025-10-08"),
        ],
        [
            .. Entries("春节", "2025-01-26", "2025-02-08"),
            .. Entries("劳动节", "2025-04-27"),
            .. Entries("国庆节", "2025-09-28", "2025-10-11"),
        ]);

    internal static WorkingDayCalendar Calendar2026() => WorkingDayCalendar.Create(2026, "国务院办公厅关于2026年部分节假日安排的通知",
        [
            .. Entries("元旦", "2026-01-01", "2026-01-02", "2026-01-03"),
            .. Entries("春节", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"),
            .. Entries("清明", "2026-04-04", "2026-04-05", "2026-04-06"),
            .. Entries("劳动节", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"),
            .. Entries("端午", "2026-06-19", "2026-06-20", "2026-06-21"),
            .. Entries("中秋", "2026-09-25", "2026-09-26", "2026-09-27"),
            .. Entries("国庆节", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"),
        ],
        [
            .. Entries("元旦", "2026-01-04"),
            .. Entries("春节", "2026-02-14", "2026-02-28"),
            .. Entries("劳动节", "2026-05-09"),
            .. Entries("国庆节", "2026-09-20", "2026-10-10"),
        ]);

    private static readonly WorkingDays _known = new([Calendar2025(), Calendar2026()]);

    [Theory]
    // 春节 2025: Tue 28 Jan – Tue 4 Feb off, Sat 8 Feb worked.
    [InlineData("2025-01-27", 7, "2025-02-12")]
    // Sun 26 Jan is a make-up working day: it counts first.
    [InlineData("2025-01-24", 7, "2025-02-10")]
    // 国庆 2025: Sun 28 Sep and Sat 11 Oct worked, 1–8 Oct off.
    [InlineData("2025-09-26", 7, "2025-10-13")]
    [InlineData("2025-09-26", 15, "2025-10-23")]
    // 春节 2026: Sat 14 Feb and Sat 28 Feb worked, 15–23 Feb off.
    [InlineData("2026-02-13", 7, "2026-03-02")]
    // 中秋 + 国庆 2026: Sun 20 Sep and Sat 10 Oct worked, 25–27 Sep and 1–7 Oct off.
    [InlineData("2026-09-18", 7, "2026-09-29")]
    [InlineData("2026-09-18", 15, "2026-10-15")]
    // A clock across two years: 元旦 2026 (1–3 Jan off, Sun 4 Jan worked).
    [InlineData("2025-12-24", 7, "2026-01-05")]
    // An event on a holiday: the clock starts the day after all the same.
    [InlineData("2025-10-03", 1, "2025-10-09")]
    public void CountsOnTheKnownCalendars(string from, int days, string expected)
    {
        var result = _known.After(D(from), days);

        Assert.Equal(D(expected), result.Day);
        Assert.False(result.Assumed);
        Assert.Empty(result.YearsWithoutCalendar);
    }

    [Fact]
    public void AYearWithoutACalendarCountsMondayToFridayAndSaysSo()
    {
        // 2027 has no calendar: Fri 1 Jan 2027 counts as a working day, and the result names 2027.
        var across = _known.After(D("2026-12-28"), 7);
        Assert.Equal(D("2027-01-06"), across.Day);
        Assert.True(across.Assumed);
        Assert.Equal([2027], across.YearsWithoutCalendar);

        // Without the 2025 calendar, 春节 2025 is not known: Monday to Friday.
        var without2025 = new WorkingDays([Calendar2026()]).After(D("2025-01-27"), 7);
        Assert.Equal(D("2025-02-05"), without2025.Day);
        Assert.Equal([2025], without2025.YearsWithoutCalendar);

        Assert.Equal((true, true), _known.IsWorkingDay(D("2027-01-01")));
        Assert.Equal((false, true), _known.IsWorkingDay(D("2027-01-02")));
    }

    [Fact]
    public void ZeroWorkingDaysIsTheDayItselfAndCountsNoYear()
    {
        var result = _known.After(D("2027-02-06"), 0);

        Assert.Equal(D("2027-02-06"), result.Day);
        Assert.False(result.Assumed);
    }

    [Fact]
    public void IsWorkingDayFollowsHolidaysAndMakeUpDays()
    {
        Assert.Equal((false, false), _known.IsWorkingDay(D("2025-01-28"))); // 春节, a Tuesday
        Assert.Equal((true, false), _known.IsWorkingDay(D("2025-02-08")));  // make-up Saturday
        Assert.Equal((false, false), _known.IsWorkingDay(D("2025-02-09"))); // an ordinary Sunday
        Assert.Equal((true, false), _known.IsWorkingDay(D("2025-02-05")));  // an ordinary Wednesday
        Assert.Equal((false, false), _known.IsWorkingDay(D("2026-01-03"))); // 元旦 on a Saturday
    }

    [Fact]
    public void WorkingDaysLeftCountFromTheDayAfterToday()
    {
        Assert.Equal((4, false), _known.Left(D("2025-09-30"), D("2025-10-13"))); // 9, 10, 11 (Saturday, worked) and 13 Oct
        Assert.Equal((0, false), _known.Left(D("2025-10-14"), D("2025-10-13")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(WorkingDays.MaxDays + 1)]
    public void ANegativeOrHugeCountIsRefused(int days)
    {
        var error = Assert.Throws<DomainException>(() => _known.After(D("2026-01-05"), days));
        Assert.Equal("days", error.Field);
    }

    [Fact]
    public void TheCalendarRefusesBrokenEntriesNamingTheField()
    {
        static DomainException Refused(IReadOnlyList<CalendarEntry> holidays, IReadOnlyList<CalendarEntry> workdays, string source = "通知") =>
            Assert.Throws<DomainException>(() => WorkingDayCalendar.Create(2026, source, holidays, workdays));

        // The same date as a holiday and a make-up day.
        Assert.Equal("workdays[0].date", Refused(Entries("春节", "2026-02-14"), Entries("春节", "2026-02-14")).Field);
        // A date outside the year.
        Assert.Equal("holidays[1].date", Refused(Entries("元旦", "2026-01-01", "2027-01-01"), []).Field);
        // A make-up working day on a weekday.
        Assert.Equal("workdays[0].date", Refused([], Entries("春节", "2026-02-16")).Field);
        // A date twice in one list.
        Assert.Equal("holidays[1].date", Refused(Entries("元旦", "2026-01-01", "2026-01-01"), []).Field);
        // No name; no source.
        Assert.Equal("holidays[0].name", Refused([new CalendarEntry(D("2026-01-01"), " ")], []).Field);
        Assert.Equal("source", Refused([], [], source: " ").Field);
        Assert.Equal("year", Assert.Throws<DomainException>(() => WorkingDayCalendar.Create(1999, "通知", [], [])).Field);
    }

    [Fact]
    public void AHolidayMayFallOnAWeekdayOrAWeekendAndAFailedReplaceChangesNothing()
    {
        var calendar = WorkingDayCalendar.Create(2026, "通知", Entries("元旦", "2026-01-01", "2026-01-03"), Entries("元旦", "2026-01-04"));
        Assert.Equal(3, calendar.Days.Count);
        Assert.Equal("元旦", calendar.Days[0].NameEn);

        Assert.Throws<DomainException>(() => calendar.Replace("通知", [], Entries("x", "2026-01-05")));
        Assert.Equal(3, calendar.Days.Count);
        Assert.Equal("通知", calendar.Source);
    }
}
