using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Contracts;
using Portal.Domain.Evaluation;
using Portal.Domain.Subsidies;
using Portal.Domain.Tenders;

namespace Portal.Data.Configurations;

internal sealed class EvaluationSheetConfiguration : IEntityTypeConfiguration<EvaluationSheet>
{
    public void Configure(EntityTypeBuilder<EvaluationSheet> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.EvaluatorUserId).OnDelete(DeleteBehavior.Restrict);
        // One sheet per evaluator and lot: a second declaration is refused by the index as well as by the service.
        builder.HasIndex(s => new { s.LotId, s.EvaluatorUserId }).IsUnique();
        builder.Property(s => s.ConflictNote).HasMaxLength(EvaluationSheet.NoteMaxLength);
        builder.OwnsMany(s => s.Marks, m =>
        {
            m.ToTable("EvaluationMarks");
            m.WithOwner().HasForeignKey("SheetId");
            m.HasKey("SheetId", nameof(BidMark.BidId), nameof(BidMark.Criterion));
            m.Property(x => x.Criterion).HasMaxLength(AwardCriterion.NameMaxLength);
            m.Property(x => x.Comment).HasMaxLength(EvaluationSheet.CommentMaxLength);
        });
        builder.Navigation(s => s.Marks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Lot>().WithMany().HasForeignKey(c => c.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.LotId).IsUnique();
        builder.HasIndex(c => c.SupplierId);
    }
}

internal sealed class SubsidyProgrammeConfiguration : IEntityTypeConfiguration<SubsidyProgramme>
{
    public void Configure(EntityTypeBuilder<SubsidyProgramme> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(SubsidyProgramme.NameMaxLength);
        builder.Property(p => p.Rate).HasPrecision(5, 4);
        builder.HasIndex(p => p.Year).IsUnique();
    }
}

internal sealed class SubsidyGrantConfiguration : IEntityTypeConfiguration<SubsidyGrant>
{
    public void Configure(EntityTypeBuilder<SubsidyGrant> builder)
    {
        builder.HasKey(g => g.Id);
        builder.HasOne<SubsidyProgramme>().WithMany().HasForeignKey(g => g.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contract>().WithMany().HasForeignKey(g => g.ContractId).OnDelete(DeleteBehavior.Restrict);
        // A contract gets at most one grant, ever.
        builder.HasIndex(g => g.ContractId).IsUnique();
        builder.HasIndex(g => new { g.ProgrammeId, g.State });
        builder.HasIndex(g => g.SupplierId);
        builder.Property(g => g.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.DecidedBy).HasMaxLength(256);
        builder.Property(g => g.RejectionReason).HasMaxLength(SubsidyGrant.ReasonMaxLength);
        builder.Property(g => g.PaymentReference).HasMaxLength(SubsidyGrant.PaymentReferenceMaxLength);
        // Two officials acting on one grant at once: the second save fails instead of overwriting the first.
        builder.Property(g => g.Version).IsConcurrencyToken();
    }
}
