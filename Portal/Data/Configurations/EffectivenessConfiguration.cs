using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Contracts;
using Portal.Domain.Effectiveness;

namespace Portal.Data.Configurations;

internal sealed class DeliveredSystemConfiguration : IEntityTypeConfiguration<DeliveredSystem>
{
    public void Configure(EntityTypeBuilder<DeliveredSystem> builder)
    {
        builder.HasKey(s => s.Id);
        // A contract delivers one system: the unique index refuses a second, even from two officers at once.
        builder.HasOne<Contract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.ContractId).IsUnique();
        builder.HasIndex(s => s.SupplierId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.ResponsibleOfficerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Name).HasMaxLength(DeliveredSystem.NameMaxLength);
        builder.OwnsMany(s => s.Targets, t =>
        {
            t.ToTable("KpiTargets");
            t.WithOwner().HasForeignKey("SystemId");
            t.HasKey("SystemId", nameof(KpiTarget.Kpi));
            t.Property(x => x.Kpi).HasConversion<string>().HasMaxLength(30);
        });
        builder.Navigation(s => s.Targets).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class KpiObservationConfiguration : IEntityTypeConfiguration<KpiObservation>
{
    public void Configure(EntityTypeBuilder<KpiObservation> builder)
    {
        builder.HasKey(o => o.Id);
        builder.HasOne<DeliveredSystem>().WithMany().HasForeignKey(o => o.SystemId).OnDelete(DeleteBehavior.Cascade);
        // One value per system, month and KPI: a duplicate period is refused by the index as well as by the service.
        builder.HasIndex(o => new { o.SystemId, o.Period, o.Kpi }).IsUnique();
        builder.Property(o => o.Period).HasMaxLength(7);
        builder.Property(o => o.Kpi).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Source).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.RecordedBy).HasMaxLength(KpiObservation.RecordedByMaxLength);
    }
}

internal sealed class MonthlyStatementConfiguration : IEntityTypeConfiguration<MonthlyStatement>
{
    public void Configure(EntityTypeBuilder<MonthlyStatement> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<DeliveredSystem>().WithMany().HasForeignKey(s => s.SystemId).OnDelete(DeleteBehavior.Cascade);
        // Rated once: a job running twice (or on two nodes) cannot write a second statement for the month.
        builder.HasIndex(s => new { s.SystemId, s.Period }).IsUnique();
        builder.Property(s => s.Period).HasMaxLength(7);
        builder.Property(s => s.IdleReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.IdleDescription).HasMaxLength(MonthlyStatement.IdleDescriptionMaxLength);
        builder.OwnsMany(s => s.Ratings, r =>
        {
            r.ToTable("KpiRatings");
            r.WithOwner().HasForeignKey("StatementId");
            r.HasKey("StatementId", nameof(KpiRating.Kpi));
            r.Property(x => x.Kpi).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Band).HasConversion<string>().HasMaxLength(20);
        });
        builder.Navigation(s => s.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SystemApiKeyConfiguration : IEntityTypeConfiguration<SystemApiKey>
{
    public void Configure(EntityTypeBuilder<SystemApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.HasOne<DeliveredSystem>().WithMany().HasForeignKey(k => k.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.SystemId);
        builder.Property(k => k.Hash).HasMaxLength(SystemApiKey.HashLength);
        builder.Property(k => k.Prefix).HasMaxLength(SystemApiKey.DisplayPrefixLength);
        builder.Property(k => k.IssuedBy).HasMaxLength(256);
    }
}
