using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Data.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Effectiveness;
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
    public DbSet<SupplierClaim> SupplierClaims => Set<SupplierClaim>();
    public DbSet<Tender> Tenders => Set<Tender>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<LotAlert> LotAlerts => Set<LotAlert>();
    public DbSet<EvaluationSheet> EvaluationSheets => Set<EvaluationSheet>();
    public DbSet<Portal.Features.Evaluation.LotAwardRecord> AwardRecords => Set<Portal.Features.Evaluation.LotAwardRecord>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<SubsidyProgramme> SubsidyProgrammes => Set<SubsidyProgramme>();
    public DbSet<SubsidyGrant> SubsidyGrants => Set<SubsidyGrant>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHead => Set<AuditChainHead>();

    /// <summary>The audit entries the last successful save appended (a bid receipt quotes its bid's).</summary>
    public IReadOnlyList<AuditEntry> RecordedAudit { get; internal set; } = [];

    /// <summary>The hash of the entry the last save recorded for this entity (e.g. <c>nameof(Bid)</c> and its id).</summary>
    public string RecordedAuditHashOf(string entityType, Guid id) =>
        RecordedAudit.Last(e => e.EntityType == entityType && e.EntityId == id.ToString()).Hash;

    /// <summary>Every save appends its changes to the audit trail, in the same transaction (<see cref="AuditRecorder"/>).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        AuditRecorder.For(this).SaveAsync(this, base.SaveChangesAsync, acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>The portal saves asynchronously; a synchronous save takes the same audited path.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
    public DbSet<DeliveredSystem> DeliveredSystems => Set<DeliveredSystem>();
    public DbSet<KpiObservation> KpiObservations => Set<KpiObservation>();
    public DbSet<MonthlyStatement> MonthlyStatements => Set<MonthlyStatement>();
    public DbSet<SystemApiKey> SystemApiKeys => Set<SystemApiKey>();
    public DbSet<Portal.Domain.Calendar.WorkingDayCalendar> WorkingDayCalendars => Set<Portal.Domain.Calendar.WorkingDayCalendar>();
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
