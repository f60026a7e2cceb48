using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>Searching the supplier library through the API; the same tests run on SQLite and PostgreSQL.</summary>
public abstract class SupplierSearchApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private async Task<JsonElement> SearchAsync(string queryString)
    {
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync($"/api/v1/suppliers?{queryString}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Names(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!);

    [Fact]
    public async Task AChineseNeedFindsTheNicheSuppliersFirstWithMarkedSnippets()
    {
        var result = await SearchAsync("q=" + Uri.EscapeDataString("智慧停车 高位视频 泊位") + "&pageSize=5");

        Assert.True(result.GetProperty("total").GetInt32() > 0);
        var top = result.GetProperty("items")[0];
        Assert.Contains("停车", top.GetProperty("name").GetString() + top.GetProperty("snippet").GetString());
        Assert.Contains("<mark>", top.GetProperty("snippet").GetString());
        Assert.True(top.GetProperty("score").GetSingle() > 0);
    }

    [Fact]
    public async Task TheIssuesExampleNeedPutsTheAccessibilityAndAgeingFriendlySmesFirst()
    {
        var result = await SearchAsync("q=" + Uri.EscapeDataString("老旧小区 适老化 智能门禁 人脸识别 大字版") + "&pageSize=5");

        var items = result.GetProperty("items").EnumerateArray().ToList();
        // Each covers two of the five words (老旧小区 + 适老化; 适老化 + 大字版); the firms after them cover one.
        Assert.Equal(["绍兴易行无障碍设施工程有限公司", "杭州无碍通信息无障碍技术有限公司"], items.Take(2).Select(i => i.GetProperty("name").GetString()));
        Assert.All(items.Take(2), i => Assert.Contains("<mark>适老化</mark>", i.GetProperty("snippet").GetString()));
    }

    [Fact]
    public async Task AnEnglishNeedIsStemmedAndFindsSuppliers()
    {
        var result = await SearchAsync("q=" + Uri.EscapeDataString("parking sensors") + "&pageSize=5");

        Assert.True(result.GetProperty("total").GetInt32() > 0);
        Assert.Contains("park", string.Join(" ", result.GetProperty("items")[0].GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString())));
    }

    [Fact]
    public async Task FiltersNarrowTheResultsAndFacetsCountThem()
    {
        var all = await SearchAsync("q=" + Uri.EscapeDataString("平台"));
        var small = await SearchAsync("q=" + Uri.EscapeDataString("平台") + "&sizeClass=small");

        Assert.True(small.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());
        Assert.All(small.GetProperty("items").EnumerateArray(), i => Assert.Equal("small", i.GetProperty("sizeClass").GetString()));
        Assert.Equal(small.GetProperty("total").GetInt32(), all.GetProperty("facets").GetProperty("sizeClass").GetProperty("small").GetInt32());
    }

    [Fact]
    public async Task TheProjectFilterNeedsOneProjectOfTheValueWithinTheYears()
    {
        var result = await SearchAsync("minProjectValueYuan=10000000&withinYears=1&pageSize=100");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ids = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();

        var expected = await app.WithDbAsync(async db => (await db.Suppliers.AsNoTracking().ToListAsync())
            .Where(s => s.PastProjects.Any(p => p.ValueYuan >= 10_000_000m && p.CompletedOn >= today.AddYears(-1)))
            .Select(s => s.Id)
            .ToHashSet());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task OnlyValidCertificationsPassTheCertificationFilter()
    {
        var result = await SearchAsync("certification=" + Uri.EscapeDataString("iso 27001") + "&pageSize=100");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = await app.WithDbAsync(async db => (await db.Suppliers.AsNoTracking().ToListAsync())
            .Count(s => s.Certifications.Any(c => c.Matches("ISO 27001") && c.IsValidOn(today))));

        Assert.Equal(expected, result.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("a OR b NOT c")]
    [InlineData(":\"*\\")]
    [InlineData("😀🚀")]
    [InlineData("！？。，")]
    [InlineData("")]
    [InlineData("title:(智慧 AND \"停车\"")]
    public async Task HostileOrEmptyQueriesGetResultsOrNothingToSearchForNeverAnError(string q)
    {
        var result = await SearchAsync("q=" + Uri.EscapeDataString(q));

        if (result.GetProperty("nothingToSearchFor").GetBoolean())
        {
            Assert.Equal(0, result.GetProperty("total").GetInt32());
            Assert.Contains("Nothing to search for", result.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task WithoutQTheLibraryIsListedSmesFirstNewestProfilesFirstPageByPage()
    {
        var first = await SearchAsync("pageSize=100");
        var second = await SearchAsync("page=2&pageSize=100");

        var expected = await app.WithDbAsync(async db => (await db.Suppliers.AsNoTracking().ToListAsync())
            .OrderBy(s => s.SizeClass == Portal.Domain.Suppliers.SizeClass.Large)
            .ThenByDescending(s => s.UpdatedAtUtc)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Id)
            .ToList());
        Assert.False(first.GetProperty("nothingToSearchFor").GetBoolean());
        Assert.Equal(expected.Count, first.GetProperty("total").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(expected.Take(200), ids);
        Assert.Equal(expected.Count, first.GetProperty("facets").GetProperty("sizeClass").EnumerateObject().Sum(f => f.Value.GetInt32()));
    }

    [Fact]
    public async Task FiltersWorkWithoutQ()
    {
        var small = await SearchAsync("sizeClass=small&pageSize=100");

        var expected = await app.WithDbAsync(db => db.Suppliers.CountAsync(s => s.SizeClass == Portal.Domain.Suppliers.SizeClass.Small));
        Assert.Equal(expected, small.GetProperty("total").GetInt32());
        Assert.All(small.GetProperty("items").EnumerateArray(), i => Assert.Equal("small", i.GetProperty("sizeClass").GetString()));
    }

    [Fact]
    public async Task ATenThousandCharacterQueryIsAnswered()
    {
        var result = await SearchAsync("q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("智慧停车与垃圾分类", 1112))[..10_000]));
        Assert.True(result.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task ResultsCanBeSortedByName()
    {
        var ascending = Names(await SearchAsync("q=" + Uri.EscapeDataString("平台") + "&sort=name&pageSize=50")).ToList();
        var descending = Names(await SearchAsync("q=" + Uri.EscapeDataString("平台") + "&sort=-name&pageSize=50")).ToList();

        Assert.True(ascending.Count > 5);
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(descending.OrderDescending(StringComparer.Ordinal), descending);
    }

    [Theory]
    [InlineData("sort=price", "sort")]
    [InlineData("sizeClass=huge", "sizeClass")]
    [InlineData("minProjectValueYuan=-5", "minProjectValueYuan")]
    [InlineData("minProjectValueYuan=lots", "minProjectValueYuan")]
    [InlineData("withinYears=0", "withinYears")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task ImpossibleFiltersAreABadRequestNamingTheParameter(string queryString, string parameter)
    {
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync($"/api/v1/suppliers?{queryString}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task AProfileEditIsFoundBySearchAtOnce()
    {
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var me = await sme.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var id = me.GetProperty("supplierId").GetGuid();
        var profile = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{id}");
        var edited = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(profile.GetRawText())!;
        edited["capabilities"] = JsonSerializer.SerializeToElement(edited["capabilities"].GetString() + " 新增：海上风电叶片无人机巡检 offshore turbine blade inspection。");

        var saved = await sme.PutAsJsonAsync($"/api/v1/suppliers/{id}", edited);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var result = await SearchAsync("q=" + Uri.EscapeDataString("风电叶片巡检") + "&pageSize=3");

        Assert.Equal(id, result.GetProperty("items")[0].GetProperty("id").GetGuid());
        var english = await SearchAsync("q=" + Uri.EscapeDataString("turbine blades") + "&pageSize=3");
        Assert.Equal(id, english.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task ARejectedProfileEditLeavesTheIndexUnchanged()
    {
        using var sme = await app.CreateClientForAsync("large@demo.local");
        var id = (await sme.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("supplierId").GetGuid();
        var profile = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            (await sme.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{id}")).GetRawText())!;
        profile["capabilities"] = JsonSerializer.SerializeToElement("海底隧道声呐巡检机器人");
        profile["employees"] = JsonSerializer.SerializeToElement(-1);

        var response = await sme.PutAsJsonAsync($"/api/v1/suppliers/{id}", profile);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = await SearchAsync("q=" + Uri.EscapeDataString("海底隧道声呐巡检机器人"));
        Assert.DoesNotContain(result.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }
}

public sealed class SqliteSupplierSearchApiTests(SqlitePortalApp app) : SupplierSearchApiTests<SqlitePortalApp>(app);

public sealed class PostgresSupplierSearchApiTests(PostgresPortalApp app) : SupplierSearchApiTests<PostgresPortalApp>(app);
