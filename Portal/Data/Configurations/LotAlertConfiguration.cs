using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Alerts;

namespace Portal.Data.Configurations;

internal sealed class LotAlertConfiguration : IEntityTypeConfiguration<LotAlert>
{
    public void Configure(EntityTypeBuilder<LotAlert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.UserId);
        builder.Property(a => a.Query).HasMaxLength(LotAlert.QueryMaxLength);
        builder.Property(a => a.Category).HasMaxLength(50);
    }
}
