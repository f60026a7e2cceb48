using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder) =>
        // Users from before the preference read in the portal's default language.
        builder.Property(u => u.PreferredCulture).HasMaxLength(PortalUser.CultureMaxLength).HasDefaultValue(PortalUser.DefaultCulture);
}
