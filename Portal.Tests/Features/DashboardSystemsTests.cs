using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Effectiveness;
using Portal.Features.Effectiveness;
using Portal.Tests.Infrastructure;
using static Portal.Features.Reports.ReportFormat;
using static Portal.Tests.Features.AwardedLots;

namespace Portal.Tests.Features;

/// <summary>
/// The dashboard's delivered systems (SQLite): two systems delivered and observed through the API, one with a usage rate
/// under the idle threshold, then a month rated; the idle list, the payments per month and the KPI trends shown are the
/// effectiveness feature's own figures.
/// </summary>
public sealed class DashboardSystemsTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    private async Task<Guid> DeliveredAsync(string name, decimal fee)
    {
        var lot = await ArrangeAsync(app);
        var contractId = (await RecordContractAsync(app, lot, 800_000m)).GetProperty("id").GetGuid();
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await officer.PostAsJsonAsync("/api/v1/systems", new { contractId, name, deliveredOn = today, monthlyFeeYuan = fee });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("system").GetProperty("id").GetGuid();
    }

    private static async Task ObserveAsync(HttpClient officer, Guid systemId, string period, string kpi, decimal value) =>
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/systems/{systemId}/observations", new { period, kpi, value })).StatusCode);

    [Fact]
    public async Task IdleSystemsPaymentsPerMonthAndKpiTrendsAreTheEffectivenessFiguresOfTheDatabase()
    {
        var start = app.Clock.GetUtcNow();
        var unused = await DeliveredAsync("社区养老服务预约平台", 12_000m);
        var used = await DeliveredAsync("老旧小区门禁与适老化平台", 10_000m);
        var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime).ToString();
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            await ObserveAsync(officer, unused, month, "usageRate", 8m);
            await ObserveAsync(officer, used, month, "usageRate", 72m);
            await ObserveAsync(officer, used, month, "satisfaction", 70m);
        }
        app.Clock.Advance(Period.Parse(month).EndUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        using (var official = await app.CreateClientForAsync("official@demo.local"))
        {
            Assert.Equal(HttpStatusCode.OK, (await official.PostAsync("/api/v1/systems/rate", null)).StatusCode);
        }
        var from = DateOnly.FromDateTime(start.UtcDateTime + Period.ChinaOffset).AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var client = await app.CreateClientForAsync("official@demo.local");
        var response = await client.GetAsync($"/dashboard?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        IReadOnlyList<SystemSummary> systems;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            systems = await scope.ServiceProvider.GetRequiredService<DeliveredSystems>().ListAsync(new SystemViewer("", "", false, IsOfficial: true, false, false));
        }
        var idle = systems.Where(s => s.Idle).ToList();
        Assert.Contains(idle, s => s.Id == unused && s.IdleReason == "lowUsage");
        Assert.DoesNotContain(idle, s => s.Id == used);
        Assert.Equal(idle.Count.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-testid='idle-count']")!.TextContent.Trim());
        var idleRows = page.QuerySelectorAll("[data-testid='idle-system']");
        Assert.Equal(idle.Select(s => s.Id.ToString()), idleRows.Select(r => r.GetAttribute("data-system-id")!));
        Assert.Contains(idleRows, r => r.QuerySelector($"a[href='systems/{unused}']") is not null);

        var statements = await app.WithDbAsync(db => db.MonthlyStatements.AsNoTracking().Where(s => s.Period == month)
            .Select(s => new { s.MonthlyFeeYuan, s.DeductionYuan, s.PaymentYuan }).ToListAsync());
        Assert.Equal(2, statements.Count);
        var row = page.QuerySelector($"[data-testid='payment-row'][data-period='{month}']")!;
        Assert.Equal(Yuan(22_000m), row.QuerySelector("[data-testid='payment-fee']")!.TextContent.Trim());
        Assert.Equal(Yuan(statements.Sum(s => s.DeductionYuan)), row.QuerySelector("[data-testid='payment-deduction']")!.TextContent.Trim());
        Assert.Equal(Yuan(statements.Sum(s => s.PaymentYuan)), row.QuerySelector("[data-testid='payment-paid']")!.TextContent.Trim());
        Assert.True(statements.Sum(s => s.DeductionYuan) > 0);

        // The first system listed (an idle one) has its KPI trend drawn against its target.
        var trend = page.QuerySelector("[data-testid='system-kpis'] [data-testid='kpi-trend'][data-kpi='usageRate']");
        Assert.NotNull(trend);
        Assert.Equal($"systems/{systems[0].Id}", page.QuerySelector("[data-testid='kpi-system-link']")!.GetAttribute("href"));
        Assert.NotEmpty(trend.QuerySelectorAll(".mud-chart-bar, .mud-chart-line"));
    }
}
