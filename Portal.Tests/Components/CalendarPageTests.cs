using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Features.Admin.Pages;
using Portal.Features.Calendar;
using Portal.Tests.Domain;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Components;

/// <summary>
/// The administrator's calendar page over a real SQLite file: the year's holidays and make-up days as saved, a date
/// removed and the year saved, and a refused date shown on its row with nothing saved.
/// </summary>
public sealed class CalendarPageTests : MudBlazorTestContext, IDisposable
{
    private readonly SqliteTestDatabase _database = new("portal-bunit-calendar");

    public CalendarPageTests()
    {
        _database.Register(Services);
        using (var db = _database.NewContext())
        {
            db.WorkingDayCalendars.Add(WorkingDaysTests.Calendar2026());
            db.SaveChanges();
        }
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTime(2026, 12, 6, 2, 0, 0, DateTimeKind.Utc)));
        Services.AddScoped<CalendarService>();
    }

    private WorkingDayCalendar Stored()
    {
        using var db = _database.NewContext();
        return db.WorkingDayCalendars.AsNoTracking().Single(c => c.Year == 2026);
    }

    [Fact]
    public void ShowsTheYearsHolidaysAndMakeUpDaysAndSavesARemoval()
    {
        var page = RenderInteractive<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid='calendar-workdays'] [data-testid='calendar-row']").Count));
        Assert.Equal(33, page.FindAll("[data-testid='calendar-holidays'] [data-testid='calendar-row']").Count);
        Assert.Empty(page.FindAll("[data-testid='calendar-not-kept']"));
        Assert.Contains("2026-01-04", page.Find("[data-testid='calendar-workdays'] [data-testid='calendar-row']").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid='calendar-workdays'] [data-testid='calendar-remove']").Click();
        page.Find("[data-testid='calendar-save']").Click();

        page.WaitForAssertion(() => Assert.Equal(5, Stored().Workdays.Count()));
        Assert.DoesNotContain(Stored().Workdays, d => d.Date == new DateOnly(2026, 1, 4));
    }

    [Fact]
    public void AMakeUpDayOnAWeekdayIsShownOnItsRowAndNothingIsSaved()
    {
        var page = RenderInteractive<CalendarPage>();
        page.WaitForElement("[data-testid='calendar-workdays']");

        page.Find("input[data-testid='calendar-new-date'], [data-testid='calendar-new-date'] input").Change("2026-03-04");
        page.Find("input[data-testid='calendar-new-name'], [data-testid='calendar-new-name'] input").Change("春节");
        page.FindComponent<MudBlazor.MudSelect<CalendarDayKind>>().InvokeAsync(() =>
            page.FindComponent<MudBlazor.MudSelect<CalendarDayKind>>().Instance.SelectOption(CalendarDayKind.Workday));
        page.Find("[data-testid='calendar-add']").Click();
        page.WaitForAssertion(() => Assert.Equal(7, page.FindAll("[data-testid='calendar-workdays'] [data-testid='calendar-row']").Count));
        page.Find("[data-testid='calendar-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("2026-03-04", page.Find("[data-testid='calendar-row-error']").TextContent, StringComparison.Ordinal));
        Assert.Equal(6, Stored().Workdays.Count());
    }

    void IDisposable.Dispose()
    {
        _database.Dispose();
    }
}
