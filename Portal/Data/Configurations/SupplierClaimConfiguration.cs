using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Suppliers;

namespace Portal.Data.Configurations;

internal sealed class SupplierClaimConfiguration : IEntityTypeConfiguration<SupplierClaim>
{
    public void Configure(EntityTypeBuilder<SupplierClaim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Supplier>().WithMany().HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.ClaimantUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.DecidedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.CreditCode).HasMaxLength(CreditCode.Length).IsFixedLength();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.RejectionReason).HasMaxLength(SupplierClaim.ReasonMaxLength);
        builder.HasIndex(c => new { c.Status, c.RequestedAtUtc });
        builder.HasIndex(c => c.ClaimantUserId);
        // At most one claim per profile waits for a decision, even when two users claim it at the same moment; the filter
        // is the same SQL on SQLite and PostgreSQL.
        builder.HasIndex(c => c.SupplierId).IsUnique().HasFilter("\"Status\" = 'Pending'");
    }
}
