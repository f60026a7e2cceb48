using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

/// <summary>A person who signs in to the portal; what they may do comes from their roles.</summary>
public sealed class PortalUser : IdentityUser
{
    public DateTime CreatedAtUtc { get; set; }
}
