using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Audit;
using Portal.Domain.Audit;

namespace Portal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Numbers are given by the chain, never by the database: a gap must mean a deleted row.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength);
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.ActorName);
        builder.HasIndex(e => e.RecordedAtUtc);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
        // The empty chain: the first entry follows sequence 0 and the genesis hash.
        builder.HasData(new { Id = AuditChainHead.SingletonId, Sequence = 0L, Hash = AuditEntry.GenesisHash });
    }
}
