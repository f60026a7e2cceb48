using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// China's working-day calendar through the API on SQLite and PostgreSQL: the seeded years with their notice, a year
/// no one keeps, an administrator replacing a year (audited), the CSV import, and every refusal with nothing written.
/// </summary>
public abstract class CalendarApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private Task<HttpClient> AdminAsync() => app.CreateClientForAsync("admin@demo.local");

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> GetAsync(int year) => await JsonOf(await app.CreateHttpClient().GetAsync($"/api/v1/calendar/{year}"), HttpStatusCode.OK);

    private static string[] Dates(JsonElement calendar, string list) =>
        [.. calendar.GetProperty(list).EnumerateArray().Select(d => d.GetProperty("date").GetString()!)];

    private static object Body(string source, object[] holidays, object[] workdays) => new { source, holidays, workdays };

    [Fact]
    public async Task TheSeededYearNamesItsNoticeAndHasTheNoticesDates()
    {
        var calendar = await GetAsync(2026);

        Assert.True(calendar.GetProperty("kept").GetBoolean());
        var source = calendar.GetProperty("source").GetString()!;
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", source, StringComparison.Ordinal);
        Assert.Contains("chinese-days 1.5.7", source, StringComparison.Ordinal);
        Assert.Equal(33, calendar.GetProperty("holidays").GetArrayLength());
        Assert.Equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"], Dates(calendar, "workdays"));
        var first = calendar.GetProperty("workdays")[0];
        Assert.Equal("元旦", first.GetProperty("name").GetString());
        Assert.Equal("New Year's Day", first.GetProperty("nameEn").GetString());
        Assert.Contains("2026-02-17", Dates(calendar, "holidays"));
        Assert.True((await GetAsync(2024)).GetProperty("kept").GetBoolean());
        Assert.True((await GetAsync(2025)).GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task AYearNoOneKeepsAnswersKeptFalseWithEmptyListsAndAnImpossibleYearIs400()
    {
        var calendar = await GetAsync(2040);

        Assert.False(calendar.GetProperty("kept").GetBoolean());
        Assert.Equal(JsonValueKind.Null, calendar.GetProperty("source").ValueKind);
        Assert.Empty(Dates(calendar, "holidays"));
        Assert.Empty(Dates(calendar, "workdays"));

        var problem = await JsonOf(await app.CreateHttpClient().GetAsync("/api/v1/calendar/1999"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _));
    }

    [Fact]
    public async Task OnlyAnAdministratorKeepsTheCalendar()
    {
        var body = Body("通知", [new { date = "2033-01-03", name = "元旦" }], []);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateHttpClient().PutAsJsonAsync("/api/v1/calendar/2033", body)).StatusCode);
        var officer = await app.CreateClientForAsync("officer@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/v1/calendar/2033", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/v1/calendar/2033/import",
            new StringContent("date,kind,name\n2033-01-03,holiday,元旦\n", Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.False((await GetAsync(2033)).GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task AnAdministratorReplacesAYearAsAWholeAndTheTrailRecordsIt()
    {
        var admin = await AdminAsync();
        var saved = await JsonOf(await admin.PutAsJsonAsync("/api/v1/calendar/2031", Body("国务院办公厅关于2031年部分节假日安排的通知",
            [new { date = "2031-01-01", name = "元旦", nameEn = "New Year's Day" }, new { date = "2031-01-02", name = "元旦" }],
            [new { date = "2031-01-04", name = "元旦" }])), HttpStatusCode.OK);
        Assert.True(saved.GetProperty("kept").GetBoolean());
        Assert.Equal(["2031-01-01", "2031-01-02"], Dates(await GetAsync(2031), "holidays"));

        var replaced = await JsonOf(await admin.PutAsJsonAsync("/api/v1/calendar/2031", Body("国务院办公厅关于2031年部分节假日安排的通知",
            [new { date = "2031-01-01", name = "元旦" }], [])), HttpStatusCode.OK);
        Assert.Equal(["2031-01-01"], Dates(replaced, "holidays"));
        Assert.Empty(Dates(await GetAsync(2031), "workdays"));

        var trail = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType.StartsWith("WorkingDayCalendar") && e.EntityId.StartsWith("2031")).ToListAsync());
        Assert.Contains(trail, e => e.EntityType == "WorkingDayCalendar" && e.ActorName == "admin@demo.local");
        Assert.True(trail.Count >= 2, $"{trail.Count} entries");
    }

    [Theory]
    [InlineData("holidays[1].date", """{"source":"通知","holidays":[{"date":"2034-01-02","name":"元旦"},{"date":"2035-01-01","name":"元旦"}],"workdays":[]}""")]
    [InlineData("holidays[0].date", """{"source":"通知","holidays":[{"date":"2 Jan","name":"元旦"}],"workdays":[]}""")]
    [InlineData("workdays[0].date", """{"source":"通知","holidays":[],"workdays":[{"date":"2034-01-02","name":"元旦"}]}""")]
    [InlineData("workdays[0].date", """{"source":"通知","holidays":[{"date":"2034-01-07","name":"元旦"}],"workdays":[{"date":"2034-01-07","name":"元旦"}]}""")]
    [InlineData("holidays[0].name", """{"source":"通知","holidays":[{"date":"2034-01-02","name":""}],"workdays":[]}""")]
    [InlineData("source", """{"source":"","holidays":[],"workdays":[]}""")]
    public async Task ABrokenEntryIsA400NamingTheFieldAndNothingIsWritten(string field, string json)
    {
        var admin = await AdminAsync();

        var problem = await JsonOf(await admin.PutAsync("/api/v1/calendar/2034", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False((await GetAsync(2034)).GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task ACsvImportReplacesTheYearAndABadRowRefusesTheWholeFile()
    {
        var admin = await AdminAsync();
        const string csv = "date,kind,name,nameEn\n2032-01-01,holiday,元旦,New Year's Day\n2032-01-03,workday,元旦,\n";

        var imported = await JsonOf(await admin.PostAsync("/api/v1/calendar/2032/import?source=" + Uri.EscapeDataString("国务院办公厅关于2032年部分节假日安排的通知"),
            new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(["2032-01-01"], Dates(imported, "holidays"));
        Assert.Equal(["2032-01-03"], Dates(imported, "workdays"));

        var bad = await JsonOf(await admin.PostAsync("/api/v1/calendar/2032/import",
            new StringContent("date,kind,name\n2032-01-01,holiday,元旦\n2032-01-02,weekday,元旦\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lines[3].kind", out _), bad.ToString());
        var kept = await GetAsync(2032);
        Assert.Equal(["2032-01-03"], Dates(kept, "workdays"));
        Assert.Contains("2032年", kept.GetProperty("source").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedingAgainAddsNothingAndNeverOverwritesAYearAnAdministratorKept()
    {
        var admin = await AdminAsync();
        await JsonOf(await admin.PutAsJsonAsync("/api/v1/calendar/2024", Body("国务院办公厅关于2024年部分节假日安排的通知（管理员核对）",
            [new { date = "2024-01-01", name = "元旦" }], [])), HttpStatusCode.OK);

        var added = await app.WithDbAsync(db => CalendarSeed.RunAsync(db, DatabaseInitializer.SeedDirectory));

        Assert.Empty(added);
        Assert.Equal(["2024-01-01"], Dates(await GetAsync(2024), "holidays"));
    }
}

public sealed class SqliteCalendarApiTests(SqliteCalendarApp app) : CalendarApiTests<SqliteCalendarApp>(app);

public sealed class PostgresCalendarApiTests(PostgresCalendarApp app) : CalendarApiTests<PostgresCalendarApp>(app);

public sealed class SqliteCalendarApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresCalendarApp() : PortalApp(DatabaseProvider.Postgres);

/// <summary>The calendar is reference data, not demo data: loaded with demo seeding off too.</summary>
public sealed class CalendarWithoutDemoTests(SqliteNoDemoCalendarApp app) : IClassFixture<SqliteNoDemoCalendarApp>
{
    [Fact]
    public async Task TheCalendarsAreLoadedWithDemoSeedingOff()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        var response = await app.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/v1/calendar/2025");
        Assert.True(response.GetProperty("kept").GetBoolean());
        Assert.Equal(5, response.GetProperty("workdays").GetArrayLength());
    }
}

public sealed class SqliteNoDemoCalendarApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:Demo", "false")];
}
