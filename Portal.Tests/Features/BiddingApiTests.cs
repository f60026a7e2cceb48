using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;

using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Tenders, lots, publication, eligibility and sealed bids through the API, on SQLite and PostgreSQL. Each test
/// creates its own tender; the app's clock only moves forward, so the seeded lots are not relied on here.
/// </summary>
public abstract class BiddingApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private DateTimeOffset ValidDeadline => app.Clock.GetUtcNow().AddDays(14);

    /// <summary>A published tender with one lot (reserved for SMEs unless asked otherwise) for 900,000 yuan.</summary>
    private async Task<(Guid TenderId, Guid LotId, DateTimeOffset Deadline)> PublishedLotAsync(
        bool reservedForSmes = true, object[]? requirements = null, string title = "标段1：人脸识别门禁")
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = await LotIdAsync(officer, tenderId, reservedForSmes, requirements, title);
        var deadline = ValidDeadline;
        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return (tenderId, lotId, deadline);
    }

    private static async Task<Guid> LotIdAsync(HttpClient officer, Guid tenderId, bool reservedForSmes, object[]? requirements = null, string title = "标段1：人脸识别门禁") =>
        (await AddLotAsync(officer, tenderId, reservedForSmes, requirements, title)).GetProperty("id").GetGuid();

    /// <summary>Posts a bid body as it is (sealed with <see cref="ReferenceSealer"/>, or anything else for refusals).</summary>
    private static Task<HttpResponseMessage> BidAsync(HttpClient client, Guid lotId, object body) =>
        client.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids", body);

    private Task<int> BidCountAsync(Guid lotId) => app.WithDbAsync(db => db.Bids.CountAsync(b => b.LotId == lotId));

    [Fact]
    public async Task AnOfficerCreatesAndPublishesATenderThatEveryoneThenSees()
    {
        var (_, lotId, deadline) = await PublishedLotAsync();
        using var anonymous = app.CreateHttpClient();

        var lot = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}");
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/lots?reservedForSmes=true&status=open&pageSize=100");

        Assert.Equal("open", lot.GetProperty("status").GetString());
        Assert.True(lot.GetProperty("reservedForSmes").GetBoolean());
        Assert.Equal(deadline.UtcDateTime, lot.GetProperty("deadline").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("smeOnly", lot.GetProperty("requirements")[0].GetProperty("kind").GetString());
        Assert.Equal(3, lot.GetProperty("criteria").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, lot.GetProperty("bidCount").ValueKind);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == lotId);
        Assert.All(list.GetProperty("items").EnumerateArray(), l => Assert.True(l.GetProperty("reservedForSmes").GetBoolean()));
    }

    [Fact]
    public async Task DraftLotsAreNotPublic()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = await LotIdAsync(officer, tenderId, reservedForSmes: true);
        using var anonymous = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/lots/{lotId}")).StatusCode);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/lots?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == lotId);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/lots/{lotId}")).StatusCode);
    }

    [Fact]
    public async Task PublishedLotsAreFoundByTheirWordsInChineseAndEnglish()
    {
        var (_, lotId, _) = await PublishedLotAsync(title: "标段2：盲道巡检机器人 (tactile paving inspection robots)");
        using var anonymous = app.CreateHttpClient();

        var chinese = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/lots?q=" + Uri.EscapeDataString("盲道 巡检"));
        var english = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/lots?q=" + Uri.EscapeDataString("inspecting robot"));
        var hostile = await anonymous.GetAsync("/api/v1/lots?q=" + Uri.EscapeDataString("title:(门禁 AND \"*"));

        Assert.Equal(lotId, chinese.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(lotId, english.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
    }

    [Theory]
    [InlineData("status=draft", "status")]
    [InlineData("status=maybe", "status")]
    [InlineData("reservedForSmes=yes", "reservedForSmes")]
    [InlineData("minValueYuan=-1", "minValueYuan")]
    [InlineData("category=nonsense", "category")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task ImpossibleLotFiltersAreABadRequestNamingTheParameter(string queryString, string parameter)
    {
        using var anonymous = app.CreateHttpClient();

        var response = await anonymous.GetAsync($"/api/v1/lots?{queryString}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    public static TheoryData<object, string> InvalidTenders => new()
    {
        { new { title = "", description = "d", buyer = "b", budgetYuan = 100m, category = "smart-parking" }, "title" },
        { new { title = "t", description = "d", buyer = "b", budgetYuan = -100m, category = "smart-parking" }, "budgetYuan" },
        { new { title = "t", description = "d", buyer = "b", budgetYuan = 100m, category = "nonsense" }, "category" },
        { new { title = "t", description = "d", buyer = "b", category = "smart-parking" }, "budgetYuan" },
    };

    [Theory]
    [MemberData(nameof(InvalidTenders))]
    public async Task AnInvalidTenderIsRefusedNamingTheFieldAndNothingIsWritten(object body, string field)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var before = await app.WithDbAsync(db => db.Tenders.CountAsync());

        var response = await officer.PostAsJsonAsync("/api/v1/tenders", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenders.CountAsync()));
    }

    [Fact]
    public async Task LotsWhoseWeightsDoNotSumTo100OrWithNegativeValuesAreRefused()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var weights = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
        {
            title = "Lot", description = "Needs", valueYuan = 100_000m, reservedForSmes = false,
            criteria = new object[] { new { name = "Price", weight = 30, isPrice = true }, new { name = "Quality", weight = 60, isPrice = false } },
        });
        var negative = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
        {
            title = "Lot", description = "Needs", valueYuan = -1m, reservedForSmes = false, criteria = Criteria,
        });

        await AssertProblemAsync(weights, HttpStatusCode.BadRequest, "100");
        await AssertProblemAsync(negative, HttpStatusCode.BadRequest, "valueYuan");
        Assert.Equal(0, await app.WithDbAsync(db => db.Lots.CountAsync(l => l.TenderId == tenderId)));
    }

    [Fact]
    public async Task ADeadlineInThePastOrInsideTheMinimumPeriodIsRefusedAndTheTenderStaysADraft()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        await AddLotAsync(officer, tenderId, reservedForSmes: false);

        var past = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = app.Clock.GetUtcNow().AddDays(-1) });
        var tooSoon = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = app.Clock.GetUtcNow().AddDays(9) });
        var missing = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { });

        await AssertProblemAsync(past, HttpStatusCode.BadRequest, "10 days");
        await AssertProblemAsync(tooSoon, HttpStatusCode.BadRequest, "deadline");
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "deadline");
        Assert.Equal(TenderStatus.Draft, await app.WithDbAsync(db => db.Tenders.Where(t => t.Id == tenderId).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task APublishedTenderCannotBeEditedSilently()
    {
        var (tenderId, lotId, _) = await PublishedLotAsync();
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var edit = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}/lots/{lotId}", new
        {
            title = "Changed", description = "Changed", valueYuan = 100m, reservedForSmes = false, criteria = Criteria,
        });
        var again = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = ValidDeadline });

        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("标段1：人脸识别门禁", await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Title).SingleAsync()));
    }

    [Fact]
    public async Task TheOfficersFormSavesATenderWithItsLotsWhollyOrNotAtAll()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenders = scope.ServiceProvider.GetRequiredService<TenderService>();
        var input = new TenderInput("盲道巡检", "主城区盲道巡检。", "杭州市残疾人联合会", 1_000_000m, "accessibility");
        LotInput Lot(int priceWeight) => new("标段1", "盲道巡检", 800_000m, true, [], [new("价格", priceWeight, true), new("技术", 70, false)]);
        var before = await app.WithDbAsync(db => db.Tenders.CountAsync());

        var badLot = await Assert.ThrowsAsync<Portal.Domain.DomainException>(() => tenders.CreateWithLotsAsync(input, [Lot(30), Lot(40)], null));
        var badDeadline = await Assert.ThrowsAsync<Portal.Domain.DomainException>(() => tenders.CreateWithLotsAsync(input, [Lot(30)], app.Clock.GetUtcNow().AddDays(2)));
        var published = await tenders.CreateWithLotsAsync(input, [Lot(30)], ValidDeadline);

        Assert.Contains("100", badLot.Message);
        Assert.Equal("deadline", badDeadline.Field);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Tenders.CountAsync()));
        Assert.Equal(LotStatus.Open, await app.WithDbAsync(db => db.Lots.Where(l => l.TenderId == published.Id).Select(l => l.Status).SingleAsync()));
    }

    [Fact]
    public async Task OnlyOfficersCreateTenders()
    {
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var anonymous = app.CreateHttpClient();
        var body = new { title = "t", description = "d", buyer = "b", budgetYuan = 100m, category = "smart-parking" };

        Assert.Equal(HttpStatusCode.Forbidden, (await sme.PostAsJsonAsync("/api/v1/tenders", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/tenders", body)).StatusCode);
    }

    [Fact]
    public async Task AnSmeSeesWhyItIsEligibleBidsSealedAndReplacesItsBid()
    {
        var (_, lotId, _) = await PublishedLotAsync(requirements: [new { kind = "pastProject", minValueYuan = 100_000m, withinYears = 3 }]);
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var firstBody = ReferenceSealer.SealBid(ReferenceSealer.NewKey(), lotId, 850_000m, "人脸识别门禁，大字版界面。");
        var secondBody = ReferenceSealer.SealBid(ReferenceSealer.NewKey(), lotId, 820_000m, "人脸识别门禁，大字版界面，含三年运维。");

        var eligibility = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var first = await BidAsync(sme, lotId, firstBody);
        var firstReceipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        var second = await BidAsync(sme, lotId, secondBody);
        var secondReceipt = await second.Content.ReadFromJsonAsync<JsonElement>();
        var mine = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids/mine");

        Assert.True(eligibility.GetProperty("eligible").GetBoolean());
        Assert.All(eligibility.GetProperty("requirements").EnumerateArray(), r =>
        {
            Assert.True(r.GetProperty("met").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString()));
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(ReferenceSealer.Receipt(lotId, firstBody.Sealed), firstReceipt.GetProperty("sha256").GetString());
        Assert.Equal((1, false), (firstReceipt.GetProperty("version").GetInt32(), firstReceipt.GetProperty("replaced").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstReceipt.GetProperty("bidId").GetGuid(), secondReceipt.GetProperty("bidId").GetGuid());
        Assert.Equal(ReferenceSealer.Receipt(lotId, secondBody.Sealed), secondReceipt.GetProperty("sha256").GetString());
        Assert.Equal((2, true), (secondReceipt.GetProperty("version").GetInt32(), secondReceipt.GetProperty("replaced").GetBoolean()));
        // The portal holds the sealed bid only: the bidder's own view has no price or proposal before the opening.
        Assert.Equal("sealed", mine.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("priceYuan").ValueKind);
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("proposal").ValueKind);
        Assert.Equal(secondReceipt.GetProperty("sha256").GetString(), mine.GetProperty("sha256").GetString());
        Assert.Contains("中小企业声明函", mine.GetProperty("declaration").GetString());
        Assert.Equal(1, await BidCountAsync(lotId));
        var stored = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
        Assert.Equal(Convert.FromBase64String(secondBody.Sealed.Ciphertext), stored.SealedCiphertext);
        Assert.Equal(Convert.FromBase64String(secondBody.Sealed.Iv), stored.SealedIv);
        Assert.Null(stored.PriceYuan);
    }

    [Fact]
    public async Task ABidInPlainIsRefusedNamingSealedAndNothingIsWritten()
    {
        var (_, lotId, _) = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var plain = await BidAsync(sme, lotId, new { priceYuan = 850_000m, proposal = "人脸识别门禁。" });

        await AssertProblemAsync(plain, HttpStatusCode.BadRequest, "AES-256-GCM");
        Assert.True((await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sealed", out _));
        Assert.Equal(0, await BidCountAsync(lotId));
    }

    [Fact]
    public async Task ALargeFirmIsRefusedOnAReservedLotWithTheReasonAndNothingIsWritten()
    {
        var (_, lotId, _) = await PublishedLotAsync(reservedForSmes: true);
        using var large = await app.CreateClientForAsync("large@demo.local");

        var eligibility = await large.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var (bid, _) = await SealedBids.SubmitAsync(large, lotId, 800_000m, "Proposal");

        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Contains(eligibility.GetProperty("requirements").EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "smeOnly" && !r.GetProperty("met").GetBoolean());
        await AssertProblemAsync(bid, HttpStatusCode.Forbidden, "reserved");
        Assert.Equal(0, await BidCountAsync(lotId));

        // The refusal, with its reason, in the reader's language.
        large.DefaultRequestHeaders.AcceptLanguage.Clear();
        large.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var (inChinese, _) = await SealedBids.SubmitAsync(large, lotId, 800_000m, "Proposal");
        Assert.Equal(HttpStatusCode.Forbidden, inChinese.StatusCode);
        Assert.Equal("贵公司不能投标本标段：本标段专门面向中小微企业；大型企业不能投标。",
            (await inChinese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnSmeMissingARequirementIsRefusedWithIt()
    {
        var (_, lotId, _) = await PublishedLotAsync(requirements: [new { kind = "certification", name = "CMMI 5" }]);
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "Proposal");

        await AssertProblemAsync(bid, HttpStatusCode.Forbidden, "CMMI Maturity Level 5");
        Assert.Equal(0, await BidCountAsync(lotId));
    }

    [Theory]
    [InlineData(-5, "Proposal", "priceNotPositive")]
    [InlineData(0, "Proposal", "priceNotPositive")]
    [InlineData(1_000, "", "proposalMissing")]
    public async Task AnImpossiblePriceOrAMissingProposalIsFoundAtTheOpeningAndTheBidIsInvalid(decimal price, string proposal, string reasonCode)
    {
        var (_, lotId, deadline) = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        // Sealed, the portal cannot tell: the bid is received like any other.
        var (bid, key) = await SealedBids.SubmitAsync(sme, lotId, price, proposal);
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await SealedBids.RunOpeningJobAsync(app);
        using var smeAfter = await app.CreateClientForAsync("sme@demo.local");
        var opened = await SealedBids.UnsealAsync(smeAfter, lotId, key);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var body = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("invalid", reasonCode), (body.GetProperty("status").GetString(), body.GetProperty("reasonCode").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("reason").GetString()));
        var stored = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
        Assert.Equal((BidStatus.Invalid, (decimal?)null, (string?)null), (stored.Status, stored.PriceYuan, stored.Proposal));
    }

    [Fact]
    public async Task NoBidOnADraftLot()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = await LotIdAsync(officer, tenderId, reservedForSmes: true);
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "Proposal");

        Assert.Equal(HttpStatusCode.NotFound, bid.StatusCode);
        Assert.Equal(0, await BidCountAsync(lotId));
    }

    [Fact]
    public async Task TwoSimultaneousSubmissionsBySameSmeMakeOneBid()
    {
        var (_, lotId, _) = await PublishedLotAsync();
        using var first = await app.CreateClientForAsync("sme@demo.local");
        using var second = await app.CreateClientForAsync("sme@demo.local");
        var bodies = new[]
        {
            ReferenceSealer.SealBid(ReferenceSealer.NewKey(), lotId, 800_000m, "One"),
            ReferenceSealer.SealBid(ReferenceSealer.NewKey(), lotId, 810_000m, "Two"),
        };

        var responses = await Task.WhenAll(BidAsync(first, lotId, bodies[0]), BidAsync(second, lotId, bodies[1]));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal(1, await BidCountAsync(lotId));
        var bid = await app.WithDbAsync(db => db.Bids.SingleAsync(b => b.LotId == lotId));
        Assert.Equal(2, bid.Version);
        // The one bid is whichever envelope was saved last, whole: its receipt matches its own ciphertext.
        Assert.Contains(bid.Sha256, bodies.Select(b => ReferenceSealer.Receipt(lotId, b.Sealed)));
    }

    [Fact]
    public async Task BidsAreHiddenUntilTheDeadlineSealedAfterItAndReadAfterTheOpening()
    {
        var (_, lotId, deadline) = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (submitted, key) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "机密方案");
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        await app.WithDbAsync(async db =>
        {
            var lot = await db.Lots.SingleAsync(l => l.Id == lotId);
            var evaluator = await db.Users.SingleAsync(u => u.Email == "evaluator@demo.local");
            lot.AssignEvaluators([evaluator.Id]);
            return await db.SaveChangesAsync();
        });
        var readers = new[] { "officer@demo.local", "evaluator@demo.local", "admin@demo.local", "large@demo.local", "official@demo.local" };

        foreach (var email in readers)
        {
            using var client = await app.CreateClientForAsync(email);
            var response = await client.GetAsync($"/api/v1/lots/{lotId}/bids");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} got {response.StatusCode}");
            Assert.DoesNotContain("机密方案", await response.Content.ReadAsStringAsync());
        }
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var lotForOfficer = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}");
        Assert.Equal(1, lotForOfficer.GetProperty("bidCount").GetInt32());
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/lots/{lotId}/bids")).StatusCode);

        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await SealedBids.RunOpeningJobAsync(app);

        // Tokens are issued on the portal's clock: sign in again after moving it. In the opening the bid is listed, still sealed.
        using var officerAfter = await app.CreateClientForAsync("officer@demo.local");
        var sealedForOfficer = Assert.Single((await officerAfter.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids")).GetProperty("items").EnumerateArray());
        Assert.Equal("sealed", sealedForOfficer.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, sealedForOfficer.GetProperty("priceYuan").ValueKind);
        Assert.Equal(JsonValueKind.Null, sealedForOfficer.GetProperty("proposal").ValueKind);
        Assert.Equal((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString(), sealedForOfficer.GetProperty("sha256").GetString());
        using var evaluatorClient = await app.CreateClientForAsync("evaluator@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await evaluatorClient.GetAsync($"/api/v1/lots/{lotId}/bids")).StatusCode);
        foreach (var email in new[] { "admin@demo.local", "large@demo.local", "evaluator2@demo.local" })
        {
            using var client = await app.CreateClientForAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/lots/{lotId}/bids")).StatusCode);
        }

        using var smeAfter = await app.CreateClientForAsync("sme@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await SealedBids.UnsealAsync(smeAfter, lotId, key)).StatusCode);

        var opened = Assert.Single((await officerAfter.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids")).GetProperty("items").EnumerateArray());
        Assert.Equal(("opened", 800_000m, "机密方案"),
            (opened.GetProperty("status").GetString(), opened.GetProperty("priceYuan").GetDecimal(), opened.GetProperty("proposal").GetString()));
        var forEvaluator = Assert.Single((await evaluatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids")).GetProperty("items").EnumerateArray());
        Assert.Equal(800_000m, forEvaluator.GetProperty("priceYuan").GetDecimal());
    }

    [Fact]
    public async Task AfterTheDeadlineTheServerRefusesBidsAndWithdrawalsAndTheJobBeginsTheOpening()
    {
        var (_, lotId, deadline) = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (onTime, _) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "On time");
        Assert.Equal(HttpStatusCode.Created, onTime.StatusCode);
        var receipt = (await onTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString();

        app.Clock.Advance(deadline - app.Clock.GetUtcNow());

        using var smeAfter = await app.CreateClientForAsync("sme@demo.local");
        var (late, _) = await SealedBids.SubmitAsync(smeAfter, lotId, 700_000m, "Too late");
        var withdraw = await smeAfter.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine");

        await AssertProblemAsync(late, HttpStatusCode.Conflict, "deadline");
        await AssertProblemAsync(withdraw, HttpStatusCode.Conflict, "deadline");
        var bid = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
        Assert.Equal((BidStatus.Sealed, 1, receipt), (bid.Status, bid.Version, bid.Sha256));
        await SealedBids.RunOpeningJobAsync(app);
        Assert.Equal(LotStatus.Opening, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
        var (inOpening, _) = await SealedBids.SubmitAsync(smeAfter, lotId, 700_000m, "Too late");
        await AssertProblemAsync(inOpening, HttpStatusCode.Conflict, "deadline has passed");
        Assert.Equal(1, (await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId))).Version);
    }

    [Fact]
    public async Task ABidIsWithdrawnBeforeTheDeadlineAndNoLongerCounted()
    {
        var (_, lotId, _) = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, 800_000m, "Proposal");
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);

        var withdrawn = await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine");
        var again = await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}")).GetProperty("bidCount").GetInt32());
        var stored = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
        Assert.Equal((BidStatus.Withdrawn, (byte[]?)null), (stored.Status, stored.SealedCiphertext));

        // Submitted again before the deadline, under a new key: the same bid, sealed anew.
        var (resubmitted, _) = await SealedBids.SubmitAsync(sme, lotId, 790_000m, "Proposal again");
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal(BidStatus.Sealed, (await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId))).Status);
    }

    [Fact]
    public async Task TheOpeningJobBeginsTheOpeningAtTheDeadlineAndNotBeforeAndClosesALotWithoutBids()
    {
        var (_, lotId, deadline) = await PublishedLotAsync();
        async Task<LotStatus> RunJobAsync()
        {
            await SealedBids.RunOpeningJobAsync(app);
            return await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync());
        }

        Assert.Equal(LotStatus.Open, await RunJobAsync());
        app.Clock.Advance(deadline - app.Clock.GetUtcNow());
        // No sealed bid to open: the opening is complete at once.
        Assert.Equal(LotStatus.Closed, await RunJobAsync());
        Assert.Equal(LotStatus.Closed, await RunJobAsync());
    }

    [Fact]
    public async Task EligibilityReasonsAndRequirementDescriptionsAreInTheReadersLanguage()
    {
        var (_, lotId, _) = await PublishedLotAsync(requirements: [new { kind = "statement", text = "提供两年免费质保" }]);
        using var english = await app.CreateClientForAsync("sme@demo.local");
        using var chinese = await app.CreateClientForAsync("sme@demo.local");
        chinese.DefaultRequestHeaders.AcceptLanguage.Clear();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var inEnglish = await english.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var inChinese = await chinese.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var lotInChinese = await chinese.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}");

        JsonElement Requirement(JsonElement answer, string kind) =>
            answer.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == kind);
        // The reserved lot's own requirement, then the officer's statement, each in the language asked for.
        Assert.Matches("^The enterprise is (micro|small|medium)-sized, so it may bid for an SME-reserved lot\\.$",
            Requirement(inEnglish, "smeOnly").GetProperty("reason").GetString());
        Assert.Matches("^该企业为(微型|小型|中型)企业，可以参与中小企业专项标段的投标。$", Requirement(inChinese, "smeOnly").GetProperty("reason").GetString());
        Assert.Equal("Declared by bidding: \"提供两年免费质保\". The evaluators check the evidence in your proposal.",
            Requirement(inEnglish, "statement").GetProperty("reason").GetString());
        Assert.Equal("投标即视为承诺满足：“提供两年免费质保”。评审专家将审查投标文件中的证明材料。",
            Requirement(inChinese, "statement").GetProperty("reason").GetString());
        // The code is the reason's template: the same whatever the language.
        Assert.Equal("The enterprise is {0}, so it may bid for an SME-reserved lot.", Requirement(inChinese, "smeOnly").GetProperty("code").GetString());
        Assert.Equal(Requirement(inEnglish, "statement").GetProperty("code").GetString(), Requirement(inChinese, "statement").GetProperty("code").GetString());
        Assert.Equal("中小微企业（中小企业专项标段）", Requirement(lotInChinese, "smeOnly").GetProperty("description").GetString());
    }

    [Fact]
    public async Task LotsWhoseDeadlinePassedWhileThePortalWasDownBeginTheirOpeningAtStart()
    {
        var (_, emptyLotId, deadline) = await PublishedLotAsync();
        var (_, lotId, _) = await PublishedLotAsync();
        using (var sme = await app.CreateClientForAsync("sme@demo.local"))
        {
            Assert.Equal(HttpStatusCode.Created, (await SealedBids.SubmitAsync(sme, lotId, 800_000m, "Proposal")).Response.StatusCode);
        }
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));

        // A second start of the portal on the same database (the first one never ran the job in between).
        // Its own index directory: the running portal holds the lock on the first one.
        await using var restarted = app.WithWebHostBuilder(b => b.UseSetting("Storage:DataDirectory", Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"))));
        _ = restarted.Services;

        Assert.Equal(LotStatus.Closed, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == emptyLotId).Select(l => l.Status).SingleAsync()));
        Assert.Equal(LotStatus.Opening, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
    }
}

public sealed class SqliteBiddingApiTests(SqliteBiddingApp app) : BiddingApiTests<SqliteBiddingApp>(app);

public sealed class PostgresBiddingApiTests(PostgresBiddingApp app) : BiddingApiTests<PostgresBiddingApp>(app);

/// <summary>Own app instances: these tests move the clock, which must not close the lots other test classes use.</summary>
public sealed class SqliteBiddingApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresBiddingApp() : PortalApp(DatabaseProvider.Postgres);
