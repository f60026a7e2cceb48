using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.AwardedLots;
using static Portal.Tests.Features.OpenData.OcdsPackages;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features.OpenData;

/// <summary>
/// The OCDS feed of the seeded portal after a full procurement cycle (published, amended, closed, awarded, contracted),
/// validated against the official schema on SQLite and PostgreSQL; sealed bids never in it before the deadline; paging.
/// </summary>
public abstract class OcdsFeedTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheFeedAfterAFullCycleValidatesAgainstTheOcdsSchemaWithZeroErrors()
    {
        // A second tender with a reserved lot and an amendment notice, still open for bids.
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            var openTender = await CreateTenderAsync(officer);
            await AddLotAsync(officer, openTender, reservedForSmes: true);
            var deadline = app.Clock.GetUtcNow().AddDays(30);
            await PublishAsync(officer, openTender, deadline);
            var amended = await officer.PostAsJsonAsync($"/api/v1/tenders/{openTender}/amendments", new { notice = "澄清：设备须支持离线比对。", deadline = deadline.AddDays(5) });
            Assert.Equal(HttpStatusCode.Created, amended.StatusCode);
        }
        var lot = await ArrangeAsync(app);
        await RecordContractAsync(app, lot, 800_000m);
        using var anonymous = app.CreateHttpClient();

        var releases = await AllPagesAsync(anonymous);

        var (bulkText, bulk) = await GetAsync(anonymous, "/api/v1/ocds/releases/all");
        await AssertValidAsync(bulkText);
        Assert.Equal(releases.Select(r => (string)r["id"]!).Order(), bulk["releases"]!.AsArray().Select(r => (string)r!["id"]!).Order());
        Assert.Equal(releases.Count, releases.Select(r => (string)r["id"]!).Distinct().Count());
        var tags = releases.SelectMany(Tags).ToHashSet();
        Assert.Superset(new HashSet<string> { "tender", "tenderAmendment", "tenderUpdate", "award", "contract" }, tags);

        var tenderId = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.TenderId).SingleAsync());
        var ocid = $"ocds-smecn1-{tenderId:D}";
        var cycle = releases.Where(r => (string)r["ocid"]! == ocid).ToList();
        Assert.Equal(["tender", "tenderUpdate", "award", "contract"], cycle.Select(r => Tags(r).Single()));
        var contracted = cycle[^1];
        var creditCode = await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == lot.SupplierId).Select(s => s.CreditCode).SingleAsync());
        var supplier = Assert.Single(contracted["parties"]!.AsArray(), p => (string)p!["id"]! == $"CN-USCC-{creditCode}")!;
        Assert.Equal("small", (string)supplier["details"]!["scale"]!);
        Assert.Contains("supplier", supplier["roles"]!.AsArray().Select(r => (string)r!));
        var detail = Assert.Single(contracted["bids"]!["details"]!.AsArray())!;
        Assert.Equal(lot.PriceYuan, (decimal)detail["value"]!["amount"]!);
        Assert.Equal(1, (int)contracted["bids"]!["statistics"]!.AsArray().Single(s => (string)s!["measure"]! == "smallBids")!["value"]!);
        Assert.Equal("active", (string)contracted["awards"]![0]!["status"]!);
        Assert.Equal(800_000m, (decimal)contracted["contracts"]![0]!["value"]!["amount"]!);

        var amendment = Assert.Single(releases, r => Tags(r).Contains("tenderAmendment"));
        var reservedLot = amendment["tender"]!["lots"]![0]!;
        Assert.True((bool)reservedLot["suitability"]!["sme"]!);
        Assert.Single(amendment["tender"]!["amendments"]!.AsArray());
    }

    [Fact]
    public async Task SealedBidContentNeverAppearsBeforeTheDeadlineAndBidDetailsOnlyAfterTheAward()
    {
        const decimal price = 876_543.21m;
        Guid tenderId;
        Guid lotId;
        DateTimeOffset deadline;
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        using (var sme = await app.CreateClientForAsync("sme@demo.local"))
        {
            tenderId = await CreateTenderAsync(officer);
            lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
            deadline = app.Clock.GetUtcNow().AddDays(14);
            await PublishAsync(officer, tenderId, deadline);
            var (bid, _) = await SealedBids.SubmitAsync(sme, lotId, price, "封存的技术方案文本");
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        }
        var bidder = await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == lotId).Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { s.Name, s.CreditCode }).SingleAsync());
        using var anonymous = app.CreateHttpClient();
        string Ours(List<JsonObject> releases) => string.Join("\n", releases.Where(r => ((string)r["ocid"]!).EndsWith(tenderId.ToString("D"), StringComparison.Ordinal)).Select(r => Text(r)));

        var before = Ours(await AllPagesAsync(anonymous));
        Assert.Contains("\"tender\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bids\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("876543.21", before, StringComparison.Ordinal);
        Assert.DoesNotContain(bidder.CreditCode!, before, StringComparison.Ordinal);
        Assert.DoesNotContain(bidder.Name, before, StringComparison.Ordinal);
        Assert.DoesNotContain("封存的技术方案文本", before, StringComparison.Ordinal);

        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var afterDeadline = Ours(await AllPagesAsync(anonymous));
        Assert.Contains("\"statistics\"", afterDeadline, StringComparison.Ordinal);
        Assert.DoesNotContain("\"details\"", afterDeadline, StringComparison.Ordinal);
        Assert.DoesNotContain("876543.21", afterDeadline, StringComparison.Ordinal);
        Assert.DoesNotContain(bidder.CreditCode!, afterDeadline, StringComparison.Ordinal);
        Assert.DoesNotContain("封存的技术方案文本", afterDeadline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?page=100000", "page")]
    [InlineData("?since=yesterday", "since")]
    public async Task PagingParametersOutOfRangeAre400NamingTheField(string query, string field)
    {
        using var anonymous = app.CreateHttpClient();

        var response = await anonymous.GetAsync("/api/v1/ocds/releases" + query);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task SinceKeepsOnlyReleasesDatedFromThatInstant()
    {
        using var anonymous = app.CreateHttpClient();
        var all = await AllPagesAsync(anonymous);
        Assert.NotEmpty(all);
        var latest = all.Select(r => DateTime.Parse((string)r["date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).Max();

        var since = await AllPagesAsync(anonymous, $"?since={latest:yyyy-MM-ddTHH:mm:ssZ}");

        Assert.NotEmpty(since);
        Assert.All(since, r => Assert.True(DateTime.Parse((string)r["date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal) >= latest));
    }

    /// <summary>A package must hold at least one release: a poll that finds nothing new is told so without one.</summary>
    [Fact]
    public async Task APollSinceAnInstantWithNothingNewerIsNoContentAndItsSecondPageA400()
    {
        using var anonymous = app.CreateHttpClient();
        var latest = (await AllPagesAsync(anonymous)).Select(r => DateTime.Parse((string)r["date"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).Max();
        var future = $"?since={latest.AddSeconds(1):yyyy-MM-ddTHH:mm:ssZ}";

        var nothingNewer = await anonymous.GetAsync("/api/v1/ocds/releases" + future);
        var secondPage = await anonymous.GetAsync("/api/v1/ocds/releases" + future + "&page=2");

        await AssertNoContentAsync(nothingNewer);
        await AssertProblemAsync(secondPage, HttpStatusCode.BadRequest, "no releases since that date");
    }
}

public sealed class SqliteOcdsFeedTests(SqlitePortalApp app) : OcdsFeedTests<SqlitePortalApp>(app);

public sealed class PostgresOcdsFeedTests(PostgresPortalApp app) : OcdsFeedTests<PostgresPortalApp>(app);

/// <summary>
/// A portal without demo data has published nothing: both the paged feed and the bulk download answer 204 No Content
/// (a release package needs at least one release) until its first publication, then a package that validates.
/// </summary>
public abstract class OcdsEmptyFeedTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task APortalWithoutReleasesAnswersNoContentUntilItsFirstPublication()
    {
        using var anonymous = app.CreateHttpClient();

        await AssertNoContentAsync(await anonymous.GetAsync("/api/v1/ocds/releases"));
        await AssertNoContentAsync(await anonymous.GetAsync("/api/v1/ocds/releases/all"));
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/ocds/releases?page=2"), HttpStatusCode.BadRequest, "no releases");

        using var officer = await OfficerAsync();
        var tenderId = await CreateTenderAsync(officer);
        await AddLotAsync(officer, tenderId);
        await PublishAsync(officer, tenderId, app.Clock.GetUtcNow().AddDays(20));

        var release = Assert.Single(await AllPagesAsync(anonymous));
        Assert.Equal(["tender"], Tags(release));
        var (bulkText, bulk) = await GetAsync(anonymous, "/api/v1/ocds/releases/all");
        await AssertValidAsync(bulkText);
        Assert.Equal((string)release["id"]!, (string)Assert.Single(bulk["releases"]!.AsArray())!["id"]!);
    }

    /// <summary>A new account made an officer: the portal has no demo accounts.</summary>
    private async Task<HttpClient> OfficerAsync()
    {
        const string email = "first-officer@example.com", password = "Secret#2026";
        using (var anonymous = app.CreateHttpClient())
        {
            var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var added = await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, Roles.Officer);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        }
        return await app.CreateClientForAsync(email, password);
    }
}

public sealed class SqliteOcdsEmptyFeedTests(SqliteEmptyPortalApp app) : OcdsEmptyFeedTests<SqliteEmptyPortalApp>(app);

public sealed class PostgresOcdsEmptyFeedTests(PostgresEmptyPortalApp app) : OcdsEmptyFeedTests<PostgresEmptyPortalApp>(app);

/// <summary>A portal started without the demo data (<c>Seed:Demo=false</c>), as in production.</summary>
public abstract class EmptyPortalApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:Demo", "false")];
}

public sealed class SqliteEmptyPortalApp() : EmptyPortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresEmptyPortalApp() : EmptyPortalApp(DatabaseProvider.Postgres);
