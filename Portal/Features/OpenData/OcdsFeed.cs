using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Tenders;

namespace Portal.Features.OpenData;

/// <summary>
/// The open-data feed: the releases of every published tender (imported ones belong to their own publisher), built
/// from the database on request, in release packages. Paged by release date, or the whole feed streamed at once.
/// </summary>
public sealed class OcdsFeed(IDbContextFactory<PortalDbContext> contexts, IOptions<OpenDataOptions> options, TimeProvider clock)
{
    /// <summary>Releases per page of <c>GET /api/v1/ocds/releases</c>.</summary>
    public const int PageSize = 100;

    /// <summary>Tenders loaded at a time while streaming the bulk download.</summary>
    private const int TendersPerBatch = 50;

    public static readonly string[] Extensions =
    [
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/v1.1.5/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/extension.json",
    ];

    private OpenDataOptions Options => options.Value;

    /// <summary>
    /// One page of the releases dated at or after <paramref name="since"/>, oldest first (ties by release id); null when
    /// no release is (page 1 of an empty selection: a package needs at least one release). A page past the last is refused.
    /// </summary>
    public async Task<JsonObject?> PageAsync(DateTime? since, int page, string selfUri, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            throw new DomainException("The page must be a whole number from 1.", "page");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var releases = new List<JsonObject>();
        await foreach (var record in RecordsAsync(cancellationToken))
        {
            releases.AddRange(OcdsReleaseBuilder.Build(record, Options.OcidPrefix, now).Where(r => since is null || ReleaseDate(r) >= since));
        }
        var pages = (releases.Count + PageSize - 1) / PageSize;
        if (pages == 0 && page == 1)
        {
            return null;
        }
        if (page > pages)
        {
            throw new DomainException(pages == 0
                ? since is null
                    ? new Phrase("There are no releases, so no page {0}: page 1 answers 204 No Content until there are.", page)
                    : new Phrase("There are no releases since that date, so no page {0}: page 1 answers 204 No Content until there are.", page)
                : since is null
                    ? new Phrase("The releases fill pages of {0}: choose a page from 1 to {1}.", PageSize, pages)
                    : new Phrase("The releases since that date fill pages of {0}: choose a page from 1 to {1}.", PageSize, pages), "page");
        }
        var ordered = releases.OrderBy(ReleaseDate).ThenBy(r => (string)r["id"]!, StringComparer.Ordinal).Skip((page - 1) * PageSize).Take(PageSize);
        var package = Package(selfUri, now);
        package["releases"] = new JsonArray(ordered.Select(r => (JsonNode)r).ToArray());
        if (page < pages)
        {
            package["links"] = new JsonObject { ["next"] = WithPage(selfUri, page + 1) };
        }
        return package;
    }

    /// <summary>
    /// Writes the whole feed as one release package, tender by tender, without holding it in memory. Writes nothing and
    /// answers false when the portal has no release yet (a package needs at least one), so the caller can still say so.
    /// </summary>
    public async Task<bool> WriteAllAsync(Stream output, string selfUri, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Made with the first release: a writer flushes the output even when empty (which would start an HTTP response).
        Utf8JsonWriter? writer = null;
        try
        {
            await foreach (var record in RecordsAsync(cancellationToken))
            {
                foreach (var release in OcdsReleaseBuilder.Build(record, Options.OcidPrefix, now))
                {
                    writer ??= StartPackage(output, selfUri, now);
                    release.WriteTo(writer);
                }
                if (writer is not null)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }
            if (writer is null)
            {
                return false;
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            return true;
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    /// <summary>A writer that has written the package's fields and opened its <c>releases</c> array.</summary>
    private Utf8JsonWriter StartPackage(Stream output, string selfUri, DateTime now)
    {
        var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        foreach (var (name, value) in Package(selfUri, now))
        {
            writer.WritePropertyName(name);
            value!.WriteTo(writer);
        }
        writer.WriteStartArray("releases");
        return writer;
    }

    private JsonObject Package(string selfUri, DateTime now) => new()
    {
        ["uri"] = selfUri,
        ["version"] = "1.1",
        ["extensions"] = new JsonArray(Extensions.Select(e => (JsonNode)e).ToArray()),
        ["publishedDate"] = OcdsReleaseBuilder.Date(now),
        ["publisher"] = new JsonObject { ["name"] = Options.PublisherName },
        ["license"] = "https://creativecommons.org/licenses/by/4.0/",
    };

    /// <summary>Published tenders of this portal with their bids, bidders, contracts, delivered systems and monthly statements, loaded a batch at a time.</summary>
    private async IAsyncEnumerable<TenderRecord> RecordsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Tenders.Where(t => t.Status == TenderStatus.Published)
            .OrderBy(t => t.PublishedAtUtc).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var batch in ids.Chunk(TendersPerBatch))
        {
            var tenders = await db.Tenders.AsNoTracking().AsSplitQuery().Include(t => t.Lots).Include(t => t.Amendments)
                .Where(t => batch.Contains(t.Id)).ToListAsync(cancellationToken);
            var lotIds = tenders.SelectMany(t => t.Lots).Select(l => l.Id).ToList();
            var bids = await db.Bids.AsNoTracking().Where(b => lotIds.Contains(b.LotId)).ToListAsync(cancellationToken);
            var supplierIds = bids.Select(b => b.SupplierId).Distinct().ToList();
            var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var contracts = await db.Contracts.AsNoTracking().Where(c => lotIds.Contains(c.LotId)).ToListAsync(cancellationToken);
            var systems = await db.DeliveredSystems.AsNoTracking().Where(s => lotIds.Contains(s.LotId)).ToListAsync(cancellationToken);
            var systemIds = systems.Select(s => s.Id).ToList();
            var statements = await db.MonthlyStatements.AsNoTracking().Where(s => systemIds.Contains(s.SystemId)).ToListAsync(cancellationToken);
            foreach (var tender in tenders.OrderBy(t => Array.IndexOf(batch, t.Id)))
            {
                var lots = tender.Lots.Select(l => l.Id).ToHashSet();
                yield return new TenderRecord(tender, bids.Where(b => lots.Contains(b.LotId)).ToList(), suppliers,
                    contracts.Where(c => lots.Contains(c.LotId)).ToList(), systems.Where(s => lots.Contains(s.LotId)).ToList(), statements);
            }
        }
    }

    private static DateTime ReleaseDate(JsonObject release) =>
        DateTime.Parse((string)release["date"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string WithPage(string uri, int page)
    {
        var builder = new UriBuilder(uri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(builder.Query);
        var pairs = query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"page={page}");
        builder.Query = string.Join("&", pairs);
        return builder.Uri.ToString();
    }
}
