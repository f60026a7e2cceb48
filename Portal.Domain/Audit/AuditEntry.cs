using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Domain.Audit;

/// <summary>
/// One state change in the audit trail: who changed which entity when, and each changed field before → after. Entries
/// form a hash chain: each one's <see cref="Hash"/> covers its own content and the previous entry's hash, so an edited,
/// inserted or deleted row breaks the chain from that point on (see <see cref="AuditChainCheck"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 256;
    public const int EntityTypeMaxLength = 128;
    public const int EntityIdMaxLength = 256;

    /// <summary>The hash the first entry chains onto.</summary>
    public const string GenesisHash = "";

    private AuditEntry()
    {
        ActorId = ActorName = EntityType = EntityId = Changes = PreviousHash = Hash = "";
    }

    /// <summary>1, 2, 3… without gaps: a missing number is a deleted entry.</summary>
    public long Sequence { get; private set; }

    /// <summary>UTC, truncated to the microsecond both databases keep, so the hash survives the round trip.</summary>
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>The user's id, <c>system:&lt;job&gt;</c> for background work, <c>api-key:&lt;prefix&gt;</c> for a delivered system.</summary>
    public string ActorId { get; private set; }

    /// <summary>The user's email, or the same as <see cref="ActorId"/> when there is no user.</summary>
    public string ActorName { get; private set; }

    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public AuditAction Action { get; private set; }

    /// <summary>The changed fields as JSON: <c>{"Field":{"before":"…","after":"…"}}</c>, fields in ordinal order.</summary>
    public string Changes { get; private set; }

    public string PreviousHash { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Canonical"/>.</summary>
    public string Hash { get; private set; }

    /// <summary>The entry that follows <paramref name="previousSequence"/>/<paramref name="previousHash"/> in the chain.</summary>
    public static AuditEntry Chain(long previousSequence, string previousHash, DateTime recordedAtUtc, string actorId, string actorName,
        string entityType, string entityId, AuditAction action, IReadOnlyDictionary<string, FieldChange> changes)
    {
        var entry = new AuditEntry
        {
            Sequence = previousSequence + 1,
            RecordedAtUtc = TruncateToMicroseconds(recordedAtUtc),
            ActorId = Truncate(actorId, ActorMaxLength),
            ActorName = Truncate(actorName, ActorMaxLength),
            EntityType = Truncate(entityType, EntityTypeMaxLength),
            EntityId = Truncate(entityId, EntityIdMaxLength),
            Action = action,
            Changes = SerializeChanges(changes),
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    /// <summary>The changed fields read back from <see cref="Changes"/>.</summary>
    public IReadOnlyDictionary<string, FieldChange> ReadChanges() =>
        JsonSerializer.Deserialize<SortedDictionary<string, FieldChange>>(Changes, _json) ?? [];

    /// <summary>
    /// The exact text hashed: a JSON array of every field in a fixed order, the previous hash last. JSON escaping makes
    /// it unambiguous (no value can pose as a separator); the time is ISO 8601 with seven fractional digits and a Z.
    /// </summary>
    public string Canonical() => JsonSerializer.Serialize(new object[]
    {
        Sequence,
        RecordedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ActorId, ActorName, EntityType, EntityId, Action.ToString(), Changes, PreviousHash,
    });

    /// <summary>What <see cref="Hash"/> should be for the entry's current content.</summary>
    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));

    private static string SerializeChanges(IReadOnlyDictionary<string, FieldChange> changes) =>
        JsonSerializer.Serialize(new SortedDictionary<string, FieldChange>(changes.ToDictionary(), StringComparer.Ordinal), _json);

    private static DateTime TruncateToMicroseconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
}

public enum AuditAction
{
    Created,
    Modified,
    Deleted,
}

/// <summary>A field's value before and after the change, as invariant text; null where the field had no value.</summary>
public sealed record FieldChange(string? Before, string? After);
