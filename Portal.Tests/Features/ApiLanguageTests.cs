using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// Refusals the portal composes (numbers, names, limits in them) and the constant titles and details of its problem
/// answers reach a zh-CN caller in Chinese and an English caller in English.
/// </summary>
public sealed class ApiLanguageTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task AComposedValidationMessageIsRenderedInTheCallersLanguage()
    {
        using var chinese = app.CreateHttpClient(language: "zh-CN");
        using var english = app.CreateHttpClient();

        var zh = await ProblemAsync(await chinese.GetAsync("/api/v1/lots?pageSize=500&category=nope"), HttpStatusCode.BadRequest);
        var en = await ProblemAsync(await english.GetAsync("/api/v1/lots?pageSize=500&category=nope"), HttpStatusCode.BadRequest);

        Assert.Equal("请输入 1 至 100 之间的整数。", zh.GetProperty("errors").GetProperty("pageSize")[0].GetString());
        Assert.Equal("未知的类别“nope”。", zh.GetProperty("errors").GetProperty("category")[0].GetString());
        Assert.Equal("Use a whole number from 1 to 100.", en.GetProperty("errors").GetProperty("pageSize")[0].GetString());
        Assert.Equal("Unknown category 'nope'.", en.GetProperty("errors").GetProperty("category")[0].GetString());
    }

    [Fact]
    public async Task AConstantProblemTitleAndDetailAreTranslated()
    {
        using var chinese = app.CreateHttpClient(language: "zh-CN");

        var problem = await ProblemAsync(await chinese.GetAsync($"/api/v1/reports/award-notice?lotId={Guid.NewGuid()}"), HttpStatusCode.NotFound);

        Assert.Equal("未找到。", problem.GetProperty("title").GetString());
        Assert.Equal("没有此编号的已发布标段。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedInChinese()
    {
        using var chinese = app.CreateHttpClient(language: "zh-CN");

        var problem = await ProblemAsync(
            await chinese.PostAsJsonAsync("/api/v1/auth/token", new { email = "officer@demo.local", password = "wrong" }), HttpStatusCode.Unauthorized);

        Assert.Equal("登录失败。", problem.GetProperty("title").GetString());
        Assert.Equal("电子邮箱或密码不正确。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnOcdsImportsProblemsAreListedInChinese()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        officer.DefaultRequestHeaders.AcceptLanguage.Clear();
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await officer.PostAsync("/api/v1/ocds/import", new StringContent("{\"uri\": \"x\"}", System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("数据包未导入：有 1 个问题。", problem.GetProperty("title").GetString());
        Assert.Equal("这不是 OCDS 发布包：其中没有“releases”列表。", problem.GetProperty("problems")[0].GetProperty("message").GetString());
    }
}
