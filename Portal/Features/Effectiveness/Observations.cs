using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Localization;
using Portal.Domain;
using Portal.Domain.Effectiveness;

namespace Portal.Features.Effectiveness;

/// <summary>
/// KPI observations in: one at a time (the form, or the system itself with its API key) or a CSV file, all-or-nothing.
/// Every check is the domain's (<see cref="KpiObservation.Record"/>); this class finds what it needs to know (is the
/// period observed already? rated?) and saves.
/// </summary>
public sealed class Observations(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<Observations> logger)
{
    /// <summary>The largest CSV file taken: 5 MB is about 80,000 observations, years of every system's months.</summary>
    public const long CsvMaxBytes = 5 * 1024 * 1024;

    public const string CsvHeader = "system_id,period,kpi,value";

    /// <summary>The most row problems a report lists; the count of the rest is given.</summary>
    public const int MaxReportedProblems = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Checks an <c>X-Api-Key</c> for a system: the key's prefix (for <c>recordedBy</c>) when it is active and the
    /// system's; otherwise why not — unknown or revoked (the API's 401) or another system's (403).
    /// </summary>
    public async Task<ApiKeyCheck> CheckKeyAsync(Guid systemId, string secret, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = SystemApiKey.HashOf(secret.Trim());
        var key = await db.SystemApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        return key switch
        {
            null => ApiKeyCheck.Refused(false, Phrase.Of("The API key is not known.")),
            { RevokedAtUtc: { } revoked } => ApiKeyCheck.Refused(false,
                new Phrase("The API key {0}… was revoked on {1}; ask the responsible officer for a new one.", key.Prefix, revoked)),
            _ when key.SystemId != systemId => ApiKeyCheck.Refused(true,
                new Phrase("The API key {0}… belongs to another system: it can only post that system's observations.", key.Prefix)),
            _ => new ApiKeyCheck(true, "api-key:" + key.Prefix, null),
        };
    }

    /// <summary>Records one observation; null when there is no such system.</summary>
    public async Task<ObservationView?> RecordAsync(Guid systemId, ObservationInput input, ObservationSource source, string recordedBy, CancellationToken cancellationToken = default)
    {
        var period = Period.Parse(input.Period ?? throw new DomainException("Enter the period as YYYY-MM.", "period"));
        var kpi = Kpis.ParseOrThrow(input.Kpi ?? throw new DomainException(new Phrase("Say which KPI: one of {0}.", Kpis.Keys), "kpi"));
        var value = input.Value ?? throw new DomainException("Enter the value.", "value");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.DeliveredSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        if (system is null)
        {
            return null;
        }
        var key = period.ToString();
        var observed = await db.KpiObservations.AnyAsync(o => o.SystemId == systemId && o.Period == key && o.Kpi == kpi, cancellationToken);
        var rated = await db.MonthlyStatements.AnyAsync(s => s.SystemId == systemId && s.Period == key, cancellationToken);
        var observation = KpiObservation.Record(system, period, kpi, value, source, recordedBy, Now, observed, rated);
        db.KpiObservations.Add(observation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // The same value sent twice at once: the unique (system, period, KPI) index kept the first.
            logger.LogInformation(ex, "A simultaneous observation of {Kpi} for {Period} on system {SystemId} was refused.", kpi, key, systemId);
            throw KpiObservation.DuplicatePeriod(period, kpi);
        }
        return ObservationView.From(observation);
    }

