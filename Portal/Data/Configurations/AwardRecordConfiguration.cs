using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Tenders;
using Portal.Features.Evaluation;

namespace Portal.Data.Configurations;

internal sealed class AwardRecordConfiguration : IEntityTypeConfiguration<LotAwardRecord>
{
    public void Configure(EntityTypeBuilder<LotAwardRecord> builder)
    {
        builder.ToTable("AwardRecords");
        // One record per awarded lot, written with the award.
        builder.HasKey(r => r.LotId);
        builder.HasOne<Lot>().WithOne().HasForeignKey<LotAwardRecord>(r => r.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.SmallMicroPriceDeduction).HasPrecision(PublicationTerms.DeductionDecimals + 1, PublicationTerms.DeductionDecimals);
    }
}
