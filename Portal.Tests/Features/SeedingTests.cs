using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Seeding;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>The demo data loaded on first start; the same tests run on SQLite and PostgreSQL.</summary>
public abstract class SeedingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnEmptyDatabaseGetsTheDemoData()
    {
        var (suppliers, large, tenders, reservedLots, openLots) = await app.WithDbAsync(async db => (
            await db.Suppliers.CountAsync(),
            await db.Suppliers.CountAsync(s => s.SizeClass == SizeClass.Large),
            await db.Tenders.CountAsync(),
            await db.Lots.CountAsync(l => l.ReservedForSmes),
            await db.Lots.CountAsync(l => l.Status == LotStatus.Open)));
        Assert.True(suppliers >= 60, $"{suppliers} suppliers");
        Assert.InRange(large, 3, 5);
        Assert.Equal(3, tenders);
        Assert.True(reservedLots >= 1);
        Assert.True(openLots >= 1);
    }

    [Fact]
    public async Task TheDemoDataHasThisYearsSubsidyProgrammeOnTheDefaultTerms()
    {
        var year = Portal.Features.Subsidies.SubsidyProgrammes.YearOf(app.Clock.GetUtcNow().UtcDateTime);

        var programme = await app.WithDbAsync(db => db.SubsidyProgrammes.AsNoTracking().SingleAsync(p => p.Year == year));

        Assert.Equal((0.10m, 50_000_000m), (programme.Rate, programme.AnnualBudgetYuan));
    }

    [Theory]
    [InlineData("sme@demo.local", SizeClass.Small)]
    [InlineData("large@demo.local", SizeClass.Large)]
    public async Task DemoSmeAccountsOwnTheirCompanies(string email, SizeClass expected)
    {
        var size = await app.WithDbAsync(db => db.Suppliers
            .Where(s => db.Users.Any(u => u.Id == s.OwnerUserId && u.Email == email))
            .Select(s => s.SizeClass)
            .SingleAsync());
        Assert.Equal(expected, size);
    }

    [Fact]
    public async Task SeedingTwiceAddsNothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Suppliers.CountAsync(), await db.Tenders.CountAsync(), await db.Users.CountAsync()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }

        var after = await app.WithDbAsync(async db => (await db.Suppliers.CountAsync(), await db.Tenders.CountAsync(), await db.Users.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task TheHomePageShowsTheCountsFromTheDatabase()
    {
        var suppliers = await app.WithDbAsync(db => db.Suppliers.CountAsync());
        using var client = app.CreateHttpClient();
        var html = await client.GetStringAsync("/");
        Assert.Contains($">{suppliers}<", html);
    }
}

public sealed class SqliteSeedingTests(SqlitePortalApp app) : SeedingTests<SqlitePortalApp>(app);

public sealed class PostgresSeedingTests(PostgresPortalApp app) : SeedingTests<PostgresPortalApp>(app);
