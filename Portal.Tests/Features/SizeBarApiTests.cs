using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// 财库〔2020〕46号 Art. 5 through the API: a requirement that sets a size or financial bar is refused at publication on
/// a lot reserved for SMEs, and on another lot is published only with a justification, which the tender keeps with who
/// wrote it and when. On SQLite and PostgreSQL.
/// </summary>
public abstract class SizeBarApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Bar = "注册资本不少于5000万元，近三年年均营业收入不低于1亿元，员工人数不少于200人";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task AReservedLotWithASizeBarIsRefusedAtPublicationNamingTheFieldAndTheArticle()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lot = await AddLotAsync(officer, tenderId, reservedForSmes: true, requirements:
        [
            new { kind = "certification", name = "ISO 9001" },
            new { kind = "statement", text = Bar, justification = "运维需要" },
        ]);

        var refused = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = Now.AddDays(14) });
        using var inChinese = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenders/{tenderId}/publish") { Content = JsonContent.Create(new { deadline = Now.AddDays(14) }) };
        inChinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refusedInChinese = await officer.SendAsync(inChinese);

        var warning = Assert.Single(lot.GetProperty("warnings").EnumerateArray());
        Assert.Equal("lots[0].requirements[1]", warning.GetProperty("field").GetString());
        Assert.False(warning.GetProperty("needsJustification").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["lots[0].requirements[1].text"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("registered capital, revenue and staff count", problem.GetProperty("detail").GetString());
        Assert.Contains("财库〔2020〕46号 Art. 5", problem.GetProperty("detail").GetString());
        Assert.Contains("财库〔2020〕46号第五条", (await refusedInChinese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal("draft", tender.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnOpenLotWithASizeBarNeedsAJustificationWhichIsKeptWithItsAuthor()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false, requirements: [new { kind = "statement", text = Bar }])).GetProperty("id").GetGuid();

        var unjustified = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = Now.AddDays(14) });
        var justification = "本项目需承担1亿元设备垫资及200人驻场运维，采购人已论证该条件的必要性";
        var updated = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}/lots/{lotId}", new
        {
            title = "标段1：设备垫资与驻场运维",
            description = "设备垫资采购与驻场运维。",
            valueYuan = 900_000m,
            reservedForSmes = false,
            requirements = new[] { new { kind = "statement", text = Bar, justification } },
            criteria = Criteria,
        });
        await PublishAsync(officer, tenderId, Now.AddDays(14));

        var justifiedAtOnce = await AddLotAsync(officer, await CreateTenderAsync(officer), reservedForSmes: false,
            requirements: [new { kind = "statement", text = Bar, justification }]);

        Assert.False(Assert.Single(justifiedAtOnce.GetProperty("warnings").EnumerateArray()).GetProperty("needsJustification").GetBoolean());
        var problem = await unjustified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, unjustified.StatusCode);
        Assert.Equal(["lots[0].requirements[0].justification"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        var tender = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders/{tenderId}");
        Assert.Equal("published", tender.GetProperty("status").GetString());
        var requirement = tender.GetProperty("lots")[0].GetProperty("requirements")[0];
        Assert.Equal(("statement", Bar, justification, "officer@demo.local"),
            (requirement.GetProperty("kind").GetString(), requirement.GetProperty("text").GetString(),
             requirement.GetProperty("justification").GetString(), requirement.GetProperty("justifiedBy").GetString()));
        Assert.True(requirement.GetProperty("sizeBar").GetBoolean());
        Assert.Equal(Now.UtcDateTime, requirement.GetProperty("justifiedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        // Everyone reads the reason on the published lot; the officer's address stays with the tender's officers.
        using var anonymous = app.CreateHttpClient();
        var published = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}")).GetProperty("requirements")[0];
        Assert.Equal(justification, published.GetProperty("justification").GetString());
        Assert.Equal(JsonValueKind.Null, published.GetProperty("justifiedBy").ValueKind);
        var stored = await app.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));
        Assert.Equal("officer@demo.local", Assert.Single(stored.Requirements).JustifiedBy);
    }

    [Fact]
    public async Task AJustificationOnAnotherKindOfRequirementIsRefused()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var response = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
        {
            title = "标段1", description = "需求", valueYuan = 900_000m, reservedForSmes = false,
            requirements = new object[] { new { kind = "certification", name = "ISO 9001", justification = "因为" } },
            criteria = Criteria,
        });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "requirements.justification");
    }
}

public sealed class SqliteSizeBarApiTests(SqliteTenderApp app) : SizeBarApiTests<SqliteTenderApp>(app);

public sealed class PostgresSizeBarApiTests(PostgresTenderApp app) : SizeBarApiTests<PostgresTenderApp>(app);
