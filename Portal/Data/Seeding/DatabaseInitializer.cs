using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;
using Portal.Features.Effectiveness;
using Portal.Features.Subsidies;
using Portal.Features.Tenders;

namespace Portal.Data.Seeding;

/// <summary>
/// Brings the database up to date at start: applies the provider's migrations, makes sure the five roles exist and,
/// on an empty database with <c>Seed:Demo</c> on, loads <c>seed-data/</c> in one transaction (the past procurements of
/// <c>history.json</c> too, unless <c>Seed:History</c> is off).
/// </summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    IOptions<ProcurementOptions> procurement,
    IOptions<SubsidyOptions> subsidy,
    IOptions<EffectivenessOptions> effectiveness,
    TimeProvider clock,
    Features.OpenData.OcdsImporter importer,
    ILogger<DatabaseInitializer> logger)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static string SeedDirectory => Path.Combine(AppContext.BaseDirectory, "seed-data");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        var backfilled = await CertificationKindBackfill.RunAsync(db, cancellationToken);
        if (backfilled.Suppliers + backfilled.Lots > 0)
        {
            logger.LogInformation("Gave certification kinds to the certifications of {Suppliers} suppliers and the requirements of {Lots} lots.",
                backfilled.Suppliers, backfilled.Lots);
        }
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
        var calendars = await CalendarSeed.RunAsync(db, SeedDirectory, cancellationToken);
        if (calendars.Count > 0)
        {
            logger.LogInformation("Loaded the working-day calendars of {Years} from {Directory}.", string.Join(", ", calendars), SeedDirectory);
        }
        if (!configuration.GetValue("Seed:Demo", true))
        {
            logger.LogInformation("Demo seeding is off (Seed:Demo=false).");
            return;
        }
        if (await db.Suppliers.AnyAsync(cancellationToken) || await db.Tenders.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var content = await ReadSeedFilesAsync(SeedDirectory, configuration.GetValue("Seed:History", true), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SeedAsync(content, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded {Suppliers} suppliers, {Tenders} tenders, {History} past lots and {Accounts} demo accounts from {Directory}.",
            content.Suppliers.Count, content.Tenders.Count, content.History?.Count ?? 0, content.Accounts.Count, SeedDirectory);
        if (configuration.GetValue("Seed:OpenData", true))
        {
            await ImportOpenDataAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A neighbouring district's OCDS packages (<c>seed-data/open-data/</c>) go through the real import, so the demo has
    /// read-only imported tenders and unclaimed supplier profiles that a company can claim (decision 0018).
    /// </summary>
    private async Task ImportOpenDataAsync(CancellationToken cancellationToken)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SeedDirectory, "open-data"), "*.json").Order())
        {
            var report = await importer.ImportAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
            if (report.Problems.Count > 0)
            {
                throw new InvalidOperationException($"Seeding {Path.GetFileName(file)} failed: " +
                    string.Join("; ", report.Problems.Select(p => $"{p.Path}: {p.Message}")));
            }
            logger.LogInformation("Imported {Releases} demo OCDS releases from {File}.", report.Imported, Path.GetFileName(file));
        }
    }

    internal static async Task<SeedFilesContent> ReadSeedFilesAsync(string directory, bool includeHistory, CancellationToken cancellationToken)
    {
        async Task<List<T>> Read<T>(string file)
        {
            await using var stream = File.OpenRead(Path.Combine(directory, file));
            return await JsonSerializer.DeserializeAsync<List<T>>(stream, _json, cancellationToken)
                ?? throw new InvalidOperationException($"{file} is empty.");
        }
        return new SeedFilesContent(
            await Read<Features.Suppliers.SupplierInput>("suppliers.json"),
            await Read<SeedTender>("tenders.json"),
            await Read<SeedAccount>("demo-accounts.json"),
            includeHistory ? await Read<SeedHistoryLot>("history.json") : null);
    }

    private async Task SeedAsync(SeedFilesContent content, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var suppliers = content.Suppliers
            .Select(s => Supplier.Register(s.ToProfile(), ownerUserId: null, SizeThresholdTable.Official, now))
            .ToList();
        db.Suppliers.AddRange(suppliers);

        var accountIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in content.Accounts)
        {
            var user = new PortalUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, CreatedAtUtc = now };
            Check(await users.CreateAsync(user, account.Password), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            accountIds[account.Email] = user.Id;
            if (account.SupplierCreditCode is { } code)
            {
                suppliers.Single(s => s.CreditCode == code).AssignOwner(user.Id);
            }
        }

        foreach (var seed in content.Tenders)
        {
            var tender = Tender.Create(seed.Title, seed.Description, seed.Buyer, seed.BudgetYuan, seed.Category, now);
            foreach (var seedLot in seed.Lots)
            {
                var lot = tender.AddLot(seedLot.ToInput().ToDraft());
                if (seedLot.Evaluators is { Count: > 0 } evaluators)
                {
                    lot.AssignEvaluators(evaluators.Select(e => accountIds[e]));
                }
            }
            if (seed.Publish)
            {
                tender.Publish(now.AddDays(seed.BiddingDays), now, procurement.Value.MinimumBiddingPeriod, procurement.Value.Terms());
            }
            db.Tenders.Add(tender);
        }
        // This year's subsidy programme on the configured terms (later years get theirs when first needed).
        var programme = subsidy.Value.ProgrammeFor(SubsidyProgrammes.YearOf(now));
        if (content.History is { Count: > 0 } history)
        {
            var replay = new ProcurementHistory(
                suppliers.ToDictionary(s => s.CreditCode!),
                [.. content.Accounts.Where(a => a.Role == Roles.Evaluator).Select(a => accountIds[a.Email])],
                content.Accounts.First(a => a.Role == Roles.Official).Email,
                procurement.Value, subsidy.Value, accountIds[content.Accounts.First(a => a.Role == Roles.Officer).Email], effectiveness.Value.Rule, now);
            replay.Replay(history, programme);
            db.Tenders.AddRange(replay.Tenders);
            db.Bids.AddRange(replay.Bids);
            db.EvaluationSheets.AddRange(replay.Sheets);
            db.Contracts.AddRange(replay.Contracts);
            db.SubsidyProgrammes.AddRange(replay.Programmes.Where(p => p != programme));
            db.SubsidyGrants.AddRange(replay.Grants);
            db.DeliveredSystems.AddRange(replay.Systems);
            db.KpiObservations.AddRange(replay.Observations);
            db.MonthlyStatements.AddRange(replay.Statements);
        }
        db.SubsidyProgrammes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        if (content.History is { Count: > 0 })
        {
            // The past awards' rankings and notices, stored as a live award stores them (in the seeding transaction).
            var awarded = await db.Lots.Where(l => l.AwardedBidId != null).Select(l => l.Id).ToListAsync(cancellationToken);
            await Features.Evaluation.EvaluationService.RecordAwardsAsync(db, awarded, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
