using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary><c>GET /api/v1/tenders</c>: the officers' list, as the /tenders page reads it, for officers only.</summary>
public sealed class TenderListApiTests(SqliteTenderApp app) : IClassFixture<SqliteTenderApp>
{
    [Fact]
    public async Task OfficersSearchATabAndPageTheirTenders()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var token = $"接口{Guid.NewGuid():N}"[..10];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await officer.PostAsJsonAsync("/api/v1/tenders", new
            {
                title = $"{token} 第{i}批", description = "说明", buyer = "杭州市上城区民政局", budgetYuan = 1_000_000m, category = "elderly-care",
            });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        await AddLotAsync(officer, ids[2]);

        var page = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders?q={Uri.EscapeDataString(token)}&tab=draft&pageSize=2&page=2");
        var oldestFirst = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders?q={Uri.EscapeDataString(token)}&descending=false&pageSize=1");

        Assert.Equal((3, 2, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((ids[0], "draft"), (item.GetProperty("id").GetGuid(), item.GetProperty("status").GetString()));
        Assert.Equal(3, page.GetProperty("tabs").GetProperty("draft").GetInt32());
        Assert.Equal(0, page.GetProperty("tabs").GetProperty("bidding").GetInt32());
        Assert.Equal(ids[0], oldestFirst.GetProperty("items")[0].GetProperty("id").GetGuid());
        var withLot = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/tenders?q={Uri.EscapeDataString(token)}&pageSize=1")).GetProperty("items")[0];
        Assert.Equal("draft", withLot.GetProperty("lots")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ABadParameterIsA400NamingItAndOthersAreRefused()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var badTab = await officer.GetAsync("/api/v1/tenders?tab=open&pageSize=500&deadlineFrom=2026-13-01");
        var forbidden = await sme.GetAsync("/api/v1/tenders");

        Assert.Equal(HttpStatusCode.BadRequest, badTab.StatusCode);
        var errors = (await badTab.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order();
        Assert.Equal(["deadlineFrom", "pageSize", "tab"], errors);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
