using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Effectiveness;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Effectiveness;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.OpenData.OcdsPackages;

namespace Portal.Tests.Features;

/// <summary>
/// The demo city's past procurements (<c>seed-data/history.json</c>) replayed through the domain on first start: every
/// lot is contracted to its top-ranked bid, SME winners have their grants, and the large firms' dominance of 2025 shows.
/// </summary>
public abstract class HistorySeedTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task EveryPastLotIsContractedToItsTopRankedBid()
    {
        var (lots, contracts, sheets) = await app.WithDbAsync(async db => (
            await db.Lots.AsNoTracking().Where(l => l.Status == LotStatus.Contracted).ToListAsync(),
            await db.Contracts.AsNoTracking().ToListAsync(),
            await db.EvaluationSheets.CountAsync()));

        Assert.Equal(20, lots.Count);
        Assert.Equal(20, contracts.Count);
        Assert.Equal(40, sheets);
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        foreach (var lot in lots)
        {
            var ranking = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.Id}/ranking");
            var top = ranking.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("rank").GetInt32() == 1);
            var contract = contracts.Single(c => c.LotId == lot.Id);
            Assert.Equal(top.GetProperty("bidId").GetGuid(), contract.BidId);
            Assert.Equal(top.GetProperty("priceYuan").GetDecimal(), contract.ValueYuan);
        }
    }

    [Fact]
    public async Task EveryPastLotWasOpenedThroughTheSealedBidsAndHasItsOpeningRecord()
    {
        var (lots, bids) = await app.WithDbAsync(async db => (
            await db.Lots.AsNoTracking().Where(l => l.Status == LotStatus.Contracted).ToListAsync(),
            await db.Bids.AsNoTracking().ToListAsync()));

        using var official = await app.CreateClientForAsync("official@demo.local");
        foreach (var lot in lots)
        {
            var lotBids = bids.Where(b => b.LotId == lot.Id).ToList();
            Assert.NotEmpty(lotBids);
            // Each bid was sealed by its bidder (its ciphertext is kept) and decrypted with its key at the opening.
            Assert.All(lotBids, b => Assert.True(b.Status == Portal.Domain.Bids.BidStatus.Opened && b.SealedCiphertext is { Length: > 16 } && b.OpeningKey is { Length: 32 }));
            var record = await official.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.Id}/opening");
            Assert.Equal(lotBids.Count, record.GetProperty("bids").GetArrayLength());
            Assert.All(record.GetProperty("bids").EnumerateArray(), b =>
            {
                Assert.Equal("opened", b.GetProperty("status").GetString());
                Assert.Equal(lotBids.Single(x => x.Id == b.GetProperty("bidId").GetGuid()).PriceYuan, b.GetProperty("priceYuan").GetDecimal());
            });
            Assert.True(record.GetProperty("closedAt").GetDateTime() <= lot.AwardedAtUtc);
        }
    }

    [Fact]
    public async Task SmeWinnersHaveTheirGrantsAndLargeWinnersNone()
    {
        var winners = await app.WithDbAsync(db => db.Contracts.AsNoTracking()
            .Join(db.Bids, c => c.BidId, b => b.Id, (c, b) => new { c.Id, c.ValueYuan, b.SizeClass })
            .ToListAsync());
        var grants = await app.WithDbAsync(db => db.SubsidyGrants.AsNoTracking().ToListAsync());

        Assert.Equal(winners.Count(w => w.SizeClass != SizeClass.Large), grants.Count);
        Assert.All(grants, g => Assert.Equal(decimal.Round(winners.Single(w => w.Id == g.ContractId).ValueYuan * 0.10m, 2), g.AmountYuan));
        // history.json: five grants paid, two approved, three still eligible (each date has passed by the test's clock).
        Assert.Equal(5, grants.Count(g => g.State == GrantState.Disbursed));
        Assert.Equal(2, grants.Count(g => g.State == GrantState.Approved));
        Assert.Equal(3, grants.Count(g => g.State == GrantState.Eligible));
    }

    [Fact]
    public async Task ThreeLargeFirmsWonMostOf2025sAwardedValue()
    {
        var awarded = await app.WithDbAsync(db => db.Contracts.AsNoTracking()
            .Join(db.Bids, c => c.BidId, b => b.Id, (c, b) => new { c.SupplierId, c.ValueYuan, c.RecordedAtUtc, b.SizeClass })
            .ToListAsync());
        var in2025 = awarded.Where(a => a.RecordedAtUtc < new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc)).ToList();
        var top3 = in2025.GroupBy(a => a.SupplierId).Select(g => g.Sum(a => a.ValueYuan)).OrderDescending().Take(3).Sum();

        Assert.InRange(top3 / in2025.Sum(a => a.ValueYuan), 0.70m, 0.90m);
        Assert.True(awarded.Except(in2025).Count(a => a.SizeClass != SizeClass.Large) > in2025.Count(a => a.SizeClass != SizeClass.Large));
    }

    /// <summary>
    /// Issue 7's acceptance: the seeded portal's feed after a full cycle (the 20 replayed lots published, closed, awarded
    /// and contracted, and one of their systems delivered and rated for a month) has zero schema errors, in the bulk
    /// download and on every page.
    /// </summary>
    [Fact]
    public async Task TheSeededPortalsFeedValidatesWithZeroErrorsInBulkAndOnEveryPage()
    {
        var contract = await app.WithDbAsync(db => db.Contracts.AsNoTracking()
            .Where(c => !db.DeliveredSystems.Any(s => s.ContractId == c.Id)).OrderBy(c => c.RecordedAtUtc).FirstAsync());
        var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime).ToString();
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            var delivered = await officer.PostAsJsonAsync("/api/v1/systems", new
            {
                contractId = contract.Id,
                name = "历史项目交付系统",
                deliveredOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                monthlyFeeYuan = 20_000m,
            });
            Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
            var systemId = (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("system").GetProperty("id").GetGuid();
            foreach (var (kpi, value) in new[] { ("usageRate", 75m), ("satisfaction", 80m), ("faultRate", 0.4m), ("complaintResponseMinutes", 50m), ("dataLagHours", 12m) })
            {
                Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/systems/{systemId}/observations", new { period = month, kpi, value })).StatusCode);
            }
        }
        app.Clock.Advance(Period.Parse(month).EndUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        using (var official = await app.CreateClientForAsync("official@demo.local"))
        {
            Assert.Equal(HttpStatusCode.OK, (await official.PostAsync("/api/v1/systems/rate", null)).StatusCode);
        }
        using var anonymous = app.CreateHttpClient();

        var pages = await AllPagesAsync(anonymous);
        var (bulkText, bulk) = await GetAsync(anonymous, "/api/v1/ocds/releases/all");

        await AssertValidAsync(bulkText);
        Assert.Equal(pages.Select(r => (string)r["id"]!).Order(StringComparer.Ordinal), bulk["releases"]!.AsArray().Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(pages.Count, pages.Select(r => (string)r["id"]!).Distinct().Count());
        // One implementation release per rated month: the seeded systems' months and the one rated here.
        Assert.Equal(await app.WithDbAsync(db => db.MonthlyStatements.CountAsync()), pages.Count(r => Tags(r).Single() == "implementation"));
        Assert.Equal(20, pages.Count(r => Tags(r).Single() == "contract"));
        Assert.Superset(new HashSet<string> { "tender", "tenderUpdate", "award", "contract", "implementation" }, pages.SelectMany(Tags).ToHashSet());
    }

    [Fact]
    public async Task DeliveredSystemsWereRatedEveryEndedMonthAsTheDomainRatesAndTheBriefsFailuresAreIdle()
    {
        var (systems, observations, statements) = await app.WithDbAsync(async db => (
            // The feed test in this class delivers one more system on the same portal; only the seeded ones count here.
            await db.DeliveredSystems.AsNoTracking().Where(s => s.Name != "历史项目交付系统").ToListAsync(),
            await db.KpiObservations.AsNoTracking().ToListAsync(),
            await db.MonthlyStatements.AsNoTracking().ToListAsync()));
        var rule = app.Services.GetRequiredService<IOptions<EffectivenessOptions>>().Value.Rule;

        // history.json: eight of the twenty contracts have a system, each rated for every ended month since its delivery.
        Assert.Equal(8, systems.Count);
        foreach (var system in systems)
        {
            var own = statements.Where(s => s.SystemId == system.Id).ToList();
            Assert.Equal(MonthlyStatement.DuePeriods(system, new HashSet<string>(), own.Max(s => s.RatedAtUtc)).Select(p => p.ToString()),
                own.Select(s => s.Period).Order(StringComparer.Ordinal));
            foreach (var statement in own)
            {
                var sent = observations.Where(o => o.SystemId == system.Id).ToList();
                var again = MonthlyStatement.Rate(system, Period.Parse(statement.Period), [.. sent.Where(o => o.Period == statement.Period)],
                    sent.Where(o => o.RecordedAtUtc <= statement.RatedAtUtc).Select(o => (DateTime?)o.RecordedAtUtc).Max(), rule, statement.RatedAtUtc);
                Assert.Equal((again.DeductionYuan, again.PaymentYuan, again.Idle, again.IdleReason), (statement.DeductionYuan, statement.PaymentYuan, statement.Idle, statement.IdleReason));
                Assert.Equal(again.Ratings.OrderBy(r => r.Kpi).Select(r => r.Band), statement.Ratings.OrderBy(r => r.Kpi).Select(r => r.Band));
            }
        }
        // A system's last seeded month (the last one it reported, or for the one that stopped, the last one rated).
        MonthlyStatement Last(string name, bool reported = true)
        {
            var id = systems.Single(x => x.Name == name).Id;
            return statements.Where(s => s.SystemId == id && (!reported || observations.Any(o => o.SystemId == id && o.Period == s.Period)))
                .MaxBy(s => s.Period, StringComparer.Ordinal)!;
        }
        // The drone flown once a month: idle for low usage every month it reported (a test moving the clock on may
        // have rated a later month without data).
        var drone = systems.Single(x => x.Name == "无障碍设施无人机巡检系统").Id;
        Assert.All(statements.Where(s => s.SystemId == drone && observations.Any(o => o.SystemId == drone && o.Period == s.Period)),
            s => Assert.Equal((true, IdleReason.LowUsage), (s.Idle, s.IdleReason)));
        // Data three days stale: the lag misses its 24 h target significantly, the system is in use.
        var stale = Last("交通信号自适应控制平台");
        Assert.Equal((RatingBand.SignificantlyBelow, false), (stale.Ratings.Single(r => r.Kpi == Kpi.DataLagHours).Band, stale.Idle));
        // Stopped reporting after four months: every KPI missing, idle for lack of data.
        var stopped = Last("桶站AI督导系统", reported: false);
        Assert.Equal((true, IdleReason.NoData), (stopped.Idle, stopped.IdleReason));
        Assert.All(stopped.Ratings, r => Assert.Equal(RatingBand.Missing, r.Band));
        // Well run: every KPI met, the whole fee paid.
        var wellRun = Last("社区养老呼叫调度平台");
        Assert.Equal((0m, wellRun.MonthlyFeeYuan, false), (wellRun.DeductionYuan, wellRun.PaymentYuan, wellRun.Idle));
    }
}

public sealed class SqliteHistoryApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:History", "true")];
}

public sealed class PostgresHistoryApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:History", "true")];
}

public sealed class SqliteHistorySeedTests(SqliteHistoryApp app) : HistorySeedTests<SqliteHistoryApp>(app);

public sealed class PostgresHistorySeedTests(PostgresHistoryApp app) : HistorySeedTests<PostgresHistoryApp>(app);
