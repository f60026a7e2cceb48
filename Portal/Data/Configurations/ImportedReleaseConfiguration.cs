using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Tenders;
using Portal.Features.OpenData;

namespace Portal.Data.Configurations;

internal sealed class ImportedReleaseConfiguration : IEntityTypeConfiguration<ImportedRelease>
{
    public void Configure(EntityTypeBuilder<ImportedRelease> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Ocid).HasMaxLength(Tender.OcidMaxLength);
        builder.Property(r => r.ReleaseId).HasMaxLength(ImportedRelease.IdMaxLength);
        builder.Property(r => r.Source).HasMaxLength(Tender.SourceMaxLength);
        // One row per release ever imported: the second import of the same release is skipped, even when two run at once.
        builder.HasIndex(r => new { r.Ocid, r.ReleaseId }).IsUnique();
        builder.HasOne<Tender>().WithMany().HasForeignKey(r => r.TenderId).OnDelete(DeleteBehavior.Cascade);
    }
}
