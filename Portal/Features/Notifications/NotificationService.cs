using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Notifications;

/// <summary>A user's in-app messages, in the reader's language (the page's or the API request's culture).</summary>
public sealed class NotificationService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>Raised when this circuit has read its messages, so the bell can update its count.</summary>
    public event Action? Read;

    public async Task<IReadOnlyList<NotificationView>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var culture = CultureInfo.CurrentUICulture;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAtUtc)
            .Take(100)
            .Select(n => new { n.Id, n.Title, n.TitlePhrase, n.Body, n.BodyPhrase, n.Link, n.CreatedAtUtc, Read = n.ReadAtUtc != null })
            .ToListAsync(cancellationToken);
        return rows.Select(n => new NotificationView(n.Id,
                Notification.Render(n.TitlePhrase, n.Title, culture), Notification.Render(n.BodyPhrase, n.Body, culture),
                n.Link, n.CreatedAtUtc, n.Read))
            .ToList();
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, cancellationToken);
    }

    public async Task MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await db.Notifications.Where(n => n.UserId == userId && n.ReadAtUtc == null).ToListAsync(cancellationToken);
        unread.ForEach(n => n.MarkRead(now));
        await db.SaveChangesAsync(cancellationToken);
        Read?.Invoke();
    }
}

public sealed record NotificationView(Guid Id, string Title, string Body, string Link, DateTime CreatedAtUtc, bool Read);
