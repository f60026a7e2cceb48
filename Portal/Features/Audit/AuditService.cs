using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Audit;
using Portal.Localization;

namespace Portal.Features.Audit;

/// <summary>Browses the audit trail and verifies its hash chain, for admins and officials.</summary>
public sealed class AuditService(IDbContextFactory<PortalDbContext> contexts)
{
    public const int MaxPageSize = 200;

    /// <summary>Rows read per round trip while verifying: the chain is streamed, never loaded whole.</summary>
    private const int VerifyBatch = 2_000;

    /// <summary>Entries matching the filter, newest first.</summary>
    public async Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.Page < 1)
        {
            throw new DomainException("The page number starts at 1.", "page");
        }
        if (filter.PageSize is < 1 or > MaxPageSize)
        {
            throw new DomainException(new Phrase("The page size is between 1 and {0}.", MaxPageSize), "pageSize");
        }
        if (filter.From > filter.To)
        {
            throw new DomainException("The start date is after the end date.", "from");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(e => e.EntityId == filter.EntityId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.ActorName.Contains(actor) || e.ActorId == actor);
        }
        if (filter.From is { } from)
        {
            query = query.Where(e => e.RecordedAtUtc >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(e => e.RecordedAtUtc < to);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Sequence)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(rows.Select(AuditEntryView.From).ToList(), total, filter.Page, filter.PageSize);
    }

    /// <summary>Walks the whole chain from entry 1 to the recorded head and reports every break.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = new AuditChainCheck();
        long after = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(VerifyBatch).ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                check.Add(entry);
            }
            if (batch.Count < VerifyBatch)
            {
                break;
            }
            after = batch[^1].Sequence;
        }
        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(cancellationToken);
        check.Finish(head.Sequence, head.Hash);
        return new AuditVerification(check.Intact, check.Checked, head.Sequence, head.Hash,
            check.Breaks.Select(b => new AuditBreakView(b.FromSequence, b.ToSequence, AuditKinds.ToKey(b.Kind), b.Message)).ToList());
    }
}

public sealed record AuditFilter(string? EntityType = null, string? EntityId = null, string? Actor = null,
    DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, int Total, int Page, int PageSize);

public sealed record AuditEntryView(
    long Sequence, DateTime RecordedAt, string ActorId, string Actor, string EntityType, string EntityId, string Action,
    IReadOnlyDictionary<string, FieldChange> Changes, string PreviousHash, string Hash)
{
    public static AuditEntryView From(AuditEntry e) => new(e.Sequence, e.RecordedAtUtc, e.ActorId, e.ActorName, e.EntityType, e.EntityId,
        AuditKinds.ToKey(e.Action), SafeChanges(e), e.PreviousHash, e.Hash);

    /// <summary>A row edited into unreadable JSON is still listed (verification says what happened to it).</summary>
    private static IReadOnlyDictionary<string, FieldChange> SafeChanges(AuditEntry e)
    {
        try
        {
            return e.ReadChanges();
        }
        catch (System.Text.Json.JsonException)
        {
            return new Dictionary<string, FieldChange> { ["(unreadable)"] = new(e.Changes, null) };
        }
    }
}

/// <summary><see cref="Intact"/> when every entry from 1 to the head verifies; otherwise the exact entries that fail.</summary>
public sealed record AuditVerification(bool Intact, long Checked, long HeadSequence, string HeadHash, IReadOnlyList<AuditBreakView> Breaks);

/// <summary>A break in the chain: pages render <see cref="MessagePhrase"/>, the API writes <c>message</c> in the request's language.</summary>
public sealed record AuditBreakView(long FromSequence, long ToSequence, string Kind, [property: JsonIgnore] Phrase MessagePhrase)
{
    public string Message => PortalText.Render(MessagePhrase);
}

/// <summary>The API's camelCase names of actions and break kinds.</summary>
public static class AuditKinds
{
    public static string ToKey(AuditAction action) => action.ToString().ToLowerInvariant();

    public static string ToKey(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.BrokenLink => "brokenLink",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
