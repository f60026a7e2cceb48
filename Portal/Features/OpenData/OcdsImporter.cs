using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Localization;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Search;

namespace Portal.Features.OpenData;

/// <summary>The answer of an import: releases taken in, releases already imported before, and every problem found.</summary>
public sealed record ImportReport(int Imported, int Skipped, IReadOnlyList<OcdsProblem> Problems);

/// <summary>
/// Takes in an OCDS release package from another system, all or nothing: the package is checked first (JSON, OCDS,
/// schema, references), then each process (ocid) becomes a read-only imported tender with its lots, and each tenderer or
/// supplier party an unclaimed supplier profile, in one transaction. Releases already imported are skipped, so importing
/// the same data again changes nothing.
/// </summary>
public sealed class OcdsImporter(IDbContextFactory<PortalDbContext> contexts, IOptions<OpenDataOptions> options, SupplierIndex index, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(string json, CancellationToken cancellationToken = default)
    {
        var problems = OcdsPackageCheck.Check(json, await OcdsSchema.EmbeddedAsync()).ToList();
        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, problems);
        }
        var package = JsonNode.Parse(json)!.AsObject();
        var source = (string?)package["publisher"]?["name"] ?? "";
        var releases = package["releases"]!.AsArray().Select((r, i) => new Indexed(r!.AsObject(), i)).ToList();
        var ownPrefix = options.Value.OcidPrefix + "-";
        problems.AddRange(releases.Where(r => r.Ocid.StartsWith(ownPrefix, StringComparison.Ordinal))
            .Select(r => new OcdsProblem($"{r.Path}/ocid", new Phrase("{0} is a process of this portal (prefix {1}): it is published here, not imported.", r.Ocid, options.Value.OcidPrefix))));
        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, problems);
        }

        // Two identical packages at the same moment: the one that commits second breaks the unique (ocid, release id)
        // index or finds the database locked; written again it finds every release known and reports them skipped.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(releases, source, cancellationToken);
            }
            catch (Exception e) when (attempt < 3 && (e is DbUpdateException || e.InnerException is DbUpdateException
                || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Applies a checked package in one transaction: every process with a new release, or nothing.</summary>
    private async Task<ImportReport> WriteAsync(IReadOnlyList<Indexed> releases, string source, CancellationToken cancellationToken)
    {
        var problems = new List<OcdsProblem>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ocids = releases.Select(r => r.Ocid).Distinct().ToList();
        var known = (await db.ImportedReleases.Where(r => ocids.Contains(r.Ocid)).Select(r => new { r.Ocid, r.ReleaseId }).ToListAsync(cancellationToken))
            .Select(r => (r.Ocid, r.ReleaseId)).ToHashSet();
        var imported = 0;
        var skipped = 0;
        var newSuppliers = new List<Supplier>();
        foreach (var process in releases.GroupBy(r => r.Ocid))
        {
            var ordered = process.OrderBy(r => r.Date).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            var fresh = ordered.Where(r => !known.Contains((r.Ocid, r.Id))).ToList();
            skipped += ordered.Count - fresh.Count;
            if (fresh.Count == 0)
            {
                continue;
            }
            var first = ordered[0].Path;
            try
            {
                var tender = await ApplyTenderAsync(db, process.Key, source, ordered, now, cancellationToken);
                foreach (var release in fresh)
                {
                    db.ImportedReleases.Add(new ImportedRelease(release.Ocid, release.Id, tender.Id, source, now));
                }
                newSuppliers.AddRange(await AddPartiesAsync(db, source, ordered, newSuppliers, now, cancellationToken));
                imported += fresh.Count;
            }
            catch (DomainException e)
            {
                problems.Add(new OcdsProblem(first + (e.Field is { } field ? "/" + field.Replace('.', '/') : ""), e.Phrase));
            }
        }
        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, problems);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var supplier in newSuppliers)
        {
            index.Upsert(supplier);
        }
        return new ImportReport(imported, skipped, []);
    }

    private static async Task<Tender> ApplyTenderAsync(PortalDbContext db, string ocid, string source, IReadOnlyList<Indexed> releases, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Tenders.Include(t => t.Lots).SingleOrDefaultAsync(t => t.Ocid == ocid, cancellationToken);
        if (existing is not null && existing.ImportedFrom != source)
        {
            throw DomainException.Conflict(source.Length == 0
                ? new Phrase("{0} was imported from {1}; this package names no publisher.", ocid, existing.ImportedFrom)
                : new Phrase("{0} was imported from {1}; this package is published by {2}.", ocid, existing.ImportedFrom, source), "publisher.name");
        }
        var data = Compile(ocid, source, releases, existing);
        if (existing is null)
        {
            var tender = Tender.Import(data, now);
            db.Tenders.Add(tender);
            return tender;
        }
        existing.RefreshImport(data);
        return existing;
    }

    /// <summary>
    /// The latest state of a process from its releases, oldest first: later values replace earlier ones, and what the
    /// package does not say is kept from the tender imported before (a contract release carries no tender section).
    /// </summary>
    private static ImportedTender Compile(string ocid, string source, IReadOnlyList<Indexed> releases, Tender? existing)
    {
        JsonNode? Latest(Func<JsonObject, JsonNode?> pick) => releases.Select(r => pick(r.Release)).LastOrDefault(n => n is not null);
        var hasTender = releases.Any(r => r.Release["tender"] is JsonObject);
        if (!hasTender && existing is null)
        {
            throw new DomainException(new Phrase("{0} has no tender section and was not imported before: import its tender release first.", ocid), "tender");
        }
        var title = (string?)Latest(r => r["tender"]?["title"]) ?? existing?.Title ?? ocid;
        var description = (string?)Latest(r => r["tender"]?["description"]) ?? existing?.Description ?? "";
        var buyer = (string?)Latest(r => r["buyer"]?["name"]) ?? (string?)Latest(r => r["tender"]?["procuringEntity"]?["name"]) ?? existing?.Buyer ?? "";
        var tenderStatus = (string?)Latest(r => r["tender"]?["status"]);
        var started = Instant((string?)Latest(r => r["tender"]?["tenderPeriod"]?["startDate"])) ?? existing?.PublishedAtUtc
            ?? Instant((string)releases.First(r => r.Release["tender"] is JsonObject).Release["date"]!)!.Value;
        var deadline = Instant((string?)Latest(r => r["tender"]?["tenderPeriod"]?["endDate"])) ?? existing?.DeadlineUtc;
        var value = Latest(r => r["tender"]?["value"]);
        var budget = value is null ? existing?.BudgetYuan ?? 0m : Yuan(value);
        var awards = Latest(r => r["awards"])?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var contracts = Latest(r => r["contracts"])?.AsArray().OfType<JsonObject>().ToList() ?? [];

        LotStatus StatusOf(string? lotId, string? status, LotStatus unchanged)
        {
            bool Concerns(JsonObject award) => award["relatedLots"] is not JsonArray related || related.Any(l => (string?)l == lotId);
            var lotAwards = awards.Where(a => Concerns(a) && (string?)a["status"] is "active" or "pending").Select(a => (string?)a["id"]).ToHashSet();
            if (contracts.Any(c => lotAwards.Contains((string?)c["awardID"]) && (string?)c["status"] is "active" or "terminated"))
            {
                return LotStatus.Contracted;
            }
            if (lotAwards.Count > 0)
            {
                return LotStatus.Awarded;
            }
            return status switch
            {
                "cancelled" or "unsuccessful" or "withdrawn" => LotStatus.Unsuccessful,
                "complete" => LotStatus.Closed,
                null => unchanged,
                _ => LotStatus.Open,
            };
        }
        LotStatus Before(int index) => existing is not null && index < existing.Lots.Count ? existing.Lots[index].Status : LotStatus.Open;

        List<ImportedLot> lots;
        if (Latest(r => r["tender"]?["lots"]) is JsonArray declared && declared.Count > 0)
        {
            lots = declared.OfType<JsonObject>().Select((l, i) => new ImportedLot(
                (string?)l["title"] ?? $"Lot {(string?)l["id"]}", (string?)l["description"] ?? "", Yuan(l["value"]),
                StatusOf((string?)l["id"], (string?)l["status"] ?? tenderStatus, Before(i)))).ToList();
        }
        else if (!hasTender)
        {
            // Lots matched by position: awards naming lots by their source ids leave a lot as it was.
            lots = existing!.Lots.Select((l, i) => new ImportedLot(l.Title, l.Description, l.ValueYuan,
                existing.Lots.Count == 1 ? StatusOf(null, null, l.Status) : l.Status)).ToList();
        }
        else
        {
            lots = [new ImportedLot(title, description, budget, StatusOf(null, tenderStatus, Before(0)))];
        }
        return new ImportedTender(ocid, source, title, description, buyer, budget, started, deadline, lots);
    }

    /// <summary>Tenderer and supplier parties not known yet become unclaimed supplier profiles.</summary>
    private static async Task<List<Supplier>> AddPartiesAsync(PortalDbContext db, string source, IReadOnlyList<Indexed> releases, IReadOnlyList<Supplier> pending,
        DateTime now, CancellationToken cancellationToken)
    {
        var added = new List<Supplier>();
        var parties = releases.SelectMany(r => r.Release["parties"]?.AsArray().OfType<JsonObject>() ?? [])
            .GroupBy(p => (string)p["id"]!).Select(g => g.Last())
            .Where(p => p["roles"] is JsonArray roles && roles.Any(r => (string?)r is "tenderer" or "supplier"));
        foreach (var party in parties)
        {
            var partyId = (string)party["id"]!;
            var code = party["identifier"]?["id"] is JsonValue id && id.TryGetValue<string>(out var text) && CreditCode.IsValid(text) ? text.Trim().ToUpperInvariant() : null;
            if (pending.Concat(added).Any(s => (code is not null && s.CreditCode == code) || (s.ImportedFrom == source && s.ImportedPartyId == partyId))
                || await db.Suppliers.AnyAsync(s => (code != null && s.CreditCode == code) || (s.ImportedFrom == source && s.ImportedPartyId == partyId), cancellationToken))
            {
                continue;
            }
            var scale = (string?)party["details"]?["scale"];
            var size = scale switch
            {
                "micro" or "selfEmployed" => SizeClass.Micro,
                "small" => SizeClass.Small,
                "medium" or "sme" => SizeClass.Medium,
                _ => SizeClass.Large,
            };
            var region = (string?)party["address"]?["region"] ?? (string?)party["address"]?["countryName"] ?? "";
            var supplier = Supplier.Import((string?)party["name"] ?? (string?)party["identifier"]?["legalName"] ?? partyId, code, region, size, source, partyId, now);
            db.Suppliers.Add(supplier);
            added.Add(supplier);
        }
        return added;
    }

    /// <summary>An amount in yuan when the value is in CNY; other currencies are not converted (0).</summary>
    private static decimal Yuan(JsonNode? value) =>
        value is JsonObject v && (string?)v["currency"] == OcdsReleaseBuilder.Currency && v["amount"] is JsonValue amount && amount.TryGetValue<decimal>(out var yuan) ? yuan : 0m;

    private static DateTime? Instant(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.UtcDateTime : null;

    private sealed record Indexed(JsonObject Release, int Index)
    {
        public string Ocid => (string)Release["ocid"]!;
        public string Id => (string)Release["id"]!;
        public DateTime Date => Instant((string)Release["date"]!) ?? DateTime.MinValue;
        public string Path => $"/releases/{Index}";
    }
}
