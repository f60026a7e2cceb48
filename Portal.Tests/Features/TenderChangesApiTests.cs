using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// What may change after a tender is created: drafts freely, published tenders only through amendment notices; and the
/// SME-fairness warnings officers get (财库〔2020〕46号 Art. 5). On SQLite and PostgreSQL.
/// </summary>
public abstract class TenderChangesApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<(Guid TenderId, Guid LotId, DateTimeOffset Deadline)> PublishedLotAsync(HttpClient officer)
    {
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId)).GetProperty("id").GetGuid();
        var deadline = Now.AddDays(14);
        await PublishAsync(officer, tenderId, deadline);
        return (tenderId, lotId, deadline);
    }

    private Task<int> AmendmentCountAsync(Guid tenderId) =>
        app.WithDbAsync(db => db.Tenders.Where(t => t.Id == tenderId).SelectMany(t => t.Amendments).CountAsync());

    [Fact]
    public async Task AnAmendmentExtendsTheDeadlineShowsOnTheLotAndTellsTheBidders()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (tenderId, lotId, deadline) = await PublishedLotAsync(officer);
        Assert.Equal(HttpStatusCode.Created, (await SealedBids.SubmitAsync(sme, lotId, 850_000m, "方案")).Response.StatusCode);
        var extended = deadline.AddDays(7);

        var response = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments",
            new { notice = "澄清：门禁设备须支持离线人脸比对。", deadline = extended });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var amendment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, amendment.GetProperty("number").GetInt32());
        Assert.Equal(extended.UtcDateTime, amendment.GetProperty("deadline").GetDateTime(), TimeSpan.FromSeconds(1));
        using var anonymous = app.CreateHttpClient();
        var lot = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}");
        Assert.Equal(extended.UtcDateTime, lot.GetProperty("deadline").GetDateTime(), TimeSpan.FromSeconds(1));
        var shown = Assert.Single(lot.GetProperty("amendments").EnumerateArray());
        Assert.Equal("澄清：门禁设备须支持离线人脸比对。", shown.GetProperty("notice").GetString());
        Assert.Equal(deadline.UtcDateTime, shown.GetProperty("previousDeadline").GetDateTime(), TimeSpan.FromSeconds(1));
        var notifications = await sme.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(notifications.GetProperty("items").EnumerateArray(), n =>
            n.GetProperty("title").GetString()!.Contains("Amendment 1") && n.GetProperty("link").GetString() == $"/lots/{lotId}");
    }

    [Fact]
    public async Task BidsAreAcceptedUntilTheExtendedDeadlineNotTheOriginalOne()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (tenderId, lotId, deadline) = await PublishedLotAsync(officer);
        var amended = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments", new { notice = "延期", deadline = deadline.AddDays(5) });
        Assert.Equal(HttpStatusCode.Created, amended.StatusCode);

        // Past the original deadline, before the extended one: the opening job leaves the lot open.
        app.Clock.Advance(TimeSpan.FromDays(16));
        using var smeLater = await app.CreateClientForAsync("sme@demo.local");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Features.Opening.OpeningJob>().RunAsync();
        }
        var (bid, _) = await SealedBids.SubmitAsync(smeLater, lotId, 850_000m, "方案");

        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        Assert.Equal(LotStatus.Open, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
    }

    public static TheoryData<string, HttpStatusCode, string> BadAmendments => new()
    {
        { """{"notice":""}""", HttpStatusCode.BadRequest, "notice" },
        { """{"notice":"earlier","deadline":"2020-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "only extend the deadline" },
        { """{"notice":"x","deadline":"soon"}""", HttpStatusCode.BadRequest, "deadline" },
    };

    [Theory]
    [MemberData(nameof(BadAmendments))]
    public async Task BadAmendmentsAreRefusedWithTheReasonAndWriteNothing(string body, HttpStatusCode status, string reason)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var (tenderId, _, _) = await PublishedLotAsync(officer);

        var response = await officer.PostAsync($"/api/v1/tenders/{tenderId}/amendments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, status, reason);
        Assert.Equal(0, await AmendmentCountAsync(tenderId));
    }

    [Fact]
    public async Task ANoticeTooCloseToTheDeadlineMustExtendIt()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        await AddLotAsync(officer, tenderId);
        // The test app's minimum bidding period is the default 10 days; a notice needs 3 days left before the deadline.
        var deadline = Now.AddDays(10).AddMinutes(5);
        await PublishAsync(officer, tenderId, deadline);
        app.Clock.Advance(TimeSpan.FromDays(8));
        using var officerLater = await app.CreateClientForAsync("officer@demo.local");

        var withoutExtension = await officerLater.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments", new { notice = "澄清" });
        var extended = await officerLater.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments", new { notice = "澄清并延期", deadline = deadline.AddDays(3) });

        await AssertProblemAsync(withoutExtension, HttpStatusCode.BadRequest, "extend the deadline");
        Assert.Equal(HttpStatusCode.Created, extended.StatusCode);
        Assert.Equal(1, await AmendmentCountAsync(tenderId));
    }

    [Fact]
    public async Task DraftsAndPassedDeadlinesTakeNoAmendmentAndOnlyOfficersAmend()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var draftId = await CreateTenderAsync(officer);
        var (tenderId, _, _) = await PublishedLotAsync(officer);

        var onDraft = await officer.PostAsJsonAsync($"/api/v1/tenders/{draftId}/amendments", new { notice = "澄清" });
        var bySme = await sme.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments", new { notice = "澄清" });
        var missing = await officer.PostAsJsonAsync($"/api/v1/tenders/{Guid.NewGuid()}/amendments", new { notice = "澄清" });
        app.Clock.Advance(TimeSpan.FromDays(15));
        using var officerLater = await app.CreateClientForAsync("officer@demo.local");
        var late = await officerLater.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/amendments", new { notice = "澄清" });

        await AssertProblemAsync(onDraft, HttpStatusCode.Conflict, "published tender");
        Assert.Equal(HttpStatusCode.Forbidden, bySme.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await AssertProblemAsync(late, HttpStatusCode.Conflict, "has passed");
        Assert.Equal(0, await AmendmentCountAsync(tenderId));
    }

    [Fact]
    public async Task APublishedTendersFieldsAndLotListStayAsPublished()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var (tenderId, lotId, _) = await PublishedLotAsync(officer);

        var update = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}", new
        {
            title = "改过的标题", description = "d", buyer = "b", budgetYuan = 2_000_000m, category = "community-apps",
        });
        var removal = await officer.DeleteAsync($"/api/v1/tenders/{tenderId}/lots/{lotId}");

        await AssertProblemAsync(update, HttpStatusCode.Conflict, "amendment notice");
        await AssertProblemAsync(removal, HttpStatusCode.Conflict, "amendment notice");
        Assert.Equal("上城区老旧小区智能门禁改造", await app.WithDbAsync(db => db.Tenders.Where(t => t.Id == tenderId).Select(t => t.Title).SingleAsync()));
    }

    [Fact]
    public async Task ADraftIsEditedFreelyAndItsLotsAreRenumbered()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var first = (await AddLotAsync(officer, tenderId, title: "标段1", valueYuan: 500_000m)).GetProperty("id").GetGuid();
        await AddLotAsync(officer, tenderId, title: "标段2", valueYuan: 500_000m);
        await AddLotAsync(officer, tenderId, title: "标段3", valueYuan: 500_000m);

        var update = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}", new
        {
            title = "新标题", description = "新说明", buyer = "杭州市上城区民政局", budgetYuan = 1_600_000m, category = "elderly-care",
        });
        var tooSmall = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}", new
        {
            title = "新标题", description = "新说明", buyer = "杭州市上城区民政局", budgetYuan = 100_000m, category = "elderly-care",
        });
        var removal = await officer.DeleteAsync($"/api/v1/tenders/{tenderId}/lots/{first}");

        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        await AssertProblemAsync(tooSmall, HttpStatusCode.BadRequest, "budgetYuan");
        Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal("新标题", tender.GetProperty("title").GetString());
        Assert.Equal(1_600_000m, tender.GetProperty("budgetYuan").GetDecimal());
        Assert.Equal("draft", tender.GetProperty("status").GetString());
        Assert.Equal([(1, "标段2"), (2, "标段3")],
            tender.GetProperty("lots").EnumerateArray().Select(l => (l.GetProperty("number").GetInt32(), l.GetProperty("title").GetString())).ToList());
    }

    [Fact]
    public async Task AWholeDraftIsRevisedInOneSaveOrNotAtAll()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var first = (await AddLotAsync(officer, tenderId, title: "标段1", valueYuan: 500_000m)).GetProperty("id").GetGuid();
        var second = (await AddLotAsync(officer, tenderId, title: "标段2", valueYuan: 500_000m)).GetProperty("id").GetGuid();
        var tenders = app.Services.GetRequiredService<TenderService>();
        var input = new TenderInput("改造", "说明", "杭州市上城区民政局", 1_800_000m, "elderly-care");
        LotInput Lot(string title, int priceWeight = 30) => new(title, "需求", 600_000m, true, [new RequirementInput("statement", Text: "提供两年质保")],
            [new CriterionInput("价格", priceWeight, true), new CriterionInput("技术", 100 - 30, false)]);

        var broken = await Record.ExceptionAsync(() => tenders.ReviseDraftAsync(tenderId, input,
            [(second, Lot("改过的标段2")), (null, Lot("新标段", priceWeight: 20))], publishDeadline: null));
        var revised = await tenders.ReviseDraftAsync(tenderId, input,
            [(second, Lot("改过的标段2")), (null, Lot("新标段"))], publishDeadline: Now.AddDays(12));

        Assert.Contains("sum to 100", broken?.Message);
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal("published", tender.GetProperty("status").GetString());
        var lots = tender.GetProperty("lots").EnumerateArray().ToList();
        Assert.Equal([(1, "改过的标段2", second), (2, "新标段", revised!.Lots[1].Id)],
            lots.Select(l => (l.GetProperty("number").GetInt32(), l.GetProperty("title").GetString(), l.GetProperty("id").GetGuid())).ToList());
        Assert.Equal("statement", lots[0].GetProperty("requirements")[1].GetProperty("kind").GetString());
        Assert.False(await app.WithDbAsync(db => db.Lots.AnyAsync(l => l.Id == first)));
    }

    [Fact]
    public async Task OfficersAreWarnedOfTermsThatShutOutSmes()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var lot = await AddLotAsync(officer, tenderId, valueYuan: 900_000m,
            requirements:
            [
                new { kind = "pastProject", minValueYuan = 1_000_000_000m, withinYears = 3 },
                new { kind = "statement", text = "注册资本不低于5000万元" },
                new { kind = "statement", text = "提供两年免费质保" },
            ],
            criteria:
            [
                new { name = "价格", weight = 30, isPrice = true },
                new { name = "企业规模与营业收入", weight = 20, isPrice = false },
                new { name = "技术方案", weight = 50, isPrice = false },
            ]);

        var warnings = lot.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("field").GetString()).ToList();
        Assert.Equal(["lots[0].requirements[0]", "lots[0].requirements[1]", "lots[0].criteria[1]"], warnings);
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        var messages = tender.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Contains("财库〔2020〕46号 Art. 5", m));
        Assert.Contains(messages, m => m.Contains("registered capital"));
        Assert.True(tender.GetProperty("reservation").GetProperty("reached").GetBoolean());
    }

    [Fact]
    public async Task AStatementRequirementIsDeclaredByBidding()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, requirements: [new { kind = "statement", text = "提供两年免费质保" }])).GetProperty("id").GetGuid();
        await PublishAsync(officer, tenderId, Now.AddDays(14));

        var eligibility = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/eligibility");
        var missingText = await officer.PostAsJsonAsync($"/api/v1/tenders/{await CreateTenderAsync(officer)}/lots", new
        {
            title = "t", description = "d", valueYuan = 1m, reservedForSmes = false, requirements = new[] { new { kind = "statement" } }, criteria = Criteria,
        });

        Assert.True(eligibility.GetProperty("eligible").GetBoolean());
        var statement = eligibility.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "statement");
        Assert.Contains("提供两年免费质保", statement.GetProperty("reason").GetString());
        await AssertProblemAsync(missingText, HttpStatusCode.BadRequest, "requirements.text");
    }
}

public sealed class SqliteTenderChangesApiTests(SqliteTenderApp app) : TenderChangesApiTests<SqliteTenderApp>(app);

public sealed class PostgresTenderChangesApiTests(PostgresTenderApp app) : TenderChangesApiTests<PostgresTenderApp>(app);

public sealed class SqliteTenderApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresTenderApp() : PortalApp(DatabaseProvider.Postgres);
