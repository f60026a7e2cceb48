using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Suppliers;

namespace Portal.Data.Seeding;

/// <summary>
/// A data migration run at start, after the schema migrations: certifications and certification requirements stored
/// by name before the catalogue get their kind. A profile's certification whose name resolves through the aliases
/// keeps only the kind's key; one that resolves to none becomes "other" with its text; each gets the id its
/// certificate evidence hangs on. A requirement's name is resolved the same way. It reads the JSON columns as text,
/// changes only entries without a kind, and writes only the rows it changed, so running it again changes nothing
/// (decision 0023).
/// </summary>
public static class CertificationKindBackfill
{
    public sealed record Report(int Suppliers, int Lots);

    public static async Task<Report> RunAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            var suppliers = await RewriteAsync(connection, postgres, "Suppliers", "certifications", BackfillCertification, cancellationToken);
            var lots = await RewriteAsync(connection, postgres, "Lots", "requirements", BackfillRequirement, cancellationToken);
            return new Report(suppliers, lots);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>A certification of a profile: its kind's key (or other with the text) and an id; false when it had both.</summary>
    internal static bool BackfillCertification(JsonObject entry)
    {
        var changed = false;
        if (entry["KindKey"] is null)
        {
            var name = entry["Name"]?.GetValue<string>() ?? "";
            if (CertificationCatalogue.Resolve(name) is { } kind)
            {
                entry["KindKey"] = kind.Key;
                entry["Name"] = null;
            }
            else
            {
                entry["KindKey"] = CertificationKind.OtherKey;
                entry["Name"] = name.Trim();
            }
            changed = true;
        }
        if (entry["Id"] is null)
        {
            entry["Id"] = Guid.NewGuid().ToString();
            changed = true;
        }
        return changed;
    }

    /// <summary>A certification requirement: its kind's key (or other with the text); false for any other entry.</summary>
    internal static bool BackfillRequirement(JsonObject entry)
    {
        if (entry["Kind"]?.GetValue<string>() != "Certification" || entry["CertificationKey"] is not null)
        {
            return false;
        }
        var name = entry["CertificationName"]?.GetValue<string>() ?? "";
        if (CertificationCatalogue.Resolve(name) is { } kind)
        {
            entry["CertificationKey"] = kind.Key;
            entry["CertificationName"] = null;
        }
        else
        {
            entry["CertificationKey"] = CertificationKind.OtherKey;
            entry["CertificationName"] = name.Trim();
        }
        return true;
    }

    private static async Task<int> RewriteAsync(DbConnection connection, bool postgres, string table, string column, Func<JsonObject, bool> backfill, CancellationToken cancellationToken)
    {
        var changes = new List<(object Id, string Json)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT \"Id\", \"{column}\" FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(1) || JsonNode.Parse(reader.GetString(1)) is not JsonArray entries)
                {
                    continue;
                }
                var changed = false;
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    changed |= backfill(entry);
                }
                if (changed)
                {
                    changes.Add((reader.GetValue(0), entries.ToJsonString()));
                }
            }
        }
        foreach (var (id, json) in changes)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = postgres
                ? $"UPDATE \"{table}\" SET \"{column}\" = CAST(@json AS jsonb) WHERE \"Id\" = @id"
                : $"UPDATE \"{table}\" SET \"{column}\" = @json WHERE \"Id\" = @id";
            Add(update, "json", json);
            Add(update, "id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        return changes.Count;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
