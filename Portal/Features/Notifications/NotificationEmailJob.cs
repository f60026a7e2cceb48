using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Data;

namespace Portal.Features.Notifications;

/// <summary>
/// Sends one in-app notification to its user's e-mail address as well, when SMTP is configured. A background job so a
/// slow or unreachable mail server never holds up the work that notified; Hangfire retries a failed send.
/// </summary>
public sealed class NotificationEmailJob(IDbContextFactory<PortalDbContext> contexts, IOptions<SmtpOptions> smtp, ILogger<NotificationEmailJob> logger)
{
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
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n.Title, n.Body, n.Link, u.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (item?.Email is not { Length: > 0 } email)
        {
            logger.LogInformation("Notification {Id} is gone or its user has no e-mail address; nothing is sent.", notificationId);
            return false;
        }

        var link = string.IsNullOrWhiteSpace(options.PortalUrl) ? item.Link : options.PortalUrl.TrimEnd('/') + item.Link;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = item.Title;
        message.Body = new TextPart("plain") { Text = $"{item.Body}\n\n{link}\n\n-- \nSME Procurement Portal" };

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
