using System.Globalization;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Features.Notifications;

/// <summary>
/// An in-app message to one user, e.g. an invitation to bid; read once opened. What it says is kept as phrases (template
/// and arguments, <see cref="PhraseJson"/>) and rendered in the reader's language when it is read or e-mailed;
/// <see cref="Title"/> and <see cref="Body"/> hold the English text, and are all that messages saved before phrases have.
/// </summary>
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

    public Notification(string userId, Phrase title, Phrase body, string link, DateTime createdAtUtc, string? key = null) : this()
    {
        Key = key;
        Id = Guid.NewGuid();
        UserId = userId;
        Title = Cut(title.ToString(), TitleMaxLength);
        Body = Cut(body.ToString(), BodyMaxLength);
        TitlePhrase = PhraseJson.Write(title);
        BodyPhrase = PhraseJson.Write(body);
        Link = link;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }

    /// <summary>The title as a phrase (<see cref="PhraseJson"/>); null on messages saved before phrases, which keep their text.</summary>
    public string? TitlePhrase { get; private set; }

    public string? BodyPhrase { get; private set; }

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

    /// <summary>A title or body in one language: the stored phrase rendered, or the saved text of an older message.</summary>
    public static string Render(string? phrase, string text, CultureInfo culture) =>
        PhraseJson.Read(phrase) is { } stored ? PortalText.Render(stored, culture) : text;

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
