using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

/// <summary>A person who signs in to the portal; what they may do comes from their roles.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The language of a user nobody has heard from yet: the portal's default.</summary>
    public const string DefaultCulture = "zh-CN";

    public const int CultureMaxLength = 10;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The language the user reads the portal in, for what reaches them outside a page (e-mails): the last one they
    /// chose with the language switch or signed in with; zh-CN until then.
    /// </summary>
    public string PreferredCulture { get; set; } = DefaultCulture;
}
