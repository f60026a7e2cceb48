using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// The OpenAPI document at /openapi/v1.json describes every route the app maps under /api/v1 (the routes are read from
/// the app itself, so a new one cannot be forgotten), with the security its authorisation asks for; /api/docs serves
/// the Scalar reference with its script from the app, not a CDN.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    private static readonly string[] _methods = ["get", "post", "put", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateHttpClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    /// <summary>Every (METHOD, path) the app maps under /api/v1, with whether it lets anonymous callers in.</summary>
    private IReadOnlyDictionary<(string Method, string Path), bool> MappedRoutes()
    {
        var routes = new Dictionary<(string, string), bool>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (!raw.StartsWith("/api/v1", StringComparison.Ordinal))
            {
                continue;
            }
            var path = Constraint().Replace(raw, "{$1}").TrimEnd('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes[(method.ToLowerInvariant(), path)] = anonymous;
            }
        }
        return routes;
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => _methods.Contains(op.Name)).Select(op => (op.Name, path.Name, op.Value)));

    [Fact]
    public async Task TheDocumentListsEveryRouteMappedUnderApiV1AndNothingElse()
    {
        var document = await DocumentAsync();
        var mapped = MappedRoutes();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.True(mapped.Count >= 40, $"only {mapped.Count} routes found");
        var described = Operations(document).Select(o => (o.Method, o.Path)).ToHashSet();
        var undocumented = mapped.Keys.Where(route => !described.Contains(route)).ToList();
        var unknown = described.Where(route => route.Path.StartsWith("/api/v1", StringComparison.Ordinal) && !mapped.ContainsKey(route)).ToList();
        Assert.True(undocumented.Count == 0, "not in the document: " + string.Join(", ", undocumented));
        Assert.True(unknown.Count == 0, "not mapped: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task EachOperationAsksForTheBearerTokenExactlyWhenItsRouteRequiresSignIn()
    {
        var document = await DocumentAsync();
        var mapped = MappedRoutes();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        foreach (var (method, path, operation) in Operations(document))
        {
            var bearer = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
            Assert.True(mapped[(method, path)] != bearer, $"{method.ToUpperInvariant()} {path}: security {(bearer ? "present" : "missing")}");
        }
        var audit = document.GetProperty("paths").GetProperty("/api/v1/audit/verify").GetProperty("get");
        Assert.Contains("Admin", audit.GetProperty("description").GetString());
        Assert.True(audit.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public async Task EachOperationHasATagAndEveryAuditOperationAJsonResponseSchema()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{method} {path} has no tag");
        }
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/v1/audit", StringComparison.Ordinal)))
        {
            var ok = operation.GetProperty("responses").GetProperty("200");
            Assert.True(ok.GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _),
                $"{method} {path} has no response schema");
        }
    }

    [Fact]
    public async Task TheBidReceiptSchemaKeepsItsFieldsAndAddsTheAuditHash()
    {
        var document = await DocumentAsync();
        var submit = document.GetProperty("paths").GetProperty("/api/v1/lots/{id}/bids").GetProperty("post");

        var reference = submit.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString()!;
        var receipt = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]).GetProperty("properties");

        Assert.All(["bidId", "submittedAt", "sha256", "auditHash"], field => Assert.True(receipt.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task ApiDocsServesTheScalarReferenceWithItsScriptFromTheAppNotACdn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { BaseAddress = app.BaseAddress };

        var page = await client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/api/docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<div id=\"app\"></div>", html);
        Assert.Contains("openapi/v1.json", html);
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "the Scalar bundle is served by the app");
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
