using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Evaluation;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Alerts;
using Portal.Features.Notifications;

namespace Portal.Data;

/// <summary>
/// The one model of the portal. Each database provider has a subclass of its own
/// (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>) only so that each keeps its own
/// migrations folder; feature code always asks for <see cref="PortalDbContext"/>.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<Tender> Tenders => Set<Tender>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<LotAlert> LotAlerts => Set<LotAlert>();
    public DbSet<EvaluationSheet> EvaluationSheets => Set<EvaluationSheet>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<SubsidyProgramme> SubsidyProgrammes => Set<SubsidyProgramme>();
    public DbSet<SubsidyGrant> SubsidyGrants => Set<SubsidyGrant>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Portal.Features.OpenData.ImportedRelease> ImportedReleases => Set<Portal.Features.OpenData.ImportedRelease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite forgets the kind, so it is restored on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
