using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Data;
using Portal.Features.Shell;
using Portal.Localization;

namespace Portal.Features.Notifications;

/// <summary>
/// Sends one in-app notification to its user's e-mail address as well, when SMTP is configured. A background job so a
/// slow or unreachable mail server never holds up the work that notified; Hangfire retries a failed send. The e-mail is
/// written in the recipient's preferred language (<see cref="PortalUser.PreferredCulture"/>).
/// </summary>
public sealed class NotificationEmailJob(IDbContextFactory<PortalDbContext> contexts, IOptions<SmtpOptions> smtp, ILogger<NotificationEmailJob> logger)
{
    /// <summary>The name the e-mails are signed with (a translation key).</summary>
    public const string Signature = "SME Procurement Portal";

    /// <summary>Queues the e-mail for a saved notification; nothing when SMTP is not configured.</summary>
    public static void Enqueue(IBackgroundJobClient jobs, SmtpOptions smtp, Guid notificationId)
    {
        if (smtp.Enabled)
        {
            jobs.Enqueue<NotificationEmailJob>(j => j.SendAsync(notificationId, CancellationToken.None));
        }
    }

    /// <summary>True when the message was handed to the SMTP server; false when there is nothing to send or nowhere to send it.</summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task<bool> SendAsync(Guid notificationId, CancellationToken cancellationToken = default)
    {
        var options = smtp.Value;
        if (!options.Enabled)
        {
            logger.LogInformation("SMTP is not configured (Smtp:Host); notification {Id} is not e-mailed.", notificationId);
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Notifications.AsNoTracking()
            .Where(n => n.Id == notificationId)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n.Title, n.TitlePhrase, n.Body, n.BodyPhrase, n.Link, u.Email, u.PreferredCulture })
            .SingleOrDefaultAsync(cancellationToken);
        if (item?.Email is not { Length: > 0 } email)
        {
            logger.LogInformation("Notification {Id} is gone or its user has no e-mail address; nothing is sent.", notificationId);
            return false;
        }

        var link = string.IsNullOrWhiteSpace(options.PortalUrl) ? item.Link : options.PortalUrl.TrimEnd('/') + item.Link;
        var culture = CultureEndpoint.ForUser(item.PreferredCulture);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = Notification.Render(item.TitlePhrase, item.Title, culture);
        var body = Notification.Render(item.BodyPhrase, item.Body, culture);
        message.Body = new TextPart("plain") { Text = $"{body}\n\n{link}\n\n-- \n{PortalText.Translate(Signature, culture)}" };

        using var client = new SmtpClient();
        var security = !options.EnableSsl ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host!.Trim(), options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Notification {Id} e-mailed to {Email}.", notificationId, email);
        return true;
    }
}
