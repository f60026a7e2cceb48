using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Effectiveness;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.AwardedLots;
using static Portal.Tests.Features.OpenData.OcdsPackages;

namespace Portal.Tests.Features.OpenData;

/// <summary>
/// Implementation releases on SQLite and PostgreSQL: a delivered system's rated month is one <c>implementation</c>
/// release carrying the payment from the database as a transaction and the KPI ratings as milestones, valid against the
/// schema, in the paged feed, the bulk download and a <c>since</c> page.
/// </summary>
public abstract class OcdsImplementationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ARatedMonthIsAnImplementationReleaseWithThePaymentAndTheKpiMilestones()
    {
        var lot = await ArrangeAsync(app);
        var contractId = (await RecordContractAsync(app, lot, 800_000m)).GetProperty("id").GetGuid();
        var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime).ToString();
        Guid systemId;
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            var delivered = await officer.PostAsJsonAsync("/api/v1/systems", new
            {
                contractId,
                name = "社区养老服务智能调度平台",
                deliveredOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                monthlyFeeYuan = 12_345.67m,
            });
            Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
            systemId = (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("system").GetProperty("id").GetGuid();
            // dataLagHours is not reported: it is rated missing (deducted like significantly below).
            foreach (var (kpi, value) in new[] { ("usageRate", 10m), ("satisfaction", 90m), ("faultRate", 0.5m), ("complaintResponseMinutes", 45m) })
            {
                var observed = await officer.PostAsJsonAsync($"/api/v1/systems/{systemId}/observations", new { period = month, kpi, value });
                Assert.Equal(HttpStatusCode.Created, observed.StatusCode);
            }
        }
        var tenderId = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.TenderId).SingleAsync());
        var releaseId = $"ocds-smecn1-{tenderId:D}-implementation-1-{month}";
        using var anonymous = app.CreateHttpClient();
        Assert.DoesNotContain(await AllPagesAsync(anonymous), r => Tags(r).Contains("implementation") && (string)r["id"]! == releaseId);

        app.Clock.Advance(Period.Parse(month).EndUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        using (var official = await app.CreateClientForAsync("official@demo.local"))
        {
            Assert.Equal(HttpStatusCode.OK, (await official.PostAsync("/api/v1/systems/rate", null)).StatusCode);
        }
        var statement = await app.WithDbAsync(db => db.MonthlyStatements.AsNoTracking().SingleAsync(s => s.SystemId == systemId));

        var releases = await AllPagesAsync(anonymous);
        var (bulkText, bulk) = await GetAsync(anonymous, "/api/v1/ocds/releases/all");
        var sinceRating = await AllPagesAsync(anonymous, $"?since={statement.RatedAtUtc:yyyy-MM-ddTHH:mm:ssZ}");

        await AssertValidAsync(bulkText);
        var release = Assert.Single(releases, r => (string)r["id"]! == releaseId);
        Assert.Equal(["implementation"], Tags(release));
        Assert.Equal(statement.RatedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), (string)release["date"]!);
        Assert.Equal(Text(release), Text(Assert.Single(bulk["releases"]!.AsArray(), r => (string)r!["id"]! == releaseId)!));
        Assert.Contains(sinceRating, r => (string)r["id"]! == releaseId);
        Assert.DoesNotContain(sinceRating, r => (string)r["id"]! == $"ocds-smecn1-{tenderId:D}-contract-1");

        var contract = Assert.Single(release["contracts"]!.AsArray())!;
        var implementation = contract["implementation"]!;
        var payment = Assert.Single(implementation["transactions"]!.AsArray())!;
        Assert.Equal($"payment-{month}", (string)payment["id"]!);
        Assert.True(statement.PaymentYuan is > 0 and < 12_345.67m);
        Assert.Equal(statement.PaymentYuan, (decimal)payment["value"]!["amount"]!);
        Assert.Equal("CNY", (string)payment["value"]!["currency"]!);
        Assert.Equal((string)release["buyer"]!["id"]!, (string)payment["payer"]!["id"]!);
        var creditCode = await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == lot.SupplierId).Select(s => s.CreditCode).SingleAsync());
        Assert.Equal($"CN-USCC-{creditCode}", (string)payment["payee"]!["id"]!);
        Assert.Contains(release["parties"]!.AsArray(), p => (string)p!["id"]! == $"CN-USCC-{creditCode}");
        Assert.Contains(statement.DeductionYuan.ToString("#,0.00", CultureInfo.InvariantCulture), (string)payment["description"]!, StringComparison.Ordinal);

        var milestones = implementation["milestones"]!.AsArray().Select(m => m!.AsObject()).ToDictionary(m => (string)m["id"]!);
        Assert.Equal("met", (string)milestones["delivered"]["status"]!);
        Assert.Equal("notMet", (string)milestones[$"kpi-{month}-usageRate"]["status"]!);
        Assert.Equal("met", (string)milestones[$"kpi-{month}-satisfaction"]["status"]!);
        Assert.Contains("Observed 90%", (string)milestones[$"kpi-{month}-satisfaction"]["description"]!, StringComparison.Ordinal);
        Assert.Equal("notMet", (string)milestones[$"kpi-{month}-dataLagHours"]["status"]!);
        Assert.StartsWith("No observation reported", (string)milestones[$"kpi-{month}-dataLagHours"]["description"]!, StringComparison.Ordinal);
        Assert.Equal(6, milestones.Count);
    }
}

public sealed class SqliteOcdsImplementationTests(SqlitePortalApp app) : OcdsImplementationTests<SqlitePortalApp>(app);

public sealed class PostgresOcdsImplementationTests(PostgresPortalApp app) : OcdsImplementationTests<PostgresPortalApp>(app);
