using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Data.Configurations;

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Supplier.NameMaxLength);
        builder.Property(s => s.NameEn).HasMaxLength(Supplier.NameMaxLength);
        builder.Property(s => s.CreditCode).HasMaxLength(CreditCode.Length).IsFixedLength();
        builder.HasIndex(s => s.CreditCode).IsUnique();
        builder.Property(s => s.IndustryKey).HasMaxLength(50);
        builder.Property(s => s.SizeClass).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(s => s.SizeClass);
        builder.Property(s => s.Region).HasMaxLength(Supplier.RegionMaxLength);
        builder.Property(s => s.Capabilities).HasMaxLength(Supplier.CapabilitiesMaxLength);
        builder.Property(s => s.Categories);
        builder.HasIndex(s => s.OwnerUserId).IsUnique();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(s => s.Measures);
        builder.Property(s => s.ImportedFrom).HasMaxLength(Tender.SourceMaxLength);
        builder.Property(s => s.ImportedPartyId).HasMaxLength(Supplier.PartyIdMaxLength);
        builder.HasIndex(s => s.ImportedPartyId);

        builder.OwnsMany(s => s.Certifications, c =>
        {
            c.ToJson("certifications");
            c.Property(x => x.Name).HasMaxLength(Certification.NameMaxLength);
            c.Property(x => x.KindKey).HasMaxLength(50);
            c.Ignore(x => x.Kind);
            c.OwnsOne(x => x.Evidence, e => e.Property(x => x.FileName).HasMaxLength(CertificateEvidence.FileNameMaxLength));
        });
        builder.Navigation(s => s.Certifications).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(s => s.PastProjects, p => p.ToJson("pastProjects"));
        builder.Navigation(s => s.PastProjects).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
