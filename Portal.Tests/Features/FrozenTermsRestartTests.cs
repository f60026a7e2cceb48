using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Issue 13 point 6: a tender keeps the terms it was published with, and an award keeps the ranking and the notice it
/// was decided with. The portal is stopped and started again on the same database with another deduction and another
/// standstill period: the published tender's ranking, award notice (API and PDF) and standstill do not move, a lot of
/// it awarded after the restart is still scored and stood still on its own terms, and only a tender published after
/// the change takes the new ones.
/// </summary>
public abstract class FrozenTermsRestartTests(DatabaseProvider provider)
{
    private const string Officer = "officer@demo.local";
    private const string Evaluator = "evaluator@demo.local";
    private const string Small = "sme@demo.local";

    private sealed class TermsApp : PortalApp
    {
        private readonly (string, string)[] _settings;

        public TermsApp(DatabaseProvider provider, string deduction, string standstill) : base(provider) =>
            _settings = [("Procurement:SmallMicroPriceDeduction", deduction), ("Procurement:StandstillPeriod", standstill)];

        public TermsApp(PortalApp previous, string deduction, string standstill) : base(previous) =>
            _settings = [("Procurement:SmallMicroPriceDeduction", deduction), ("Procurement:StandstillPeriod", standstill)];

        protected override IEnumerable<(string Key, string Value)> Settings => _settings;
    }

    private sealed record PublishedLot(Guid TenderId, Guid LotId, DateTimeOffset Deadline);

    /// <summary>A medium enterprise (software and IT services: 150 staff, 5,000万元 revenue) with its own SME account.</summary>
    private sealed record MediumFirm(string Email, Guid SupplierId, object Profile);

    private static object Profile(string name, string creditCode) => new
    {
        name,
        creditCode,
        industry = "software_it_services",
        employees = 150,
        revenueYuan = 50_000_000m,
        assetsYuan = 30_000_000m,
        region = "杭州市",
        capabilities = "人脸识别门禁与社区安防平台集成。",
        categories = new[] { "community-apps" },
    };

