using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Features.OpenData;

namespace Portal.Tests.Features.OpenData;

/// <summary>
/// The official OCDS schema copied into the test project (<c>Features/OpenData/Ocds</c>): the 1.1.5 package schema and
/// the release schema with the lots, bids and party scale extensions merged in; and reading the feed's packages.
/// </summary>
internal static class OcdsPackages
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Features", "OpenData", "Ocds");

    private static readonly Lazy<Task<OcdsSchema>> Schema = new(() => OcdsSchema.LoadAsync(
        File.ReadAllText(Path.Combine(Folder, "release-package-schema-1.1.5.json")),
        File.ReadAllText(Path.Combine(Folder, "release-schema-merged.json"))));

    public static Task<OcdsSchema> SchemaAsync() => Schema.Value;

    /// <summary>Asserts that a package has no schema error, listing every error when it has.</summary>
    public static async Task AssertValidAsync(string package)
    {
        var problems = (await Schema.Value).Validate(package);
        Assert.True(problems.Count == 0, "Schema errors:\n" + string.Join("\n", problems.Select(p => $"{p.Path}: {p.Message}")));
    }

    public static async Task<(string Text, JsonObject Package)> GetAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return (text, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A 204 with no body at all: not an empty package, which the schema does not allow.</summary>
    public static async Task AssertNoContentAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }

    /// <summary>Every page of the feed, following <c>links.next</c>; each page is checked against the schema.</summary>
    public static async Task<List<JsonObject>> AllPagesAsync(HttpClient client, string since = "")
    {
        var releases = new List<JsonObject>();
        string? next = "/api/v1/ocds/releases" + since;
        while (next is not null)
        {
            var (text, package) = await GetAsync(client, next);
            await AssertValidAsync(text);
            releases.AddRange(package["releases"]!.AsArray().Select(r => r!.AsObject()));
            next = package["links"]?["next"]?.GetValue<string>();
        }
        return releases;
    }

    public static IEnumerable<string> Tags(JsonObject release) => release["tag"]!.AsArray().Select(t => t!.GetValue<string>());

    public static string Text(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
