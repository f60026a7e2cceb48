using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Tenders;

namespace Portal.Data.Configurations;

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> builder)
    {
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => new { l.TenderId, l.Number }).IsUnique();
        builder.Property(l => l.Title).HasMaxLength(Lot.TitleMaxLength);
        builder.Property(l => l.Description).HasMaxLength(Lot.DescriptionMaxLength);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(l => l.Status);
        builder.Property(l => l.EvaluatorUserIds);
        builder.Property(l => l.InvitedSupplierIds);
        builder.Property(l => l.AwardJustification).HasMaxLength(Lot.JustificationMaxLength);
        builder.Property(l => l.UnsuccessfulReason).HasMaxLength(Lot.JustificationMaxLength);

        builder.OwnsMany(l => l.Requirements, r =>
        {
            r.ToJson("requirements");
            r.Property(x => x.Kind).HasConversion<string>();
        });
        builder.Navigation(l => l.Requirements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(l => l.Criteria, c => c.ToJson("criteria"));
        builder.Navigation(l => l.Criteria).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
