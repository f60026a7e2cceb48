using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Suppliers;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Claiming an imported supplier profile on SQLite and PostgreSQL: an SME user claims with the profile's credit code, the
/// administrators are told, one approves (the claimant then maintains the profile) or rejects with a reason the claimant
/// is told; every refused claim or decision writes nothing.
/// </summary>
public abstract class SupplierClaimApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Password = "Str0ng#Pass";

    /// <summary>A freshly registered SME user with no company profile, and its id.</summary>
    private async Task<(HttpClient Client, string UserId, string Email)> NewSmeAsync()
    {
        var email = $"claimant-{Guid.NewGuid():N}@example.com";
        using var anonymous = app.CreateHttpClient();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (await app.CreateClientForAsync(email, Password), id, email);
    }

    /// <summary>
    /// An unclaimed profile imported through <c>POST /api/v1/ocds/import</c>: the standard's tender example as a process of
    /// another district, with a tenderer that has a valid unified social credit code.
    /// </summary>
    private async Task<(Guid Id, string CreditCode)> ImportProfileAsync()
    {
        var code = ClaimFixtures.NewCreditCode();
        var package = ClaimFixtures.PackageWithTenderer(code);
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var response = await officer.PostAsync("/api/v1/ocds/import", new StringContent(package, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var id = await app.WithDbAsync(db => db.Suppliers.Where(s => s.CreditCode == code).Select(s => s.Id).SingleAsync());
        return (id, code);
    }

    private static Task<HttpResponseMessage> ClaimAsync(HttpClient client, Guid supplierId, string? creditCode) =>
        client.PostAsJsonAsync($"/api/v1/suppliers/{supplierId}/claims", new { creditCode });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<int> ClaimCountAsync() => app.WithDbAsync(db => db.SupplierClaims.CountAsync());

    private Task<List<(string Title, string Body, string Link)>> NotificationsAsync(string userId, Guid claimId) => app.WithDbAsync(async db =>
        (await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Key != null && n.Key.EndsWith(claimId.ToString("N"))).ToListAsync())
        .Select(n => (n.Title, n.Body, n.Link)).ToList());

    private Task<string> AdminIdAsync() => app.WithDbAsync(db => db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task AnSmeClaimsAnImportedProfileWithItsCreditCodeAndOnceApprovedMaintainsIt()
    {
        var (profile, code) = await ImportProfileAsync();
        var (sme, smeId, email) = await NewSmeAsync();
        using (sme)
        {
            // The code as people type it: lower case, with spaces around.
            var claim = await JsonAsync(await ClaimAsync(sme, profile, $"  {code.ToLowerInvariant()} "), HttpStatusCode.Created);

            Assert.Equal("pending", claim.GetProperty("status").GetString());
            Assert.Equal(code, claim.GetProperty("creditCode").GetString());
            Assert.Equal(email, claim.GetProperty("claimantEmail").GetString());
            var claimId = claim.GetProperty("id").GetGuid();
            var toAdmin = Assert.Single(await NotificationsAsync(await AdminIdAsync(), claimId));
            Assert.Equal("/admin/claims", toAdmin.Link);
            Assert.Contains(email, toAdmin.Body, StringComparison.Ordinal);

            using var admin = await app.CreateClientForAsync("admin@demo.local");
            var pending = await JsonAsync(await admin.GetAsync("/api/v1/supplier-claims?status=pending"), HttpStatusCode.OK);
            Assert.Contains(pending.EnumerateArray(), c => c.GetProperty("id").GetGuid() == claimId);

            var approved = await JsonAsync(await admin.PostAsync($"/api/v1/supplier-claims/{claimId}/approve", null), HttpStatusCode.OK);

            Assert.Equal("approved", approved.GetProperty("status").GetString());
            Assert.NotNull(approved.GetProperty("decidedAt").GetString());
            Assert.Equal(smeId, await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == profile).Select(s => s.OwnerUserId).SingleAsync()));
            var toClaimant = Assert.Single(await NotificationsAsync(smeId, claimId));
            Assert.Contains("approved", toClaimant.Title, StringComparison.Ordinal);
            Assert.Equal("/supplier/profile", toClaimant.Link);
            var shown = await JsonAsync(await sme.GetAsync($"/api/v1/suppliers/{profile}"), HttpStatusCode.OK);
            Assert.True(shown.GetProperty("claimed").GetBoolean());
            Assert.Equal(ClaimFixtures.District, shown.GetProperty("importedFrom").GetString());

            // The new owner completes the profile like any other.
            var update = await sme.PutAsJsonAsync($"/api/v1/suppliers/{profile}", ClaimFixtures.CompletedProfile(code));
            Assert.True(update.StatusCode == HttpStatusCode.OK, await update.Content.ReadAsStringAsync());
            Assert.Equal(SizeClass.Small, await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == profile).Select(s => s.SizeClass).SingleAsync()));
            Assert.Equal(ClaimStatus.Approved, await app.WithDbAsync(db => db.SupplierClaims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync()));
            // The decision is in the audit trail.
            Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(SupplierClaim) && e.EntityId == claimId.ToString())));
        }

        // The profile is maintained now: nobody can claim it any more.
        var (other, _, _) = await NewSmeAsync();
        using (other)
        {
            await AssertProblemAsync(await ClaimAsync(other, profile, code), HttpStatusCode.Conflict, "already been claimed");
        }
    }

    [Fact]
    public async Task ARejectedClaimantIsToldWhyAndMayClaimAgain()
    {
        var (profile, code) = await ImportProfileAsync();
        var (sme, smeId, _) = await NewSmeAsync();
        using var _1 = sme;
        var claimId = (await JsonAsync(await ClaimAsync(sme, profile, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        await AssertProblemAsync(await admin.PostAsJsonAsync($"/api/v1/supplier-claims/{claimId}/reject", new { reason = "  " }), HttpStatusCode.BadRequest, "reason is required");
        Assert.Empty(await NotificationsAsync(smeId, claimId));
        var rejected = await JsonAsync(await admin.PostAsJsonAsync($"/api/v1/supplier-claims/{claimId}/reject",
            new { reason = "The business licence names another company." }), HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("The business licence names another company.", rejected.GetProperty("rejectionReason").GetString());
        var told = Assert.Single(await NotificationsAsync(smeId, claimId));
        Assert.Contains("The business licence names another company.", told.Body, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == profile).Select(s => s.OwnerUserId).SingleAsync()));
        // Deciding it again is refused, either way.
        await AssertProblemAsync(await admin.PostAsync($"/api/v1/supplier-claims/{claimId}/approve", null), HttpStatusCode.Conflict, "already rejected");

        var again = await ClaimAsync(sme, profile, code);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var mine = await JsonAsync(await sme.GetAsync("/api/v1/supplier-claims"), HttpStatusCode.OK);
        Assert.Equal(["pending", "rejected"], mine.EnumerateArray().Select(c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ClaimsThatBreakTheRulesAreRefusedAndWriteNothing()
    {
        var (profile, code) = await ImportProfileAsync();
        var (sme, _, _) = await NewSmeAsync();
        using var _1 = sme;
        using var owner = await app.CreateClientForAsync("sme@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var anonymous = app.CreateHttpClient();
        var registered = await app.WithDbAsync(db => db.Suppliers.Where(s => s.ImportedFrom == null).Select(s => s.Id).FirstAsync());
        var before = await ClaimCountAsync();

        await AssertProblemAsync(await ClaimAsync(sme, profile, ClaimFixtures.NewCreditCode()), HttpStatusCode.BadRequest, "not this profile");
        await AssertProblemAsync(await ClaimAsync(sme, profile, null), HttpStatusCode.BadRequest, "creditCode");
        await AssertProblemAsync(await ClaimAsync(sme, registered, code), HttpStatusCode.Conflict, "registered on the portal");
        await AssertProblemAsync(await ClaimAsync(sme, Guid.NewGuid(), code), HttpStatusCode.NotFound, "No supplier has this id");
        await AssertProblemAsync(await ClaimAsync(owner, profile, code), HttpStatusCode.Conflict, "already maintain a supplier profile");
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimAsync(officer, profile, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClaimAsync(anonymous, profile, code)).StatusCode);

        Assert.Equal(before, await ClaimCountAsync());
        await AssertProblemAsync(await sme.GetAsync("/api/v1/supplier-claims?status=lost"), HttpStatusCode.BadRequest, "pending, approved or rejected");
    }

    [Fact]
    public async Task ACompanyRegisteringWithTheCodeOfItsImportedProfileIsSentToClaimIt()
    {
        var (_, code) = await ImportProfileAsync();
        var (sme, _, _) = await NewSmeAsync();
        using var _1 = sme;

        var response = await sme.PostAsJsonAsync("/api/v1/suppliers", ClaimFixtures.CompletedProfile(code));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "claim it instead");
        Assert.Equal(1, await app.WithDbAsync(db => db.Suppliers.CountAsync(s => s.CreditCode == code)));
    }

    [Fact]
    public async Task OnlyAdministratorsDecideAndClaimsAreSeenByTheirClaimantOrAnAdministrator()
    {
        var (profile, code) = await ImportProfileAsync();
        var (sme, _, _) = await NewSmeAsync();
        var (stranger, _, _) = await NewSmeAsync();
        using var _1 = sme;
        using var _2 = stranger;
        var claimId = (await JsonAsync(await ClaimAsync(sme, profile, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var official = await app.CreateClientForAsync("official@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await sme.PostAsync($"/api/v1/supplier-claims/{claimId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsJsonAsync($"/api/v1/supplier-claims/{claimId}/reject", new { reason = "no" })).StatusCode);
        await AssertProblemAsync(await admin.PostAsync($"/api/v1/supplier-claims/{Guid.NewGuid()}/approve", null), HttpStatusCode.NotFound, "No claim has this id");
        Assert.Equal(ClaimStatus.Pending, await app.WithDbAsync(db => db.SupplierClaims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await sme.GetAsync($"/api/v1/supplier-claims/{claimId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/supplier-claims/{claimId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/supplier-claims/{claimId}")).StatusCode);
        Assert.Empty((await JsonAsync(await stranger.GetAsync("/api/v1/supplier-claims"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task OfTwoClaimsOnOneProfileAtTheSameMomentOneWaitsAndTheOtherIsRefused()
    {
        var (profile, code) = await ImportProfileAsync();
        var (first, _, _) = await NewSmeAsync();
        var (second, _, _) = await NewSmeAsync();
        using var _1 = first;
        using var _2 = second;

        var responses = await Task.WhenAll(ClaimAsync(first, profile, code), ClaimAsync(second, profile, code));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.SupplierClaims.CountAsync(c => c.SupplierId == profile)));
    }

    [Fact]
    public async Task ApprovingOneClaimRejectsTheClaimantsOtherPendingClaims()
    {
        var (one, oneCode) = await ImportProfileAsync();
        var (two, twoCode) = await ImportProfileAsync();
        var (sme, _, _) = await NewSmeAsync();
        using var _1 = sme;
        var first = (await JsonAsync(await ClaimAsync(sme, one, oneCode), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var second = (await JsonAsync(await ClaimAsync(sme, two, twoCode), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        await JsonAsync(await admin.PostAsync($"/api/v1/supplier-claims/{first}/approve", null), HttpStatusCode.OK);

        var other = await JsonAsync(await admin.GetAsync($"/api/v1/supplier-claims/{second}"), HttpStatusCode.OK);
        Assert.Equal("rejected", other.GetProperty("status").GetString());
        Assert.Contains("one company only", other.GetProperty("rejectionReason").GetString(), StringComparison.Ordinal);
        // The portal's own reason is kept as a phrase, so a Chinese reader gets it in Chinese.
        using var chineseAdmin = await app.CreateClientForAsync("admin@demo.local", language: "zh-CN");
        var inChinese = await JsonAsync(await chineseAdmin.GetAsync($"/api/v1/supplier-claims/{second}"), HttpStatusCode.OK);
        Assert.Contains("一个用户只能维护一家企业", inChinese.GetProperty("rejectionReason").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == two).Select(s => s.OwnerUserId).SingleAsync()));
    }
}

/// <summary>Imported profiles with a credit code, for the claim tests.</summary>
internal static class ClaimFixtures
{
    public const string District = "Minhang District open data (test)";

    /// <summary>A valid unified social credit code nobody else in the test run uses.</summary>
    public static string NewCreditCode() => TestCreditCodes.New("91310112");

    /// <summary>The standard's tender example as a new process of another district, with one tenderer holding <paramref name="creditCode"/>.</summary>
    public static string PackageWithTenderer(string creditCode)
    {
        var file = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Features", "OpenData", "Ocds", "examples"), "*02-tender.json").Single();
        var package = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        package["publisher"] = new JsonObject { ["name"] = District };
        var release = package["releases"]![0]!.AsObject();
        var suffix = creditCode[^6..];
        release["ocid"] = $"ocds-213czf-claim-{suffix}";
        release["id"] = $"ocds-213czf-claim-{suffix}-tender";
        release["parties"]!.AsArray().Add(new JsonObject
        {
            ["id"] = $"CN-USCC-{creditCode}",
            ["name"] = $"闵行智能安防科技有限公司 {suffix}",
            ["roles"] = new JsonArray("tenderer"),
            ["identifier"] = new JsonObject { ["scheme"] = "CN-USCC", ["id"] = creditCode },
            ["address"] = new JsonObject { ["region"] = "上海市闵行区" },
            ["details"] = new JsonObject { ["scale"] = "sme" },
        });
        return package.ToJsonString();
    }

    /// <summary>A complete profile for the company once it maintains its imported profile: a small firm.</summary>
    public static object CompletedProfile(string creditCode) => new
    {
        name = "闵行智能安防科技有限公司",
        nameEn = "Minhang Smart Security Technology Co., Ltd.",
        creditCode,
        industry = "software_it_services",
        employees = 40,
        revenueYuan = 8_000_000m,
        assetsYuan = 5_000_000m,
        region = "上海市闵行区",
        capabilities = "视频结构化分析、边缘计算网关与社区安防平台的集成运维。",
        categories = new[] { "smart-waste" },
        certifications = Array.Empty<object>(),
        pastProjects = Array.Empty<object>(),
    };
}

public sealed class SqliteSupplierClaimApiTests(SqlitePortalApp app) : SupplierClaimApiTests<SqlitePortalApp>(app);

public sealed class PostgresSupplierClaimApiTests(PostgresPortalApp app) : SupplierClaimApiTests<PostgresPortalApp>(app);
