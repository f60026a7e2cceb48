using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
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

    /// <summary>How a mapped route lets callers in: anonymous to the framework or not, and whether it checks an <c>X-Api-Key</c> itself.</summary>
    private sealed record Access(bool Anonymous, ApiKeyChecked? KeyChecked);

    /// <summary>Every (METHOD, path) the app maps under /api/v1, with how it lets callers in.</summary>
    private IReadOnlyDictionary<(string Method, string Path), Access> MappedRoutes()
    {
        var routes = new Dictionary<(string, string), Access>();
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
                routes[(method.ToLowerInvariant(), path)] = new Access(anonymous, endpoint.Metadata.GetMetadata<ApiKeyChecked>());
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

    /// <summary>
    /// A route that checks a delivered system's key itself is anonymous to the framework, yet asks for the key (and a
    /// bearer token when it also lets in a role); every other route asks for the token exactly when it requires sign-in.
    /// </summary>
    [Fact]
    public async Task EachOperationAsksForTheBearerTokenOrTheApiKeyExactlyWhenItsRouteRequiresThem()
    {
        var document = await DocumentAsync();
        var mapped = MappedRoutes();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        foreach (var (method, path, operation) in Operations(document))
        {
            var (anonymous, keyChecked) = mapped[(method, path)];
            var name = $"{method.ToUpperInvariant()} {path}";
            var bearer = Requires(operation, "Bearer");
            var apiKey = Requires(operation, "ApiKey");
            Assert.True(bearer == (keyChecked is null ? !anonymous : keyChecked.OrRoles.Count > 0), $"{name}: bearer token {(bearer ? "asked for" : "not asked for")}");
            Assert.True(apiKey == keyChecked is not null, $"{name}: API key {(apiKey ? "asked for" : "not asked for")}");
        }
        var audit = document.GetProperty("paths").GetProperty("/api/v1/audit/verify").GetProperty("get");
        Assert.Contains("Admin", audit.GetProperty("description").GetString());
        Assert.True(audit.GetProperty("responses").TryGetProperty("403", out _));
    }

    /// <summary>A delivered system posts its KPIs with its key and no user; an officer may post them with a token.</summary>
    [Fact]
    public async Task PostingAnObservationAsksForTheSystemsApiKeyOrAnOfficersToken()
    {
        var document = await DocumentAsync();

        var operation = document.GetProperty("paths").GetProperty("/api/v1/systems/{id}/observations").GetProperty("post");

        var alternatives = operation.GetProperty("security").EnumerateArray().Select(r => string.Join("+", r.EnumerateObject().Select(s => s.Name))).ToList();
        Assert.Equal(["ApiKey", "Bearer"], alternatives);
        Assert.Contains("X-Api-Key", operation.GetProperty("description").GetString());
        Assert.Contains("Officer", operation.GetProperty("description").GetString());
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public async Task EachOperationHasATagAndASummary()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{method} {path} has no tag");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{method} {path} has no summary");
        }
    }

    /// <summary>
    /// A route that answers an anonymous object or an untyped <c>IResult</c> shows as a bare 200: this fails until the route
    /// declares what it answers (<c>Ok&lt;T&gt;</c>, <c>Created&lt;T&gt;</c>, <c>.Produces&lt;T&gt;()</c>, <c>.ProducesFile(...)</c>).
    /// </summary>
    [Fact]
    public async Task EachOperationDeclaresASuccessResponseWithItsSchema()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(successes.Count > 0, $"{name} declares no 2xx response");
            foreach (var success in successes.Where(r => r.Name != "204"))
            {
                Assert.True(success.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(),
                    $"{name} answers {success.Name} without saying what (no content)");
                foreach (var media in content.EnumerateObject())
                {
                    Assert.True(media.Value.TryGetProperty("schema", out var schema), $"{name} {success.Name} {media.Name} has no schema");
                    if (media.Name.Contains("json", StringComparison.Ordinal))
                    {
                        Assert.True(Describes(schema), $"{name} {success.Name} {media.Name}: the schema has no $ref, properties or items");
                    }
                }
            }
        }
    }

    [Fact]
    public async Task EachJsonRequestBodyHasASchema()
    {
        var document = await DocumentAsync();

        var bodies = 0;
        foreach (var (method, path, operation) in Operations(document))
        {
            if (!operation.TryGetProperty("requestBody", out var body))
            {
                continue;
            }
            foreach (var media in body.GetProperty("content").EnumerateObject())
            {
                bodies++;
                Assert.True(media.Value.TryGetProperty("schema", out var schema), $"{method.ToUpperInvariant()} {path} takes {media.Name} without a schema");
                Assert.True(!media.Name.Contains("json", StringComparison.Ordinal) || Describes(schema),
                    $"{method.ToUpperInvariant()} {path} takes {media.Name}: the schema has no $ref, properties or items");
            }
        }
        Assert.True(bodies >= 20, $"only {bodies} request bodies described");
    }

    /// <summary>The JSON field names are a public contract: the document names the same fields the DTOs answer.</summary>
    [Theory]
    [InlineData("post", "/api/v1/lots/{id}/bids", "201", "bidId,submittedAt,sha256,version,replaced,auditHash,droppedAttachments")]
    [InlineData("post", "/api/v1/lots/{id}/bids", "200", "bidId,submittedAt,sha256,version,replaced,auditHash,droppedAttachments")]
    [InlineData("post", "/api/v1/lots/{id}/bids/mine/unseal", "200", "bidId,status,priceYuan,proposal,openedAt,attachments,reasonCode,reason")]
    [InlineData("get", "/api/v1/lots/{id}/opening", "200", "lotId,tenderId,tenderTitle,buyer,lotNumber,lotTitle,lotStatus,deadline,openedAt,windowEndsAt,closedAt,bids")]
    [InlineData("delete", "/api/v1/lots/{id}/bids/mine", "200", "bidId,withdrawnAt")]
    [InlineData("get", "/api/v1/lots/{id}/bids", "200", "items")]
    [InlineData("post", "/api/v1/tenders", "201", "id")]
    [InlineData("post", "/api/v1/tenders/{id}/lots", "201", "id,warnings")]
    [InlineData("post", "/api/v1/tenders/{id}/publish", "200", "id,deadline,lots")]
    [InlineData("post", "/api/v1/tenders/{id}/amendments", "201", "number,notice,publishedAt,previousDeadline,newDeadline,deadline")]
    [InlineData("post", "/api/v1/lots/{id}/invitations", "200", "message")]
    [InlineData("get", "/api/v1/lots/for-me", "200", "items")]
    [InlineData("post", "/api/v1/lots/{id}/contract", "201", "id,lotId,bidId,supplierId,valueYuan,startsOn,endsOn,recordedAt,grant")]
    [InlineData("get", "/api/v1/lots/{id}/evaluators", "200", "items")]
    [InlineData("get", "/api/v1/notifications", "200", "items")]
    [InlineData("get", "/api/v1/alerts", "200", "items")]
    [InlineData("get", "/api/v1/subsidies", "200", "items,totals,programmes")]
    [InlineData("get", "/api/v1/suppliers", "200", "total,items,facets,nothingToSearchFor,message")]
    [InlineData("post", "/api/v1/auth/token", "200", "accessToken,expiresAt,roles")]
    [InlineData("get", "/api/v1/me", "200", "email,roles,supplierId")]
    [InlineData("post", "/api/v1/systems/observations.csv", "200", "imported")]
    [InlineData("post", "/api/v1/systems/rate", "200", "rated,idle,statements")]
    [InlineData("post", "/api/v1/systems/{id}/api-key", "201", "key,prefix,issuedAt")]
    [InlineData("post", "/api/v1/ocds/import", "200", "imported,skipped,problems")]
    [InlineData("get", "/api/v1/ocds/releases", "200", "uri,version,extensions,publishedDate,publisher,license,publicationPolicy,releases,links")]
    public async Task TheResponseSchemaNamesTheFieldsTheRouteAnswers(string method, string path, string status, string fields)
    {
        var document = await DocumentAsync();

        var properties = ResponseProperties(document, method, path, status);

        Assert.Equal(fields.Split(',').Order(StringComparer.Ordinal), properties.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSubsidyLedgerItemsNameTheirFields()
    {
        var document = await DocumentAsync();

        var items = ResponseProperties(document, "get", "/api/v1/subsidies", "200").Single(p => p.Name == "items").Value;
        var item = Resolve(document, items.GetProperty("items")).GetProperty("properties");

        Assert.All(["id", "supplierId", "lotId", "contractValueYuan", "amountYuan", "state"], field => Assert.True(item.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task TheReportsOperationNamesEveryReportKind()
    {
        var document = await DocumentAsync();

        var operation = document.GetProperty("paths").GetProperty("/api/v1/reports/{kind}").GetProperty("get");
        var text = operation.GetProperty("summary").GetString() + " " + operation.GetProperty("description").GetString();

        Assert.All(Portal.Features.Reports.ReportService.Kinds, kind => Assert.Contains(kind, text));
        Assert.True(operation.GetProperty("responses").TryGetProperty("409", out _), "the opening record answers 409 before the opening");
    }

    [Theory]
    [InlineData("/api/v1/reports/{kind}", "application/pdf")]
    [InlineData("/api/v1/lots/{id}/bids/{bidId}/attachments/{attachmentId}", "application/pdf")]
    [InlineData("/api/v1/subsidies.csv", "text/csv")]
    [InlineData("/api/v1/subsidies", "text/csv")]
    public async Task FilesAreDescribedAsBinaryOfTheirContentType(string path, string contentType)
    {
        var document = await DocumentAsync();

        var schema = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty(contentType).GetProperty("schema");

        Assert.Equal("binary", schema.GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("/api/v1/lots", "q,reservedForSmes,status,category,minValueYuan,maxValueYuan,closingWithinDays,page,pageSize")]
    [InlineData("/api/v1/suppliers", "q,sizeClass,certification,region,category,minProjectValueYuan,withinYears,page,pageSize,sort")]
    [InlineData("/api/v1/ocds/releases", "since,page")]
    public async Task QueryParametersReadFromTheRawQueryStringAreListed(string path, string names)
    {
        var document = await DocumentAsync();

        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString());

        Assert.Equal(names.Split(','), parameters);
    }

    /// <summary>A release package holds at least one release, so the feed answers 204 when it has none to send (decision 0012).</summary>
    [Theory]
    [InlineData("/api/v1/ocds/releases")]
    [InlineData("/api/v1/ocds/releases/all")]
    public async Task TheOcdsFeedDeclaresNoContentForWhenNoReleaseIsSelected(string path)
    {
        var document = await DocumentAsync();

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty("get");

        Assert.True(operation.GetProperty("responses").TryGetProperty("204", out _), $"{path} declares no 204");
        Assert.Contains("204 No Content", operation.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task StreamedBodiesAreDescribed()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var csv = paths.GetProperty("/api/v1/systems/observations.csv").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("text/csv");
        var package = paths.GetProperty("/api/v1/ocds/import").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");

        Assert.Equal("binary", csv.GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal("array", package.GetProperty("schema").GetProperty("properties").GetProperty("releases").GetProperty("type").GetString());
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

    /// <summary>A schema that says something: a reference, an object with properties, an array of items, or a choice of such (nullable bodies are <c>oneOf [null, $ref]</c>).</summary>
    private static bool Describes(JsonElement schema) =>
        schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("properties", out _) || schema.TryGetProperty("items", out _)
        || new[] { "oneOf", "anyOf", "allOf" }.Any(k => schema.TryGetProperty(k, out var choices) && choices.EnumerateArray().Any(Describes));

    /// <summary>Whether one of the operation's security alternatives names this scheme.</summary>
    private static bool Requires(JsonElement operation, string scheme) =>
        operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.TryGetProperty(scheme, out _));

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static List<JsonProperty> ResponseProperties(JsonElement document, string method, string path, string status)
    {
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return Resolve(document, schema).GetProperty("properties").EnumerateObject().ToList();
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
