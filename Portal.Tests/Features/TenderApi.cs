using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Features;

/// <summary>Officer calls that tests of tenders, lots and bids repeat: a tender, a lot, a publication, a problem check.</summary>
internal static class TenderApi
{
    public static readonly object[] Criteria =
    [
        new { name = "Price", weight = 30, isPrice = true },
        new { name = "Technical solution", weight = 50, isPrice = false },
        new { name = "Service", weight = 20, isPrice = false },
    ];

    public static async Task<Guid> CreateTenderAsync(HttpClient officer, decimal budgetYuan = 1_800_000m)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/tenders", new
        {
            title = "上城区老旧小区智能门禁改造",
            description = "老旧小区出入口人脸识别门禁与适老化改造。",
            buyer = "杭州市上城区住房和城乡建设局",
            budgetYuan,
            category = "community-apps",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> AddLotAsync(HttpClient officer, Guid tenderId, bool reservedForSmes = true, object[]? requirements = null,
        string title = "标段1：人脸识别门禁", object[]? criteria = null, decimal valueYuan = 900_000m)
    {
        var response = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
        {
            title,
            description = "40个小区出入口的人脸识别门禁，含大字版界面与语音提示。",
            valueYuan,
            reservedForSmes,
            requirements = requirements ?? [],
            criteria = criteria ?? Criteria,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task PublishAsync(HttpClient officer, Guid tenderId, DateTimeOffset deadline)
    {
        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string containing)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains(containing, problem, StringComparison.OrdinalIgnoreCase);
    }
}
