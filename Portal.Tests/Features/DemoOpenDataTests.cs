using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// The demo's neighbouring district (<c>seed-data/open-data/</c>) is imported through the real OCDS import on the first
/// start: a read-only tender with its two awarded lots, and three unclaimed profiles that their companies can claim.
/// </summary>
public abstract class DemoOpenDataTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string District = "上海市闵行区政府采购中心（示例数据）";

    [Fact]
    public async Task TheNeighbouringDistrictsTenderAndTenderersAreImportedOnTheFirstStart()
    {
        var tender = await app.WithDbAsync(db => db.Tenders.AsNoTracking().Include(t => t.Lots).SingleAsync(t => t.ImportedFrom == District));
        var profiles = await app.WithDbAsync(db => db.Suppliers.AsNoTracking().Where(s => s.ImportedFrom == District).OrderBy(s => s.CreditCode).ToListAsync());

        Assert.Equal((TenderStatus.Imported, "ocds-mh2026-000-0017"), (tender.Status, tender.Ocid));
        Assert.Equal(2, tender.Lots.Count);
        Assert.Equal(["913100001322063185", "91310112MA1GB4K2N4", "91310112MA1H0P7W3N"], profiles.Select(p => p.CreditCode));
        Assert.Equal([SizeClass.Large, SizeClass.Small, SizeClass.Micro], profiles.Select(p => p.SizeClass));
        Assert.All(profiles, p => Assert.Null(p.OwnerUserId));
    }

    [Fact]
    public async Task ACompanyOfTheNeighbouringDistrictClaimsItsProfile()
    {
        var profile = await app.WithDbAsync(db => db.Suppliers.Where(s => s.CreditCode == "91310112MA1GB4K2N4").Select(s => s.Id).SingleAsync());
        using var anonymous = app.CreateHttpClient();
        var library = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/suppliers?q=%E8%8E%98%E5%BA%84%E6%99%BA%E8%81%94");
        Assert.Contains(library.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == profile);
        const string email = "lighting@xinzhuang.example";
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).EnsureSuccessStatusCode();
        using var company = await app.CreateClientForAsync(email, "Str0ng#Pass");

        var claim = await company.PostAsJsonAsync($"/api/v1/suppliers/{profile}/claims", new { creditCode = "91310112MA1GB4K2N4" });

        Assert.Equal(System.Net.HttpStatusCode.Created, claim.StatusCode);
    }
}

/// <summary>A portal started with the demo's open data (and without the past procurements, which the tests do not need).</summary>
public sealed class SqliteDemoOpenDataApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:OpenData", "true")];
}

public sealed class PostgresDemoOpenDataApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:OpenData", "true")];
}

public sealed class SqliteDemoOpenDataTests(SqliteDemoOpenDataApp app) : DemoOpenDataTests<SqliteDemoOpenDataApp>(app);

public sealed class PostgresDemoOpenDataTests(PostgresDemoOpenDataApp app) : DemoOpenDataTests<PostgresDemoOpenDataApp>(app);