    private static async Task<MediumFirm> MediumFirmAsync(PortalApp app)
    {
        var email = $"medium-{Guid.NewGuid():N}@example.cn";
        using (var anonymous = app.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = PortalApp.DemoPassword })).StatusCode);
        }
        using var client = await app.CreateClientForAsync(email);
        var profile = Profile("杭州中坚安防科技有限公司", TestCreditCodes.New("91330108"));
        var created = await client.PostAsJsonAsync("/api/v1/suppliers", profile);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("medium", body.GetProperty("sizeClass").GetString());
        return new MediumFirm(email, body.GetProperty("id").GetGuid(), profile);
    }

    /// <summary>A tender with one lot of 900,000 open to every firm (Price 30, Technical solution 50, Service 20), published with the settings' terms.</summary>
    private static async Task<PublishedLot> PublishedLotAsync(PortalApp app)
    {
        using var officer = await app.CreateClientForAsync(Officer);
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
        var deadline = app.Clock.GetUtcNow().AddDays(11);
        await PublishAsync(officer, tenderId, deadline);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/evaluators", new { emails = new[] { Evaluator } })).StatusCode);
        return new PublishedLot(tenderId, lotId, deadline);
    }

    /// <summary>The bidders' opening keys per lot, for the opening after the deadline.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (string Email, byte[] Key)[]> Keys = new();

    /// <summary>The small enterprise bids 850,000 and the medium one 800,000 (the only place these tests submit bids).</summary>
    private static async Task<(Guid SmallBid, Guid MediumBid)> BidsAsync(PortalApp app, Guid lotId, MediumFirm medium)
    {
        var keys = new List<(string Email, byte[] Key)>();
        foreach (var (email, price) in new[] { (Small, 850_000m), (medium.Email, 800_000m) })
        {
            using var bidder = await app.CreateClientForAsync(email);
            var (response, key) = await SealedBids.SubmitAsync(bidder, lotId, price, $"{email} 的实施方案");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            keys.Add((email, key));
        }
        Keys[lotId] = [.. keys];
        return await app.WithDbAsync(async db =>
        {
            var bids = await db.Bids.Where(b => b.LotId == lotId).Select(b => new { b.Id, b.SupplierId }).ToListAsync();
            var mediumBid = bids.Single(b => b.SupplierId == medium.SupplierId).Id;
            return (bids.Single(b => b.Id != mediumBid).Id, mediumBid);
        });
    }

    /// <summary>After the deadline the evaluator declares and gives every bid 80 and 80, so only the price tells them apart.</summary>
    private static async Task ScoreAsync(PortalApp app, Guid lotId, params Guid[] bidIds)
    {
        using var evaluator = await app.CreateClientForAsync(Evaluator);
        await AssertOkAsync(evaluator.PostAsJsonAsync($"/api/v1/lots/{lotId}/conflict-declaration", new { hasConflict = false }));
        foreach (var bidId in bidIds)
        {
            await AssertOkAsync(evaluator.PostAsJsonAsync($"/api/v1/lots/{lotId}/scores", new
            {
                bidId,
                scores = new object[]
                {
                    new { criterion = "Technical solution", score = 80, comment = "方案完整" },
                    new { criterion = "Service", score = 80, comment = "驻场运维" },
                },
            }));
        }
    }

    private static async Task AssertOkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> AwardAsync(PortalApp app, Guid lotId, Guid bidId)
    {
        using var officer = await app.CreateClientForAsync(Officer);
        var response = await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/award", new { bidId });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What the officer and the public read of an awarded lot, as the raw JSON and the PDF's text.</summary>
    private static async Task<(string Ranking, string Notice, string Pdf)> ReadAwardAsync(PortalApp app, Guid lotId)
    {
        using var officer = await app.CreateClientForAsync(Officer);
        // The PDF in Chinese, as a Chinese visitor reads it.
        using var visitor = app.CreateHttpClient(language: "zh-CN");
        var ranking = await officer.GetStringAsync($"/api/v1/lots/{lotId}/ranking");
        var notice = await visitor.GetStringAsync($"/api/v1/lots/{lotId}/award-notice");
        var pdf = await visitor.GetAsync($"/api/v1/reports/award-notice?lotId={lotId}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        return (ranking, notice, string.Concat(PdfReading.Text(await pdf.Content.ReadAsByteArrayAsync()).Where(c => !char.IsWhiteSpace(c))));
    }

    /// <summary>The PDF's text without its instants (the generation time in the title block and footers differs).</summary>
    private static string WithoutTimes(string pdf) => System.Text.RegularExpressions.Regex.Replace(pdf, @"\d{4}-\d{2}-\d{2}\d{2}:\d{2}(:\d{2})?", "");

    private static JsonElement Item(string ranking, Guid bidId) =>
        JsonDocument.Parse(ranking).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("bidId").GetGuid() == bidId);

    private static async Task<JsonElement> TenderAsync(PortalApp app, Guid tenderId)
    {
        using var officer = await app.CreateClientForAsync(Officer);
        return await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
    }

    [Fact]
    public async Task APublishedTendersRankingNoticeAndStandstillOutliveAChangeOfSettings()
    {
        var first = new TermsApp(provider, "0.10", "7.00:00:00");
        TermsApp? second = null;
        try
        {
            await first.InitializeAsync();
            var medium = await MediumFirmAsync(first);
            // Tender A is published and awarded before the restart, tender B published before it and awarded after.
            var a = await PublishedLotAsync(first);
            var b = await PublishedLotAsync(first);
            var (aSmall, aMedium) = await BidsAsync(first, a.LotId, medium);
            var (bSmall, bMedium) = await BidsAsync(first, b.LotId, medium);
            first.Clock.Advance(b.Deadline - first.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            await SealedBids.OpenAsync(first, b.Deadline, a.LotId, Keys[a.LotId]);
            await SealedBids.OpenAsync(first, b.Deadline, b.LotId, Keys[b.LotId]);
            await ScoreAsync(first, a.LotId, aSmall, aMedium);
            await ScoreAsync(first, b.LotId, bSmall, bMedium);

            var notice = await AwardAsync(first, a.LotId, aSmall);
            var before = await ReadAwardAsync(first, a.LotId);

            // By hand, with the 10% deduction: the small firm's 850,000 is evaluated at 765,000, the lowest: price score 30.00,
            // total 30 + 80 × 50% + 80 × 20% = 86.00. The medium firm's 800,000 is not reduced: 765/800 × 30 = 28.69 → 84.69.
            // (With 20% the small firm would be evaluated at 680,000 and the medium firm score 25.50 → 81.50.)
            Assert.Equal(765_000m, Item(before.Ranking, aSmall).GetProperty("evaluatedPriceYuan").GetDecimal());
            Assert.Equal(86.00m, Item(before.Ranking, aSmall).GetProperty("totalScore").GetDecimal());
            Assert.Equal(84.69m, Item(before.Ranking, aMedium).GetProperty("totalScore").GetDecimal());
            Assert.Equal("杭州中坚安防科技有限公司", Item(before.Ranking, aMedium).GetProperty("supplierName").GetString());
            Assert.Equal(0.10m, notice.GetProperty("smallMicroPriceDeduction").GetDecimal());
            Assert.Equal(765_000m, notice.GetProperty("winner").GetProperty("evaluatedPriceYuan").GetDecimal());
            var awardedAt = notice.GetProperty("awardedAt").GetDateTime();
            Assert.Equal(TimeSpan.FromDays(7), notice.GetProperty("standstillEndsAt").GetDateTime() - awardedAt);
            Assert.Contains("小微企业价格扣除", before.Pdf);
            Assert.Contains("10%", before.Pdf);
            Assert.Contains("¥765,000", before.Pdf);
            Assert.True(await first.WithDbAsync(db => db.AwardRecords.AnyAsync(r => r.LotId == a.LotId && r.AwardedBidId == aSmall)));

            // The medium firm renames itself after the award: the ranking and notice that were published keep the name.
            using (var firm = await first.CreateClientForAsync(medium.Email))
            {
                var renamed = await firm.PutAsJsonAsync($"/api/v1/suppliers/{medium.SupplierId}", Profile("杭州中坚数智科技有限公司", JsonSerializer.SerializeToElement(medium.Profile).GetProperty("creditCode").GetString()!));
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }

            // The portal stops and starts again on the same database with a 20% deduction and a 3-day standstill.
            await first.DisposeAsync();
            second = new TermsApp(first, "0.20", "3.00:00:00");
            second.Clock.Advance(first.Clock.GetUtcNow() - DateTimeOffset.UtcNow);
            await second.InitializeAsync();

            var after = await ReadAwardAsync(second, a.LotId);
            Assert.Equal(before.Ranking, after.Ranking);
            Assert.Equal(before.Notice, after.Notice);
            Assert.Equal(WithoutTimes(before.Pdf), WithoutTimes(after.Pdf));
            Assert.Equal("杭州中坚安防科技有限公司", Item(after.Ranking, aMedium).GetProperty("supplierName").GetString());
            var tenderA = await TenderAsync(second, a.TenderId);
            Assert.Equal(0.10m, tenderA.GetProperty("smallMicroPriceDeduction").GetDecimal());
            Assert.Equal("7.00:00:00", tenderA.GetProperty("standstillPeriod").GetString());
            Assert.Equal(["Price 30", "Technical solution 50", "Service 20"],
                tenderA.GetProperty("lots")[0].GetProperty("criteria").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("weight").GetInt32()}"));
            Assert.Equal("小型和微型企业价格扣除 10%", await LotPages.ShownDeductionAsync(second, a.LotId));
            // The contract still waits for the standstill the tender was published with (7 days, not 3).
            second.Clock.Advance(awardedAt.AddDays(4) - second.Clock.GetUtcNow().UtcDateTime);
            using (var officer = await second.CreateClientForAsync(Officer))
            {
                await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{a.LotId}/contract", AwardedLots.ContractBody(850_000m)),
                    HttpStatusCode.Conflict, "standstill period");
            }

            // Tender B, published before the change and awarded after it, is scored and stood still on its own terms.
            var bNotice = await AwardAsync(second, b.LotId, bSmall);
            var bAward = await ReadAwardAsync(second, b.LotId);
            Assert.Equal(0.10m, bNotice.GetProperty("smallMicroPriceDeduction").GetDecimal());
            Assert.Equal(765_000m, Item(bAward.Ranking, bSmall).GetProperty("evaluatedPriceYuan").GetDecimal());
            Assert.Equal(84.69m, Item(bAward.Ranking, bMedium).GetProperty("totalScore").GetDecimal());
            Assert.Equal(TimeSpan.FromDays(7), bNotice.GetProperty("standstillEndsAt").GetDateTime() - bNotice.GetProperty("awardedAt").GetDateTime());

            // Only a tender published after the change takes the new terms.
            var c = await PublishedLotAsync(second);
            var tenderC = await TenderAsync(second, c.TenderId);
            Assert.Equal(0.20m, tenderC.GetProperty("smallMicroPriceDeduction").GetDecimal());
            Assert.Equal("3.00:00:00", tenderC.GetProperty("standstillPeriod").GetString());
            using (var visitor = second.CreateHttpClient())
            {
                Assert.Equal(0.20m, (await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{c.LotId}")).GetProperty("smallMicroPriceDeduction").GetDecimal());
            }
        }
        finally
        {
            await ((IAsyncLifetime)(second ?? first)).DisposeAsync();
        }
    }
}

public sealed class SqliteFrozenTermsRestartTests() : FrozenTermsRestartTests(DatabaseProvider.Sqlite);

public sealed class PostgresFrozenTermsRestartTests() : FrozenTermsRestartTests(DatabaseProvider.Postgres);
