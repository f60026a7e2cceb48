using Portal.Domain;

namespace Portal.Features.Alerts;

/// <summary>
/// An SME user's standing request to hear about new lots: a saved search (words matched like the lot search), a
/// followed category, or both; optionally only lots reserved for SMEs.
/// </summary>
public sealed class LotAlert
{
    public const int QueryMaxLength = 200;
    public const int MaxPerUser = 20;

    private LotAlert()
    {
        UserId = "";
    }

    public LotAlert(string userId, string? query, string? category, bool reservedOnly, DateTime createdAtUtc) : this()
    {
        var words = query?.Trim() ?? "";
        if (words.Length > QueryMaxLength)
        {
            throw new DomainException(new Phrase("A saved search has at most {0} characters.", QueryMaxLength), "query");
        }
        var followed = string.IsNullOrWhiteSpace(category) ? null : Categories.Require(category, "category");
        if (words.Length == 0 && followed is null)
        {
            throw new DomainException("Enter search words, choose a category to follow, or both.", "query");
        }
        Id = Guid.NewGuid();
        UserId = userId;
        Query = words.Length == 0 ? null : words;
        Category = followed;
        ReservedOnly = reservedOnly;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }

    /// <summary>Search words, or null when the alert follows a category only.</summary>
    public string? Query { get; private set; }

    /// <summary>A category key (<see cref="Categories"/>), or null for every category.</summary>
    public string? Category { get; private set; }

    /// <summary>Only lots reserved for SMEs.</summary>
    public bool ReservedOnly { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}
