using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>Matching lots and suppliers through the API; the same tests run on SQLite and PostgreSQL.</summary>
public abstract class LotMatchingApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private Task<Lot> ReservedOpenLotAsync(string titleContains) => app.WithDbAsync(db => db.Lots.AsNoTracking()
        .FirstAsync(l => l.Status == LotStatus.Open && l.ReservedForSmes && l.Title.Contains(titleContains)));

    [Fact]
    public async Task OfficersSeeRankedSuppliersWithEligibilityPerRequirement()
    {
        var lot = await ReservedOpenLotAsync("垃圾分类");
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var matches = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.Id}/matches");

        var items = matches.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var best = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/suppliers/{items[0].GetProperty("supplierId").GetGuid()}");
        Assert.Contains("smart-waste", best.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("<mark>", items[0].GetProperty("snippet").GetString());
        var scores = items.Select(i => i.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        // Explained in words: rank, relevance to the best, and the matched words as the profile writes them.
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Equal(1.0, items[0].GetProperty("relevance").GetDouble());
        Assert.All(items, i => Assert.InRange(i.GetProperty("relevance").GetDouble(), 0, 1));
        var words = items[0].GetProperty("matchedWords").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(words, w => w.Contains("垃圾分类", StringComparison.Ordinal));
        // Not the analyzer's bigrams: 垃圾分类 is one word, not 垃圾 圾分 分类.
        Assert.DoesNotContain("圾分", words);
        Assert.Contains("圾分", items[0].GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()));
        Assert.All(items, i => Assert.Equal(lot.Requirements.Count, i.GetProperty("requirements").GetArrayLength()));
        var large = items.Where(i => i.GetProperty("sizeClass").GetString() == "large").ToList();
        Assert.All(large, i => Assert.False(i.GetProperty("eligible").GetBoolean()));
        Assert.Contains(items, i => i.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task EligibleOnlyKeepsTheSuppliersMeetingEveryRequirement()
    {
        var lot = await ReservedOpenLotAsync("垃圾分类");
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var matches = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.Id}/matches?eligibleOnly=true");

        var items = matches.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.GetProperty("requirements").EnumerateArray().All(r => r.GetProperty("met").GetBoolean())));
    }

    [Fact]
    public async Task AnInvitedSmeIsNotifiedOnceAndSeesTheLotAmongItsLots()
    {
        var lot = await ReservedOpenLotAsync("垃圾分类");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        var supplierId = (await sme.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("supplierId").GetGuid();
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var first = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.Id}/invitations", new { supplierId });
        var second = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.Id}/invitations", new { supplierId });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var notifications = await sme.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Single(notifications.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.Contains(lot.Title));
        var forMe = await sme.GetFromJsonAsync<JsonElement>("/api/v1/lots/for-me");
        var mine = forMe.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("lotId").GetGuid() == lot.Id);
        Assert.True(mine.GetProperty("invited").GetBoolean());
        Assert.True(mine.GetProperty("score").GetSingle() > 0);
    }

    [Fact]
    public async Task ALargeFirmIsToldWhyItCannotBidForAReservedLot()
    {
        var lot = await ReservedOpenLotAsync("垃圾分类");
        using var large = await app.CreateClientForAsync("large@demo.local");

        var forMe = await large.GetFromJsonAsync<JsonElement>("/api/v1/lots/for-me");

        var reserved = forMe.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("lotId").GetGuid() == lot.Id);
        Assert.False(reserved.GetProperty("eligible").GetBoolean());
        Assert.Contains(reserved.GetProperty("requirements").EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "smeOnly" && !r.GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task MatchesAreForOfficersOnly()
    {
        var lot = await ReservedOpenLotAsync("垃圾分类");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var anonymous = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync($"/api/v1/lots/{lot.Id}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/lots/{lot.Id}/matches")).StatusCode);
    }

    [Fact]
    public async Task InvitingToAnUnknownLotOrWithoutASupplierIsAClearError()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var unknown = await officer.PostAsJsonAsync($"/api/v1/lots/{Guid.NewGuid()}/invitations", new { supplierId = Guid.NewGuid() });
        var lot = await ReservedOpenLotAsync("垃圾分类");
        var missing = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.Id}/invitations", new { });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}

public sealed class SqliteLotMatchingApiTests(SqlitePortalApp app) : LotMatchingApiTests<SqlitePortalApp>(app);

public sealed class PostgresLotMatchingApiTests(PostgresPortalApp app) : LotMatchingApiTests<PostgresPortalApp>(app);
