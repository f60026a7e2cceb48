namespace Portal.Features.Notifications;

/// <summary>The <c>Smtp</c> settings section: where notification e-mails go out. No host, no e-mail.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server; empty turns e-mail off (notifications stay in the portal).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender address, e.g. <c>采购门户 &lt;noreply@portal.example.gov.cn&gt;</c>.</summary>
    public string From { get; set; } = "noreply@portal.local";

    /// <summary>Sign in to the server with these when a user name is set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Encrypt the connection: TLS from the start on port 465, STARTTLS (required) on other ports.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>The portal's public address (e.g. <c>https://portal.example.gov.cn</c>) for links in e-mails; without it they give the path.</summary>
    public string? PortalUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
