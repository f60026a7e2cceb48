using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Data.Configurations;

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> builder)
    {
        builder.HasKey(b => b.Id);
        builder.HasOne<Lot>().WithMany().HasForeignKey(b => b.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Supplier>().WithMany().HasForeignKey(b => b.SupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.LotId, b.SupplierId }).IsUnique();
        builder.Property(b => b.Proposal).HasMaxLength(Bid.ProposalMaxLength);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        // Only ciphertext until the opening (the iv and the ciphertext with its tag); the key arrives at the opening.
        builder.Property(b => b.SealedIv).HasMaxLength(SealedEnvelope.IvBytes);
        builder.Property(b => b.SealedCiphertext).HasMaxLength(SealedEnvelope.MaxCiphertextBytes);
        builder.Property(b => b.OpeningKey).HasMaxLength(SealedEnvelope.KeyBytes);
        builder.Property(b => b.Fault).HasConversion<string>().HasMaxLength(40);
        builder.Property(b => b.FaultDetail).HasMaxLength(BidAttachment.FileNameMaxLength);
        builder.Property(b => b.SizeClass).HasConversion<string>().HasMaxLength(10);
        // The version is the optimistic concurrency token: two replacements at once cannot both win silently.
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.OwnsMany(b => b.Attachments, a =>
        {
            a.ToTable("BidAttachments");
            a.WithOwner().HasForeignKey("BidId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(BidAttachment.FileNameMaxLength);
            a.Property(x => x.Sha256).HasMaxLength(64);
        });
        builder.Navigation(b => b.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
