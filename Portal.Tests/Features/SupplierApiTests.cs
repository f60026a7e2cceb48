using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>The company profile through the API; the same tests run on SQLite and PostgreSQL.</summary>
public abstract class SupplierApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static object Profile(string creditCode, int employees = 45, decimal revenueYuan = 18_500_000m) => new
    {
        name = "杭州测试智能科技有限公司",
        creditCode,
        industry = "software_it_services",
        employees,
        revenueYuan,
        assetsYuan = 9_000_000m,
        region = "杭州市",
        capabilities = "智能垃圾分类投放点 AI 视觉识别与满溢监测，NB-IoT 传感器接入。",
        categories = new[] { "smart-waste" },
        certifications = new[] { new { name = "ISO 27001", validUntil = "2028-06-30" } },
        pastProjects = new[] { new { title = "拱墅区垃圾分类督导系统", client = "杭州市拱墅区城市管理局", valueYuan = 2_400_000m, completedOn = "2026-04-30", description = "覆盖 120 个小区" } },
    };

    private async Task<HttpClient> NewSmeAsync()
    {
        var email = $"sme-{Guid.NewGuid():N}@example.cn";
        using var anonymous = app.CreateHttpClient();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).EnsureSuccessStatusCode();
        return await app.CreateClientForAsync(email, "Str0ng#Pass");
    }

    /// <summary>A valid unified social credit code nobody else in the test run uses.</summary>
    private static string NewCreditCode() => TestCreditCodes.New("91330106");

    [Fact]
    public async Task AnSmeCreatesItsProfileAndGetsTheDerivedSizeClass()
    {
        using var sme = await NewSmeAsync();
        var response = await sme.PostAsJsonAsync("/api/v1/suppliers", Profile(NewCreditCode()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("small", created.GetProperty("sizeClass").GetString());
        var id = created.GetProperty("id").GetGuid();
        var me = await sme.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(id, me.GetProperty("supplierId").GetGuid());

        using var anonymous = app.CreateHttpClient();
        var pub = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{id}");
        Assert.Equal("杭州测试智能科技有限公司", pub.GetProperty("name").GetString());
        Assert.Equal(2_400_000m, pub.GetProperty("pastProjects")[0].GetProperty("valueYuan").GetDecimal());
        Assert.Equal("2028-06-30", pub.GetProperty("certifications")[0].GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task UpdatingTheSizeDataDerivesTheClassAgain()
    {
        using var sme = await NewSmeAsync();
        var code = NewCreditCode();
        var created = await (await sme.PostAsJsonAsync("/api/v1/suppliers", Profile(code))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var response = await sme.PutAsJsonAsync($"/api/v1/suppliers/{id}", Profile(code, employees: 350, revenueYuan: 150_000_000m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("large", updated.GetProperty("sizeClass").GetString());
    }

    [Theory]
    [InlineData("creditCode", "91330106MA27XXXXX1")]
    [InlineData("employees", null)]
    [InlineData("industry", null)]
    public async Task BadProfilesAreRefusedNamingTheFieldAndNothingIsWritten(string field, string? creditCode)
    {
        using var sme = await NewSmeAsync();
        object body = field switch
        {
            "employees" => Merge(Profile(NewCreditCode()), "employees", -3),
            "industry" => Merge(Profile(NewCreditCode()), "industry", "space_mining"),
            _ => Profile(creditCode!),
        };

        var response = await sme.PostAsJsonAsync("/api/v1/suppliers", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var me = await sme.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("supplierId").ValueKind);
    }

    [Fact]
    public async Task AnSmeCannotChangeAnotherCompanysProfile()
    {
        using var sme = await NewSmeAsync();
        var seededSmallFirm = await app.WithDbAsync(db => db.Suppliers.Where(s => s.OwnerUserId != null).Select(s => s.Id).FirstAsync());

        var response = await sme.PutAsJsonAsync($"/api/v1/suppliers/{seededSmallFirm}", Profile(NewCreditCode()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ACreditCodeCanBelongToOneCompanyOnly()
    {
        var taken = await app.WithDbAsync(db => db.Suppliers.Select(s => s.CreditCode).FirstAsync());
        using var sme = await NewSmeAsync();

        var response = await sme.PostAsJsonAsync("/api/v1/suppliers", Profile(taken!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("creditCode", out _));
    }

    [Fact]
    public async Task OfficersCannotCreateSupplierProfiles()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var response = await officer.PostAsJsonAsync("/api/v1/suppliers", Profile(NewCreditCode()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static Dictionary<string, object?> Merge(object profile, string key, object value)
    {
        var dictionary = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(profile))!;
        dictionary[key] = value;
        return dictionary;
    }
}

public sealed class SqliteSupplierApiTests(SqlitePortalApp app) : SupplierApiTests<SqlitePortalApp>(app);

public sealed class PostgresSupplierApiTests(PostgresPortalApp app) : SupplierApiTests<PostgresPortalApp>(app);
