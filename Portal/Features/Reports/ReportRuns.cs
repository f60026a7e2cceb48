using Portal.Domain;
using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Reports;

/// <summary>
/// Reports generated in the background for the reports page: each run is a small JSON record (kind, period, state,
/// progress) and, when ready, its PDF, both under <c>{data}/reports/</c>, so a run started on one node can be followed
/// and downloaded from any node sharing the data directory. A user sees only the runs they started. A run's PDF is kept
/// for <c>Reports:KeepRunsForHours</c>; then the housekeeping job deletes it and the run shows as expired (decision 0017).
/// </summary>
public sealed class ReportRuns(StorageOptions storage, IBackgroundJobClient jobs, IOptions<ReportOptions> options, TimeProvider clock, ILogger<ReportRuns> logger)
{
    /// <summary>How long an expired run stays listed (as expired) before its record is deleted too.</summary>
    public static readonly TimeSpan ExpiredRunsListedFor = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly string _directory = Path.Combine(storage.DataDirectory, "reports");
    private readonly System.Threading.Lock _lock = new();

    /// <summary>How long a run's PDF is kept after the run started (<c>Reports:KeepRunsForHours</c>).</summary>
    public TimeSpan KeepFor => options.Value.KeepRunsFor;

    /// <summary>
    /// Records a queued run of an official report for the user and enqueues its generation. An effectiveness report of
    /// one system carries the system's name, to show in the user's list of runs. The run keeps the user's language
    /// (<paramref name="culture"/>, else the current UI culture): the job writes the PDF in it.
    /// </summary>
    public ReportRun Start(ReportRequest request, string userId, string? systemName = null, CultureInfo? culture = null)
    {
        if (!ReportService.IsOfficialKind(request.Kind))
        {
            throw new ArgumentException("Only the period reports run in the background; notices and declarations download directly.", nameof(request));
        }
        var run = new ReportRun(Guid.NewGuid(), userId, request.Kind, request.From, request.To, clock.GetUtcNow().UtcDateTime,
            ReportRunState.Queued, 0, null, null, request.SystemId, systemName,
            ReportReader.LanguageOf((culture ?? CultureInfo.CurrentUICulture).Name).Name);
        Write(run);
        jobs.Enqueue<ReportRunJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    /// <summary>The user's run with this id; null when there is none (or it is someone else's).</summary>
    public ReportRun? Find(Guid id, string userId) => Read(id) is { } run && run.UserId == userId ? run : null;

    /// <summary>The user's most recent runs, newest first.</summary>
    public IReadOnlyList<ReportRun> RecentFor(string userId, int count = 10)
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }
        return Directory.EnumerateFiles(_directory, "*.json")
            .Select(f => Guid.TryParse(Path.GetFileNameWithoutExtension(f), out var id) ? Read(id) : null)
            .OfType<ReportRun>()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.StartedAtUtc)
            .Take(count)
            .ToList();
    }

    /// <summary>
    /// The PDF of one of the user's finished runs; 410 (gone) when it was swept after <see cref="KeepFor"/>, 404 when the
    /// user has no such run or it has not finished.
    /// </summary>
    public ReportOutcome Download(Guid id, string userId) => Find(id, userId) switch
    {
        { State: ReportRunState.Ready } run when ReadFile(run) is { } content => ReportOutcome.Pdf(content, run.FileName!),
        { State: ReportRunState.Ready or ReportRunState.Expired } => ReportOutcome.Gone(new Phrase(
            "This report has expired: a report is kept for {0} hours after it was started. Generate it again on the reports page.", options.Value.KeepRunsForHours)),
        _ => ReportOutcome.NotFound("No finished report run of yours has this id."),
    };

    /// <summary>
    /// Housekeeping: a run started more than <see cref="KeepFor"/> ago loses its PDF and shows as expired (an unfinished
    /// one too: its job was lost); <see cref="ExpiredRunsListedFor"/> later its record goes as well. Records half-written
    /// by a crash (<c>*.tmp</c>) and PDFs without a record go once they are older than <paramref name="temporaryFilesKeptFor"/>
    /// and <see cref="KeepFor"/>. A file being read or written is left for the next sweep.
    /// </summary>
    public ReportSweep Sweep(TimeSpan temporaryFilesKeptFor)
    {
        if (!Directory.Exists(_directory))
        {
            return new ReportSweep(0, 0, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (expired, forgotten) = (0, 0);
        foreach (var run in Directory.GetFiles(_directory, "*.json").Select(f => Guid.TryParse(Path.GetFileNameWithoutExtension(f), out var id) ? Read(id) : null).OfType<ReportRun>())
        {
            if (run.StartedAtUtc < now - KeepFor - ExpiredRunsListedFor)
            {
                StaleFiles.TryDelete(PdfPath(run.Id), logger);
                forgotten += StaleFiles.TryDelete(JsonPath(run.Id), logger) ? 1 : 0;
            }
            else if (run.StartedAtUtc < now - KeepFor)
            {
                if (run.State != ReportRunState.Expired)
                {
                    // Marked first, so that nobody is offered a download whose file is about to go.
                    Write(run with { State = ReportRunState.Expired });
                    expired++;
                }
                StaleFiles.TryDelete(PdfPath(run.Id), logger);
            }
        }
        var leftOver = StaleFiles.DeleteWrittenBefore(_directory, "*.tmp", now - temporaryFilesKeptFor, logger)
            + Directory.GetFiles(_directory, "*.pdf")
                .Count(pdf => !File.Exists(Path.ChangeExtension(pdf, ".json")) && File.GetLastWriteTimeUtc(pdf) < now - KeepFor && StaleFiles.TryDelete(pdf, logger));
        return new ReportSweep(expired, forgotten, leftOver);
    }

    private byte[]? ReadFile(ReportRun run)
    {
        try
        {
            return File.ReadAllBytes(PdfPath(run.Id));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    internal ReportRun? Read(Guid id)
    {
        lock (_lock)
        {
            var path = JsonPath(id);
            return File.Exists(path) ? JsonSerializer.Deserialize<ReportRun>(File.ReadAllText(path), _json) : null;
        }
    }

    internal void Progress(ReportRun run, double done) => Write(run with { State = ReportRunState.Running, Progress = Math.Clamp(done, 0, 0.99) });

    internal void Complete(ReportRun run, ReportFile file)
    {
        File.WriteAllBytes(PdfPath(run.Id), file.Content);
        Write(run with { State = ReportRunState.Ready, Progress = 1, FileName = file.FileName });
    }

    internal void Fail(ReportRun run, Phrase reason) => Write(run with { State = ReportRunState.Failed, Error = reason });

    private void Write(ReportRun run)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(_directory);
            // Written aside and moved into place: a reader never sees half a record.
            var temporary = JsonPath(run.Id) + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(run, _json));
            File.Move(temporary, JsonPath(run.Id), overwrite: true);
        }
    }

    private string JsonPath(Guid id) => Path.Combine(_directory, $"{id:N}.json");

    private string PdfPath(Guid id) => Path.Combine(_directory, $"{id:N}.pdf");
}

public enum ReportRunState
{
    Queued,
    Running,
    Ready,
    Failed,

    /// <summary>Its PDF was deleted after <c>Reports:KeepRunsForHours</c>.</summary>
    Expired,
}

/// <summary>
/// A background report: what was asked, by whom, how far it is (0–1), and its file name once ready; for the
/// effectiveness report of one system, that system; the language of the user who asked (zh-CN or en; a run recorded
/// before languages were kept has none and is written in zh-CN).
/// </summary>
public sealed record ReportRun(
    Guid Id, string UserId, string Kind, DateOnly? From, DateOnly? To, DateTime StartedAtUtc, ReportRunState State, double Progress,
    string? FileName, Phrase? Error, Guid? SystemId = null, string? SystemName = null, string? Language = null);

/// <summary>What a sweep removed: runs newly expired, expired runs forgotten, and left-over files (crashed writes, PDFs without a run).</summary>
public sealed record ReportSweep(int Expired, int Forgotten, int LeftOverFiles);
