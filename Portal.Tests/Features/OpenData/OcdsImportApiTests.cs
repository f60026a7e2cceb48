using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.OpenData.OcdsPackages;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features.OpenData;

/// <summary>
/// <c>POST /api/v1/ocds/import</c> on SQLite and PostgreSQL: the standard's fictional examples import as a read-only,
/// searchable tender with unclaimed supplier profiles; importing them again changes nothing; every kind of bad input is
/// refused with its report and nothing written.
/// </summary>
public abstract class OcdsImportApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string ExampleOcid = "ocds-213czf-000-00001";

    private static IEnumerable<string> ExampleFiles => Directory.GetFiles(Path.Combine(Folder, "examples"), "*.json").Order();

    private Task<(int Tenders, int Lots, int Suppliers, int Releases)> CountsAsync() => app.WithDbAsync(async db =>
        (await db.Tenders.CountAsync(), await db.Lots.CountAsync(), await db.Suppliers.CountAsync(), await db.ImportedReleases.CountAsync()));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync("/api/v1/ocds/import", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task TheFictionalExamplesImportCleanlyAndImportingThemAgainChangesNothing()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var before = await CountsAsync();

        foreach (var file in ExampleFiles)
        {
            var report = await OkAsync(await PostAsync(officer, await File.ReadAllTextAsync(file)));
            Assert.Equal((1, 0), ((int)report["imported"]!, (int)report["skipped"]!));
            Assert.Empty(report["problems"]!.AsArray());
        }

        var afterFirst = await CountsAsync();
        Assert.Equal((before.Tenders + 1, before.Lots + 1, before.Suppliers + 2, before.Releases + 6), afterFirst);
        var tender = await app.WithDbAsync(db => db.Tenders.AsNoTracking().Include(t => t.Lots).SingleAsync(t => t.Ocid == ExampleOcid));
        Assert.Equal(TenderStatus.Imported, tender.Status);
        Assert.Equal("Open Data Services Co-operative Limited", tender.ImportedFrom);
        Assert.Equal("London Borough of Barnet", tender.Buyer);
        Assert.Equal(LotStatus.Contracted, Assert.Single(tender.Lots).Status);
        var suppliers = await app.WithDbAsync(db => db.Suppliers.AsNoTracking().Where(s => s.ImportedFrom == "Open Data Services Co-operative Limited").ToListAsync());
        Assert.Equal(["GB-COH-11111111", "GB-COH-22222222"], suppliers.Select(s => s.ImportedPartyId).Order());
        Assert.All(suppliers, s => Assert.Null(s.OwnerUserId));

        foreach (var file in ExampleFiles)
        {
            var report = await OkAsync(await PostAsync(officer, await File.ReadAllTextAsync(file)));
            Assert.Equal((0, 1), ((int)report["imported"]!, (int)report["skipped"]!));
        }
        Assert.Equal(afterFirst, await CountsAsync());
    }

    [Fact]
    public async Task AnImportedTenderIsSearchableButTakesNoBids()
    {
        // The tender example as another process of the same district, so that this test does not import the examples.
        const string ocid = "ocds-213czf-000-00002";
        var package = JsonNode.Parse(await File.ReadAllTextAsync(ExampleFiles.Single(f => f.EndsWith("02-tender.json", StringComparison.Ordinal))))!.AsObject();
        package["releases"]![0]!["ocid"] = ocid;
        using (var admin = await app.CreateClientForAsync("admin@demo.local"))
        {
            await OkAsync(await PostAsync(admin, package.ToJsonString()));
        }
        var lotId = await app.WithDbAsync(db => db.Lots.Where(l => db.Tenders.Any(t => t.Id == l.TenderId && t.Ocid == ocid)).Select(l => l.Id).SingleAsync());
        using var anonymous = app.CreateHttpClient();

        var found = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/lots?q=cycle%20lanes");

        Assert.Contains(found.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetGuid() == lotId);
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, 100_000m, "方案");
        await AssertProblemAsync(bid, HttpStatusCode.Forbidden, "imported from Open Data Services");
    }

    [Fact]
    public async Task TwoIdenticalImportsAtTheSameMomentImportOnceAndTheOtherSkips()
    {
        // The tender example as a process of its own, so that this test does not import the examples.
        const string ocid = "ocds-213czf-000-00003";
        var package = JsonNode.Parse(await File.ReadAllTextAsync(ExampleFiles.Single(f => f.EndsWith("02-tender.json", StringComparison.Ordinal))))!.AsObject();
        package["releases"]![0]!["ocid"] = ocid;
        var body = package.ToJsonString();
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var responses = await Task.WhenAll(PostAsync(admin, body), PostAsync(officer, body));

        var reports = new List<JsonObject>();
        foreach (var response in responses)
        {
            reports.Add(await OkAsync(response));
        }
        Assert.Equal([0, 1], reports.Select(r => (int)r["imported"]!).Order());
        Assert.Equal([0, 1], reports.Select(r => (int)r["skipped"]!).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.Tenders.CountAsync(t => t.Ocid == ocid)));
        Assert.Equal(1, await app.WithDbAsync(db => db.ImportedReleases.CountAsync(r => r.Ocid == ocid)));
    }

    public static TheoryData<string, string, string> BadPackages() => new()
    {
        { "not JSON", "this is a spreadsheet, not JSON", "not valid JSON" },
        { "not OCDS", "{\"suppliers\": [{\"name\": \"某公司\"}]}", "not an OCDS release package" },
        { "schema error", Award(p => p["releases"]![0]!["date"] = "soon"), "date-time" },
        { "duplicate release id", Award(p =>
            {
                var copy = p["releases"]![0]!.DeepClone();
                copy["date"] = "2010-05-11T09:30:00Z";
                p["releases"]!.AsArray().Add(copy);
            }), "appears twice" },
        { "dangling party", Award(p => p["releases"]![0]!["awards"]![0]!["suppliers"]![0]!["id"] = "GB-COH-99999999"), "GB-COH-99999999" },
        { "this portal's own process", Award(p => p["releases"]![0]!["ocid"] = "ocds-smecn1-2f1d5e1a-0000-0000-0000-000000000000"), "process of this portal" },
    };

    /// <summary>The award example, changed by <paramref name="change"/>.</summary>
    private static string Award(Action<JsonObject> change)
    {
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "examples", "ocds-213czf-000-00001-04-award.json")))!.AsObject();
        change(package);
        return package.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task ABadPackageIsRefusedWithItsReportAndNothingIsWritten(string kind, string body, string reported)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var before = await CountsAsync();

        var response = await PostAsync(officer, body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reported);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("problems").GetArrayLength() > 0, kind);
        Assert.Equal(0, problem.GetProperty("imported").GetInt32());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A100MegabytePackageIsRefusedAs413WithTheLimit()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var before = await CountsAsync();
        var huge = new byte[100 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');

        // Expect: 100-continue, as a well-behaved uploader sends it: the portal refuses before the 100 MB travel.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ocds/import") { Content = new ByteArrayContent(huge) { Headers = { ContentType = new("application/json") } } };
        request.Headers.ExpectContinue = true;

        var response = await officer.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "20 MB");
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sme@demo.local", HttpStatusCode.Forbidden)]
    [InlineData("official@demo.local", HttpStatusCode.Forbidden)]
    public async Task OnlyAdministratorsAndOfficersImport(string? email, HttpStatusCode expected)
    {
        using var client = email is null ? app.CreateHttpClient() : await app.CreateClientForAsync(email);

        var response = await PostAsync(client, await File.ReadAllTextAsync(ExampleFiles.First()));

        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class SqliteOcdsImportApiTests(SqlitePortalApp app) : OcdsImportApiTests<SqlitePortalApp>(app);

public sealed class PostgresOcdsImportApiTests(PostgresPortalApp app) : OcdsImportApiTests<PostgresPortalApp>(app);
