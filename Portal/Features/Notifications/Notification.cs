namespace Portal.Features.Notifications;

/// <summary>An in-app message to one user, e.g. an invitation to bid; read once opened.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2000;
    public const int LinkMaxLength = 300;
    public const int KeyMaxLength = 120;

    private Notification()
    {
        UserId = Title = Body = Link = "";
    }

    public Notification(string userId, string title, string body, string link, DateTime createdAtUtc, string? key = null) : this()
    {
        Key = key;
        Id = Guid.NewGuid();
        UserId = userId;
        Title = title.Length > TitleMaxLength ? title[..TitleMaxLength] : title;
        Body = body.Length > BodyMaxLength ? body[..BodyMaxLength] : body;
        Link = link;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }

    /// <summary>Where the message leads in the portal (a relative path).</summary>
    public string Link { get; private set; }

    /// <summary>
    /// What the message is about (<c>alert:{lotId}</c>, <c>amendment:{tenderId}:{number}</c>), unique per user, so a
    /// job that runs again tells nobody twice; null for messages that need no such guard.
    /// </summary>
    public string? Key { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
