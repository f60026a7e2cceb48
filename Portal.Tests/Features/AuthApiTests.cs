using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Features.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>Sign-in, registration and "who am I" through the API; the same tests run on SQLite and PostgreSQL.</summary>
public abstract class AuthApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Theory]
    [MemberData(nameof(DemoAccountData))]
    public async Task DemoAccountsGetATokenAndAreRecognised(string email, string role)
    {
        using var anonymous = app.CreateHttpClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = PortalApp.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.True(token.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow);
        Assert.Contains(role, token.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using var client = await app.CreateClientForAsync(email);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        var ownsCompany = email is "sme@demo.local" or "large@demo.local";
        Assert.Equal(ownsCompany, me.GetProperty("supplierId").ValueKind == JsonValueKind.String);
    }

    public static TheoryData<string, string> DemoAccountData() => DemoAccounts.Theory();

    [Theory]
    [InlineData("officer@demo.local", "wrong-password")]
    [InlineData("nobody@demo.local", "Demo#2026")]
    public async Task WrongCredentialsGetOneMessageThatDoesNotSayWhichWasWrong(string email, string password)
    {
        using var client = app.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AccountService.WrongCredentials, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MissingCredentialsAreABadRequestNamingTheFields()
    {
        using var client = app.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestWithProblemDetails()
    {
        using var client = app.CreateHttpClient();
        using var body = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/auth/token", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AccountLocksAfterFiveFailedAttempts()
    {
        var email = $"lock-{Guid.NewGuid():N}@example.cn";
        using var client = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).StatusCode);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong#Pass1" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Str0ng#Pass" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("locked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RegistrationCreatesAnSmeUserWhoCanSignIn()
    {
        var email = $"new-{Guid.NewGuid():N}@example.cn";
        using var anonymous = app.CreateHttpClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var client = await app.CreateClientForAsync(email, "Str0ng#Pass");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(["Sme"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("supplierId").ValueKind);
    }

    [Theory]
    [InlineData("not-an-email", "Str0ng#Pass", "email")]
    [InlineData("", "Str0ng#Pass", "email")]
    [InlineData("weak@example.cn", "short", "password")]
    [InlineData("weak2@example.cn", "alllowercase1!", "password")]
    public async Task RegistrationRefusesBadInputAndWritesNothing(string email, string password, string field)
    {
        using var client = app.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        var stored = await app.WithDbAsync(db => Task.FromResult(db.Users.Count(u => u.Email == email)));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task RegistrationRefusesAnEmailAlreadyInUse()
    {
        using var client = app.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "officer@demo.local", password = "Str0ng#Pass" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var roles = await app.WithDbAsync(db => Task.FromResult(db.UserRoles.Count(r => db.Users.Any(u => u.Id == r.UserId && u.Email == "officer@demo.local"))));
        Assert.Equal(1, roles);
    }

    [Fact]
    public async Task MeWithoutTokenIsUnauthorizedProblem()
    {
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATamperedTokenIsRefused()
    {
        using var client = await app.CreateClientForAsync("official@demo.local");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SqliteAuthApiTests(SqlitePortalApp app) : AuthApiTests<SqlitePortalApp>(app);

public sealed class PostgresAuthApiTests(PostgresPortalApp app) : AuthApiTests<PostgresPortalApp>(app);
