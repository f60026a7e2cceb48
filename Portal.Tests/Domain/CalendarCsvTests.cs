using Portal.Domain;
using Portal.Domain.Calendar;

namespace Portal.Tests.Domain;

/// <summary>The calendar's CSV: header date,kind,name[,nameEn]; a bad row is named by its line in the file.</summary>
public sealed class CalendarCsvTests
{
    [Fact]
    public void ReadsHolidaysAndWorkdaysAndWritesThemBack()
    {
        var (holidays, workdays) = CalendarCsv.Parse("\uFEFFdate,kind,name,nameEn\r\n2026-01-01,holiday,元旦,New Year's Day\r\n\r\n2026-01-04,WORKDAY,元旦\r\n");

        Assert.Equal([new CalendarEntry(new DateOnly(2026, 1, 1), "元旦", "New Year's Day")], holidays);
        Assert.Equal([new CalendarEntry(new DateOnly(2026, 1, 4), "元旦", null)], workdays);

        var calendar = WorkingDayCalendar.Create(2026, "通知", holidays, workdays);
        Assert.Equal("date,kind,name,nameEn\n2026-01-01,holiday,元旦,New Year's Day\n2026-01-04,workday,元旦,元旦\n", CalendarCsv.Write(calendar));
        var (again, _) = CalendarCsv.Parse(CalendarCsv.Write(calendar));
        Assert.Equal(holidays, again);
    }

    [Theory]
    [InlineData("day,kind,name\n2026-01-01,holiday,元旦\n", "lines[1]")]
    [InlineData("date,kind,name\n2026-01-01,holiday,元旦\n01/02/2026,holiday,元旦\n", "lines[3].date")]
    [InlineData("date,kind,name\n2026-01-01,weekday,元旦\n", "lines[2].kind")]
    [InlineData("date,kind,name\n2026-01-01,holiday\n", "lines[2]")]
    public void ABadRowIsNamedByItsLine(string csv, string field)
    {
        Assert.Equal(field, Assert.Throws<DomainException>(() => CalendarCsv.Parse(csv)).Field);
    }
}
