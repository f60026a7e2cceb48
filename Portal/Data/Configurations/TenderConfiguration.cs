using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Tenders;

namespace Portal.Data.Configurations;

internal sealed class TenderConfiguration : IEntityTypeConfiguration<Tender>
{
    public void Configure(EntityTypeBuilder<Tender> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Title).HasMaxLength(Tender.TitleMaxLength);
        builder.Property(t => t.Description).HasMaxLength(Tender.DescriptionMaxLength);
        builder.Property(t => t.Buyer).HasMaxLength(Tender.BuyerMaxLength);
        builder.Property(t => t.Category).HasMaxLength(50);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Ocid).HasMaxLength(Tender.OcidMaxLength);
        builder.HasIndex(t => t.Ocid).IsUnique();
        builder.Property(t => t.ImportedFrom).HasMaxLength(Tender.SourceMaxLength);
        // Kept exactly as the officer chose it: 12.5% is 0.1250 (PublicationTerms allows no finer share).
        builder.Property(t => t.SmallMicroPriceDeduction).HasPrecision(PublicationTerms.DeductionDecimals + 1, PublicationTerms.DeductionDecimals);
        builder.HasMany(t => t.Lots).WithOne().HasForeignKey(l => l.TenderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Lots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(t => t.Amendments, a =>
        {
            a.ToTable("TenderAmendments");
            a.WithOwner().HasForeignKey("TenderId");
            a.HasKey("TenderId", nameof(Amendment.Number));
            a.Property(x => x.Number).ValueGeneratedNever();
            a.Property(x => x.Notice).HasMaxLength(Amendment.NoticeMaxLength);
        });
        builder.Navigation(t => t.Amendments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
