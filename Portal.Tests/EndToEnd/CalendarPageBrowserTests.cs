using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Calendar;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An administrator keeps this year's working-day calendar in Chinese: opens it from the nav, replaces the lists from
/// a CSV file and saves. The year is put back afterwards (the browser tests share one portal).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarPageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAdministratorReplacesTheYearFromACsvFileAndSavesIt()
    {
        var app = browser.App;
        var year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        var original = await app.WithDbAsync(db => db.WorkingDayCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year));
        var page = await browser.NewPageAsync("zh-CN");
        await SignInTests.SignInAsync(page, "admin@demo.local", PortalApp.DemoPassword);
        try
        {
            await Assertions.Expect(page.GetByTestId("nav-calendar")).ToHaveAttributeAsync("href", "admin/calendar");
            await page.OpenAsync("/admin/calendar");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作日历" })).ToBeVisibleAsync();

            var saturday = Enumerable.Range(1, 7).Select(d => new DateOnly(year, 1, d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
            var csv = $"date,kind,name,nameEn\n{year}-01-01,holiday,元旦,New Year's Day\n{saturday:yyyy-MM-dd},workday,元旦,\n";
            await page.GetByTestId("calendar-csv").SetInputFilesAsync(new FilePayload { Name = "calendar.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await Assertions.Expect(page.GetByTestId("calendar-workdays").GetByTestId("calendar-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("calendar-holidays").GetByTestId("calendar-row")).ToHaveCountAsync(1);
            await page.GetByTestId("calendar-source").FillAsync($"国务院办公厅关于{year}年部分节假日安排的通知");
            await page.GetByTestId("calendar-save").ClickAsync();

            await Assertions.Expect(page.GetByText("日历已保存。")).ToBeVisibleAsync();
            var saved = await app.WithDbAsync(db => db.WorkingDayCalendars.AsNoTracking().SingleAsync(c => c.Year == year));
            Assert.Equal([new DateOnly(year, 1, 1), saturday], saved.Days.Select(d => d.Date));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var calendar = await db.WorkingDayCalendars.SingleOrDefaultAsync(c => c.Year == year);
                if (original is null && calendar is not null)
                {
                    db.WorkingDayCalendars.Remove(calendar);
                }
                else if (original is not null && calendar is not null)
                {
                    static List<CalendarEntry> Entries(IEnumerable<CalendarDay> days) => [.. days.Select(d => new CalendarEntry(d.Date, d.Name, d.NameEn))];
                    calendar.Replace(original.Source, Entries(original.Holidays), Entries(original.Workdays));
                }
                return await db.SaveChangesAsync();
            });
            await page.Context.CloseAsync();
        }
    }
}
