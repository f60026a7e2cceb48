using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Effectiveness;
using Portal.Features.Effectiveness;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.AwardedLots;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Delivered systems through the API on SQLite and PostgreSQL: marking a contract delivered, observations by form-less
/// officer, API key and CSV, the monthly rating (twice, rating once) with its notifications, and every refusal of
/// "Bad input and access" with a check that nothing was written.
/// </summary>
public abstract class EffectivenessApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const decimal Fee = 10_000m;

    private Task<HttpClient> OfficerAsync() => app.CreateClientForAsync("officer@demo.local");

    private Period ThisMonth => Period.Of(app.Clock.GetUtcNow().UtcDateTime);

    private Task<int> ObservationCountAsync(Guid systemId) => app.WithDbAsync(db => db.KpiObservations.CountAsync(o => o.SystemId == systemId));

    /// <summary>An awarded lot's contract recorded with the SME winner and its system marked delivered today (China time).</summary>
    private async Task<(Guid SystemId, Guid ContractId)> DeliveredAsync()
    {
        var lot = await ArrangeAsync(app);
        var contract = await RecordContractAsync(app, lot, 800_000m);
        var contractId = contract.GetProperty("id").GetGuid();
        using var officer = await OfficerAsync();
        var response = await officer.PostAsJsonAsync("/api/v1/systems", Delivery(contractId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var system = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (system.GetProperty("system").GetProperty("id").GetGuid(), contractId);
    }

    private object Delivery(Guid contractId) => new
    {
        contractId,
        name = "老旧小区门禁与适老化平台",
        deliveredOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset).ToString("yyyy-MM-dd"),
        monthlyFeeYuan = Fee,
    };

    private static Task<HttpResponseMessage> ObserveAsync(HttpClient client, Guid systemId, string period, string kpi, decimal value) =>
        client.PostAsJsonAsync($"/api/v1/systems/{systemId}/observations", new { period, kpi, value });

    private async Task<HttpClient> SystemClientAsync(Guid systemId)
    {
        using var officer = await OfficerAsync();
        var issued = await officer.PostAsync($"/api/v1/systems/{systemId}/api-key", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Add(EffectivenessEndpoints.ApiKeyHeader, key);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task MarkingAContractDeliveredCreatesOneSystemWithTheBriefsDefaultTargets()
    {
        var (systemId, contractId) = await DeliveredAsync();
        using var officer = await OfficerAsync();

        var system = await JsonAsync(await officer.GetAsync($"/api/v1/systems/{systemId}"), HttpStatusCode.OK);
        var again = await officer.PostAsJsonAsync("/api/v1/systems", Delivery(contractId));

        var targets = system.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("kpi").GetString()!, t => t.GetProperty("target").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["usageRate"] = 60m, ["satisfaction"] = 85m, ["faultRate"] = 1m, ["complaintResponseMinutes"] = 60m, ["dataLagHours"] = 24m,
        }, targets);
        Assert.Equal(Fee, system.GetProperty("system").GetProperty("monthlyFeeYuan").GetDecimal());
        Assert.Equal("officer@demo.local", system.GetProperty("system").GetProperty("responsibleOfficer").GetString());
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already marked delivered");
        Assert.Equal(1, await app.WithDbAsync(db => db.DeliveredSystems.CountAsync(s => s.ContractId == contractId)));
    }

    [Fact]
    public async Task ADeliveryInTheFutureOrWithoutAFeeIsRefusedNamingTheFieldAndNothingIsWritten()
    {
        var lot = await ArrangeAsync(app);
        var contractId = (await RecordContractAsync(app, lot, 800_000m)).GetProperty("id").GetGuid();
        using var officer = await OfficerAsync();

        var future = await officer.PostAsJsonAsync("/api/v1/systems", new { contractId, name = "平台", deliveredOn = "2099-01-01", monthlyFeeYuan = 1000 });
        var noFee = await officer.PostAsJsonAsync("/api/v1/systems", new { contractId, name = "平台", deliveredOn = "2026-01-01" });

        await AssertProblemAsync(future, HttpStatusCode.BadRequest, "deliveredOn");
        await AssertProblemAsync(noFee, HttpStatusCode.BadRequest, "monthlyFeeYuan");
        Assert.Equal(0, await app.WithDbAsync(db => db.DeliveredSystems.CountAsync(s => s.ContractId == contractId)));
    }

    [Fact]
    public async Task AnOfficerRecordsAnObservationAndADuplicateFutureOrMalformedOneIsRefused()
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var month = ThisMonth.ToString();

        var first = await ObserveAsync(officer, systemId, month, "usageRate", 72.5m);
        var duplicate = await ObserveAsync(officer, systemId, month, "usageRate", 80m);
        var future = await ObserveAsync(officer, systemId, ThisMonth.Next.ToString(), "usageRate", 80m);
        var beforeDelivery = await ObserveAsync(officer, systemId, ThisMonth.Previous.ToString(), "usageRate", 80m);
        var unknownKpi = await ObserveAsync(officer, systemId, month, "uptime", 99m);
        var outOfRange = await ObserveAsync(officer, systemId, month, "satisfaction", 120m);
        var badPeriod = await ObserveAsync(officer, systemId, "2026/11", "satisfaction", 90m);

        var recorded = await JsonAsync(first, HttpStatusCode.Created);
        Assert.Equal((month, "usageRate", 72.5m, "api", "officer@demo.local"), (recorded.GetProperty("period").GetString(), recorded.GetProperty("kpi").GetString(),
            recorded.GetProperty("value").GetDecimal(), recorded.GetProperty("source").GetString(), recorded.GetProperty("recordedBy").GetString()));
        await AssertProblemAsync(duplicate, HttpStatusCode.Conflict, $"Duplicate period: usageRate for {month} is already recorded");
        await AssertProblemAsync(future, HttpStatusCode.BadRequest, "has not started yet");
        await AssertProblemAsync(beforeDelivery, HttpStatusCode.BadRequest, "before the system was delivered");
        await AssertProblemAsync(unknownKpi, HttpStatusCode.BadRequest, "uptime\\\" is not a KPI; use one of usageRate");
        await AssertProblemAsync(outOfRange, HttpStatusCode.BadRequest, "between 0 and 100");
        await AssertProblemAsync(badPeriod, HttpStatusCode.BadRequest, "YYYY-MM");
        Assert.Equal(1, await ObservationCountAsync(systemId));
    }

    [Fact]
    public async Task ASystemsKeyPostsOnlyForThatSystemAndNotOnceRevoked()
    {
        var (systemId, _) = await DeliveredAsync();
        var (otherId, _) = await DeliveredAsync();
        using var system = await SystemClientAsync(systemId);
        var month = ThisMonth.ToString();

        var own = await ObserveAsync(system, systemId, month, "satisfaction", 91m);
        var other = await ObserveAsync(system, otherId, month, "satisfaction", 91m);
        using (var officer = await OfficerAsync())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/v1/systems/{systemId}/api-key")).StatusCode);
        }
        var revoked = await ObserveAsync(system, systemId, month, "faultRate", 0.5m);
        using var stranger = app.CreateHttpClient();
        stranger.DefaultRequestHeaders.Add(EffectivenessEndpoints.ApiKeyHeader, "psk_not-a-key-anyone-was-given");
        var unknown = await ObserveAsync(stranger, systemId, month, "faultRate", 0.5m);
        using var anonymous = app.CreateHttpClient();
        var noKey = await ObserveAsync(anonymous, systemId, month, "faultRate", 0.5m);
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var smePost = await ObserveAsync(sme, systemId, month, "faultRate", 0.5m);

        var recorded = await JsonAsync(own, HttpStatusCode.Created);
        Assert.StartsWith("api-key:psk_", recorded.GetProperty("recordedBy").GetString());
        await AssertProblemAsync(other, HttpStatusCode.Forbidden, "belongs to another system");
        await AssertProblemAsync(revoked, HttpStatusCode.Unauthorized, "was revoked");
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized, "not known");
        await AssertProblemAsync(noKey, HttpStatusCode.Unauthorized, "X-Api-Key");
        await AssertProblemAsync(smePost, HttpStatusCode.Forbidden, "procurement officer");
        Assert.Equal((1, 0), (await ObservationCountAsync(systemId), await ObservationCountAsync(otherId)));
        var stored = await app.WithDbAsync(db => db.SystemApiKeys.AsNoTracking().SingleAsync(k => k.SystemId == systemId));
        Assert.Equal(64, stored.Hash.Length);
        Assert.DoesNotContain(stored.Hash, recorded.GetRawText());
    }

    public static TheoryData<string, string> ContradictoryTargets => new()
    {
        { "satisfaction.target=120", "satisfaction.target" },
        { "faultRate.belowUpToPercent=5", "faultRate.belowUpToPercent" },
        { "usageRate.belowDeductionPercent=1", "usageRate.belowDeductionPercent" },
        { "dataLagHours.significantlyBelowDeductionPercent=90", "significantlyBelowDeductionPercent" },
    };

    [Theory]
    [MemberData(nameof(ContradictoryTargets))]
    public async Task ContradictoryTargetsAreRefusedNamingTheFieldAndTheOldOnesKept(string change, string field)
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var targets = (await JsonAsync(await officer.GetAsync($"/api/v1/systems/{systemId}"), HttpStatusCode.OK)).GetProperty("targets").EnumerateArray()
            .Select(t => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(t.GetRawText())!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.Number ? (object)p.Value.GetDecimal() : p.Value.GetString()!))
            .ToList();
        var (kpi, rest) = (change.Split('.')[0], change.Split('.')[1]);
        targets.Single(t => (string)t["kpi"] == kpi)[rest.Split('=')[0]] = decimal.Parse(rest.Split('=')[1]);

        var refused = await officer.PutAsJsonAsync($"/api/v1/systems/{systemId}/targets", new { targets });

        await AssertProblemAsync(refused, HttpStatusCode.BadRequest, field);
        var stored = await app.WithDbAsync(db => db.DeliveredSystems.AsNoTracking().SingleAsync(s => s.Id == systemId));
        Assert.Equal(KpiTarget.Defaults().Select(TargetView.From), stored.Targets.OrderBy(t => t.Kpi).Select(TargetView.From));
    }

    [Fact]
    public async Task TheOfficerChangesTargetsAndAnSmeMayReadItsSystemButNotChangeIt()
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var targets = KpiTarget.Defaults().Select(TargetView.From).Select(t => t.Kpi == "usageRate" ? t with { Target = 75m } : t).ToList();

        var changed = await JsonAsync(await officer.PutAsJsonAsync($"/api/v1/systems/{systemId}/targets", new { targets }), HttpStatusCode.OK);
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var large = await app.CreateClientForAsync("large@demo.local");
        var own = await sme.GetAsync($"/api/v1/systems/{systemId}");
        var smeChange = await sme.PutAsJsonAsync($"/api/v1/systems/{systemId}/targets", new { targets });
        var notTheirs = await large.GetAsync($"/api/v1/systems/{systemId}");
        var smeRate = await sme.PostAsync("/api/v1/systems/rate", null);

        Assert.Equal(75m, changed.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("kpi").GetString() == "usageRate").GetProperty("target").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, smeChange.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, smeRate.StatusCode);
        Assert.DoesNotContain((await JsonAsync(await large.GetAsync("/api/v1/systems"), HttpStatusCode.OK)).EnumerateArray(), s => s.GetProperty("id").GetGuid() == systemId);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync("/api/v1/systems/observations.csv", content);
    }

    [Fact]
    public async Task AValidCsvWithAByteOrderMarkImportsEveryRow()
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var month = ThisMonth.ToString();
        var csv = $"system_id,period,kpi,value\r\n{systemId},{month},usageRate,66.5\r\n{systemId},{month},dataLagHours,12\r\n";

        var imported = await JsonAsync(await ImportAsync(officer, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]), HttpStatusCode.OK);

        Assert.Equal(2, imported.GetProperty("imported").GetInt32());
        var stored = await app.WithDbAsync(db => db.KpiObservations.AsNoTracking().Where(o => o.SystemId == systemId).ToListAsync());
        Assert.Equal([(Kpi.UsageRate, 66.5m, ObservationSource.Csv), (Kpi.DataLagHours, 12m, ObservationSource.Csv)], stored.OrderBy(o => o.Kpi).Select(o => (o.Kpi, o.Value, o.Source)));
    }

    [Fact]
    public async Task ACsvWithBadRowsIsRefusedRowByRowAndNothingIsImported()
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var month = ThisMonth.ToString();
        Assert.Equal(HttpStatusCode.Created, (await ObserveAsync(officer, systemId, month, "faultRate", 0.4m)).StatusCode);
        var unknown = Guid.NewGuid();
        var csv = string.Join("\n",
            "system_id,period,kpi,value",
            $"{systemId},{month},usageRate,70",
            $"{systemId},{month},satisfaction,eighty",
            $"{unknown},{month},usageRate,70",
            $"{systemId},{month},usageRate,71",
            $"{systemId},{month},faultRate,0.5",
            $"{systemId},{month},complaintResponseMinutes,45");

        var refused = await ImportAsync(officer, Encoding.UTF8.GetBytes(csv));
        var wrongHeader = await ImportAsync(officer, Encoding.UTF8.GetBytes($"system,month,kpi,value\n{systemId},{month},usageRate,70"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["row 3", "row 4", "row 5", "row 6"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("\"eighty\" is not a number", errors.GetProperty("row 3")[0].GetString());
        Assert.Contains($"Unknown system: no delivered system has the id {unknown}", errors.GetProperty("row 4")[0].GetString());
        Assert.Contains("Duplicate period: usageRate for " + month + " of this system is already on row 2", errors.GetProperty("row 5")[0].GetString());
        Assert.Contains("Duplicate period: faultRate for " + month + " is already recorded", errors.GetProperty("row 6")[0].GetString());
        await AssertProblemAsync(wrongHeader, HttpStatusCode.BadRequest, "The first line must be the header system_id,period,kpi,value");
        Assert.Equal(1, await ObservationCountAsync(systemId));
    }

    [Fact]
    public async Task ACsvOfFiftyMegabytesIsRefusedNamingTheLimitAndNothingIsImported()
    {
        var (systemId, _) = await DeliveredAsync();
        using var officer = await OfficerAsync();
        var row = Encoding.UTF8.GetBytes($"{systemId},{ThisMonth},usageRate,70\n");
        var file = new byte[50 * 1024 * 1024];
        var header = Encoding.UTF8.GetBytes("system_id,period,kpi,value\n");
        header.CopyTo(file, 0);
        for (var at = header.Length; at + row.Length <= file.Length; at += row.Length)
        {
            row.CopyTo(file, at);
        }

        var refused = await ImportAsync(officer, file);

        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge, "limit of 5 MB");
        Assert.Equal(0, await ObservationCountAsync(systemId));
    }

    [Fact]
    public async Task TheMonthlyRatingPaysByResultsFlagsIdleRatesOnceAndTellsTheOfficerAndOfficials()
    {
        var (systemId, _) = await DeliveredAsync();
        var month = ThisMonth.ToString();
        using (var officer = await OfficerAsync())
        {
            // By hand on a fee of 10,000: usage 10% against 60% misses by 83.33% (significantly below, 20% = 2,000);
            // data 72 h old against 24 h by 200% (significantly below, 10% = 1,000); the rest met. Payment 7,000; idle
            // because usage is below 20%.
            foreach (var (kpi, value) in new[] { ("usageRate", 10m), ("satisfaction", 90m), ("faultRate", 0.5m), ("complaintResponseMinutes", 45m), ("dataLagHours", 72m) })
            {
                Assert.Equal(HttpStatusCode.Created, (await ObserveAsync(officer, systemId, month, kpi, value)).StatusCode);
            }
        }
        var early = await (await app.CreateClientForAsync("official@demo.local")).PostAsync("/api/v1/systems/rate", null);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MonthlyStatements.CountAsync(s => s.SystemId == systemId)));
        app.Clock.Advance(Period.Parse(month).EndUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        using var official = await app.CreateClientForAsync("official@demo.local");

        var run = await JsonAsync(await official.PostAsync("/api/v1/systems/rate", null), HttpStatusCode.OK);
        RatingRun again;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            again = await scope.ServiceProvider.GetRequiredService<MonthlyRatingJob>().RunAsync();
        }
        using var officerAfter = await OfficerAsync();
        var late = await ObserveAsync(officerAfter, systemId, month, "usageRate", 90m);

        var statement = Assert.Single(run.GetProperty("statements").EnumerateArray(), s => s.GetProperty("systemId").GetGuid() == systemId);
        Assert.Equal((month, 10_000m, 3_000m, 7_000m, true, "lowUsage"), (statement.GetProperty("period").GetString(), statement.GetProperty("monthlyFeeYuan").GetDecimal(),
            statement.GetProperty("deductionYuan").GetDecimal(), statement.GetProperty("paymentYuan").GetDecimal(), statement.GetProperty("idle").GetBoolean(),
            statement.GetProperty("idleReason").GetString()));
        Assert.Equal(["significantlyBelow", "met", "met", "met", "significantlyBelow"],
            statement.GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("band").GetString()));
        Assert.DoesNotContain(again.Statements, s => s.SystemId == systemId);
        Assert.Equal(1, await app.WithDbAsync(db => db.MonthlyStatements.CountAsync(s => s.SystemId == systemId)));
        await AssertProblemAsync(late, HttpStatusCode.Conflict, "already rated");
        var key = MonthlyRatingJob.KeyFor(systemId, month);
        var told = await app.WithDbAsync(db => db.Notifications.Where(n => n.Key == key).Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.Email, n.Title }).ToListAsync());
        Assert.Equal(["officer@demo.local", "official@demo.local"], told.Select(t => t.Email).Order());
        Assert.All(told, t => Assert.StartsWith("Idle system: 老旧小区门禁与适老化平台", t.Title));
        var listed = (await JsonAsync(await official.GetAsync("/api/v1/systems"), HttpStatusCode.OK)).EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == systemId);
        Assert.True(listed.GetProperty("idle").GetBoolean());
        Assert.Equal(7_000m, listed.GetProperty("lastPaymentYuan").GetDecimal());
    }
}

public sealed class SqliteEffectivenessApiTests(SqlitePortalApp app) : EffectivenessApiTests<SqlitePortalApp>(app);

public sealed class PostgresEffectivenessApiTests(PostgresPortalApp app) : EffectivenessApiTests<PostgresPortalApp>(app);
