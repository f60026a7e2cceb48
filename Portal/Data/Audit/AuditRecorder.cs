using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>
/// Appends an <see cref="AuditEntry"/> for every entity a save creates, modifies or deletes, in the same transaction
/// as the change (its own when the caller has none). Called by <see cref="PortalDbContext"/>'s SaveChanges, so every
/// feature — present and future — is audited without a call of its own. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>
/// bypass it, so state changes are saved through tracked entities (see docs/decisions/0013-hash-chained-audit-trail.md).
/// </summary>
public sealed class AuditRecorder(TimeProvider clock, AuditActorAccessor actors)
{
    /// <summary>Rows per INSERT: well under both providers' parameter limits (10 parameters a row).</summary>
    private const int RowsPerInsert = 200;

    /// <summary>Never audited: the trail itself, key material, and Identity's login tokens.</summary>
    private static readonly HashSet<Type> _unaudited =
        [typeof(AuditEntry), typeof(AuditChainHead), typeof(DataProtectionKey), typeof(IdentityUserToken<string>)];

    /// <summary>The recorder of the app that built <paramref name="db"/>; a context built by hand (a tool) records as "system".</summary>
    internal static AuditRecorder For(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AuditRecorder>()
        ?? new AuditRecorder(TimeProvider.System, new AuditActorAccessor(new HttpContextAccessor()));

    internal async Task<int> SaveAsync(PortalDbContext db, Func<bool, CancellationToken, Task<int>> save, bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        if (!db.ChangeTracker.Entries().Any(IsAudited))
        {
            return await save(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Saved without accepting, so that states, original values and generated keys are all still readable.
            var written = await save(false, cancellationToken);
            var changes = db.ChangeTracker.Entries().Where(IsAudited).Select(Describe).OfType<Change>().ToList();
            var recorded = await AppendAsync(db, changes, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            if (acceptAllChangesOnSuccess)
            {
                db.ChangeTracker.AcceptAllChanges();
            }
            db.RecordedAudit = recorded;
            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !_unaudited.Contains(entry.Metadata.ClrType);

    private sealed record Change(string EntityType, string EntityId, AuditAction Action, Dictionary<string, FieldChange> Fields);

    private static Change? Describe(EntityEntry entry)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditAction.Created,
            EntityState.Deleted => AuditAction.Deleted,
            _ => AuditAction.Modified,
        };
        var fields = new Dictionary<string, FieldChange>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var before = action == AuditAction.Created ? null : Text(property.OriginalValue);
            var after = action == AuditAction.Deleted ? null : Text(property.CurrentValue);
            if (action == AuditAction.Modified && (!property.IsModified || before == after))
            {
                continue;
            }
            fields[name] = IsSecret(name) ? new FieldChange(Mask(before), Mask(after)) : new FieldChange(before, after);
        }
        if (action == AuditAction.Modified && fields.Count == 0)
        {
            return null;
        }
        return new Change(EntityTypeOf(entry.Metadata), KeyOf(entry), action, fields);
    }

    /// <summary>An entity's name as the trail shows it; an owned part is named after its owner: <c>Lot.Requirements</c>.</summary>
    private static string EntityTypeOf(IEntityType type) =>
        type.FindOwnership() is { PrincipalToDependent: { } navigation } ownership
            ? $"{EntityTypeOf(ownership.PrincipalEntityType)}.{navigation.Name}"
            : type.ClrType.IsGenericType ? type.ClrType.Name[..type.ClrType.Name.IndexOf('`')] : type.ClrType.Name;

    /// <summary>The primary key's values, joined with "/" (an owned part's key starts with its owner's).</summary>
    private static string KeyOf(EntityEntry entry) =>
        string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue)));

    /// <summary>Password hashes, security stamps and any key or secret hash are never written out: only that they changed.</summary>
    private static bool IsSecret(string property) =>
        property.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || property.Equals("SecurityStamp", StringComparison.Ordinal)
        || property.EndsWith("Hash", StringComparison.Ordinal);

    private static string? Mask(string? value) => value is null ? null : "***";

    /// <summary>
    /// A value as the trail writes it. Bytes — a sealed bid's iv and ciphertext, its opening key — are written as
    /// <c>sha256:{hex}</c> of the bytes: the trail proves which bytes were stored without holding them.
    /// </summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        byte[] bytes => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => JsonSerializer.Serialize(list),
        _ => value.ToString(),
    };

    /// <summary>
    /// Locks the chain head (an UPDATE of its row: PostgreSQL makes a concurrent appender wait, or fails a serializable
    /// one with 40001; SQLite already holds the write lock), appends the entries after it and moves it.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>> AppendAsync(PortalDbContext db, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return [];
        }
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        long sequence;
        string hash;
        await using (var head = Command(connection, transaction,
            $"""UPDATE "AuditChainHead" SET "Sequence" = "Sequence" WHERE "Id" = {AuditChainHead.SingletonId} RETURNING "Sequence", "Hash" """))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The audit chain head row is missing; the AuditTrail migration creates it.");
            }
            sequence = reader.GetInt64(0);
            hash = reader.GetString(1);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = actors.Current;
        var entries = new List<AuditEntry>(changes.Count);
        foreach (var change in changes)
        {
            var entry = AuditEntry.Chain(sequence, hash, now, actor.Id, actor.Name, change.EntityType, change.EntityId, change.Action, change.Fields);
            entries.Add(entry);
            (sequence, hash) = (entry.Sequence, entry.Hash);
        }
        foreach (var chunk in entries.Chunk(RowsPerInsert))
        {
            await using var insert = Command(connection, transaction, "");
            var rows = new List<string>(chunk.Length);
            foreach (var entry in chunk)
            {
                object[] values = [entry.Sequence, entry.RecordedAtUtc, entry.ActorId, entry.ActorName, entry.EntityType, entry.EntityId,
                    entry.Action.ToString(), entry.Changes, entry.PreviousHash, entry.Hash];
                rows.Add("(" + string.Join(", ", values.Select(v => Parameter(insert, v))) + ")");
            }
            insert.CommandText = """
                INSERT INTO "AuditEntries" ("Sequence", "RecordedAtUtc", "ActorId", "ActorName", "EntityType", "EntityId", "Action", "Changes", "PreviousHash", "Hash")
                VALUES
                """ + string.Join(",\n", rows);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var move = Command(connection, transaction,
            $"""UPDATE "AuditChainHead" SET "Sequence" = @sequence, "Hash" = @hash WHERE "Id" = {AuditChainHead.SingletonId}""");
        Parameter(move, sequence, "@sequence");
        Parameter(move, hash, "@hash");
        await move.ExecuteNonQueryAsync(cancellationToken);
        return entries;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string Parameter(DbCommand command, object value, string? name = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name ?? $"@p{command.Parameters.Count}";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}

public static class AuditSetup
{
    public static IServiceCollection AddPortalAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditActorAccessor>();
        services.AddSingleton<AuditRecorder>();
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        return services;
    }
}