    /// <summary>
    /// Imports a CSV file (<c>system_id,period,kpi,value</c>, UTF-8, a byte-order mark accepted): every row is checked
    /// against the domain, the database and the rows before it, and either all are saved or none, with each bad row's
    /// number and reason. A file over <see cref="CsvMaxBytes"/> is refused unread.
    /// </summary>
    public async Task<CsvImport> ImportCsvAsync(Stream file, long? length, string recordedBy, CancellationToken cancellationToken = default)
    {
        var text = await ReadLimitedAsync(file, length, cancellationToken);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (!string.Equals(lines[0].Replace(" ", "", StringComparison.Ordinal), CsvHeader, StringComparison.OrdinalIgnoreCase))
        {
            return CsvImport.Refused([new CsvRowProblem(1, new Phrase("The first line must be the header {0}; found \"{1}\".", CsvHeader, Shorten(lines[0])))]);
        }
        var rows = lines.Select((line, index) => (Row: index + 1, Cells: Csv.SplitLine(line)))
            .Skip(1)
            .Where(r => !(r.Cells.Length == 1 && string.IsNullOrWhiteSpace(r.Cells[0])))
            .ToList();
        if (rows.Count == 0)
        {
            return CsvImport.Refused([new CsvRowProblem(1, Phrase.Of("The file has no observations below its header."))]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = rows.Select(r => Guid.TryParse(r.Cells[0].Trim(), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var systems = await db.DeliveredSystems.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var observed = (await db.KpiObservations.AsNoTracking().Where(o => ids.Contains(o.SystemId)).Select(o => new { o.SystemId, o.Period, o.Kpi }).ToListAsync(cancellationToken))
            .Select(o => (o.SystemId, o.Period, o.Kpi)).ToHashSet();
        var rated = (await db.MonthlyStatements.AsNoTracking().Where(s => ids.Contains(s.SystemId)).Select(s => new { s.SystemId, s.Period }).ToListAsync(cancellationToken))
            .Select(s => (s.SystemId, s.Period)).ToHashSet();

        var now = Now;
        var problems = new List<CsvRowProblem>();
        var accepted = new List<KpiObservation>();
        var firstRowOf = new Dictionary<(Guid, string, Kpi), int>();
        foreach (var (row, cells) in rows)
        {
            try
            {
                var observation = ParseRow(cells, systems, observed, rated, recordedBy, now);
                var key = (observation.SystemId, observation.Period, observation.Kpi);
                if (firstRowOf.TryGetValue(key, out var first))
                {
                    throw new DomainException(
                        new Phrase("Duplicate period: {0} for {1} of this system is already on row {2}.", Kpis.ToKey(observation.Kpi), observation.Period, first), "period");
                }
                firstRowOf[key] = row;
                accepted.Add(observation);
            }
            catch (DomainException ex)
            {
                problems.Add(new CsvRowProblem(row, ex.Phrase));
            }
        }
        if (problems.Count > 0)
        {
            return CsvImport.Refused(problems);
        }
        db.KpiObservations.AddRange(accepted);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "A CSV import overlapped another import of the same observations; nothing was saved.");
            throw DomainException.Conflict("Some of these observations were recorded meanwhile by someone else: nothing was imported; check and import again.");
        }
        logger.LogInformation("Imported {Count} observations from CSV by {RecordedBy}.", accepted.Count, recordedBy);
        return new CsvImport(accepted.Count, []);
    }

    private static KpiObservation ParseRow(
        string[] cells, Dictionary<Guid, DeliveredSystem> systems, HashSet<(Guid, string, Kpi)> observed, HashSet<(Guid, string)> rated,
        string recordedBy, DateTime now)
    {
        if (cells.Length != 4)
        {
            throw new DomainException(new Phrase("The row has {0} cells; it needs 4 ({1}).", cells.Length, CsvHeader));
        }
        var idText = cells[0].Trim();
        if (!Guid.TryParse(idText, out var systemId))
        {
            throw new DomainException(new Phrase("system_id \"{0}\" is not a system id.", Shorten(idText)), "system_id");
        }
        if (!systems.TryGetValue(systemId, out var system))
        {
            throw new DomainException(new Phrase("Unknown system: no delivered system has the id {0}.", systemId.ToString()), "system_id");
        }
        var period = Period.Parse(cells[1]);
        var kpi = Kpis.ParseOrThrow(cells[2]);
        var valueText = cells[3].Trim();
        if (!decimal.TryParse(valueText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new DomainException(new Phrase("value \"{0}\" is not a number (write e.g. 72.5, with a dot).", Shorten(valueText)), "value");
        }
        var key = period.ToString();
        return KpiObservation.Record(system, period, kpi, value, ObservationSource.Csv, recordedBy, now,
            observed.Contains((systemId, key, kpi)), rated.Contains((systemId, key)));
    }

    /// <summary>The file as text, refused with a 413 naming the limit as soon as it is known to be larger.</summary>
    private static async Task<string> ReadLimitedAsync(Stream file, long? length, CancellationToken cancellationToken)
    {
        var tooLarge = DomainException.TooLarge(new Phrase("The file is larger than the limit of {0} MB; split it into smaller files.", CsvMaxBytes / 1024 / 1024), "file");
        if (length > CsvMaxBytes)
        {
            throw tooLarge;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > CsvMaxBytes)
            {
                throw tooLarge;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}

/// <summary>The result of checking an API key: who posts (<c>api-key:psk_…</c>), or why not (403 when <see cref="Authenticated"/>, else 401).</summary>
public sealed record ApiKeyCheck(bool Authenticated, string? RecordedBy, Phrase? Refusal)
{
    public bool Allowed => Refusal is null;

    public static ApiKeyCheck Refused(bool authenticated, Phrase reason) => new(authenticated, null, reason);
}

/// <summary>A CSV import: how many observations were saved, or (nothing saved) the problems by row.</summary>
public sealed record CsvImport(int Imported, IReadOnlyList<CsvRowProblem> Problems)
{
    public static CsvImport Refused(IReadOnlyList<CsvRowProblem> problems) => new(0, problems);
}
