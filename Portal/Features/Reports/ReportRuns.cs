using System.Text.Json;
using Hangfire;
using Portal.Data;

namespace Portal.Features.Reports;

/// <summary>
/// Reports generated in the background for the reports page: each run is a small JSON record (kind, period, state,
/// progress) and, when ready, its PDF, both under <c>{data}/reports/</c>, so a run started on one node can be followed
/// and downloaded from any node sharing the data directory. A user sees only the runs they started.
/// </summary>
public sealed class ReportRuns(StorageOptions storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly string _directory = Path.Combine(storage.DataDirectory, "reports");
    private readonly System.Threading.Lock _lock = new();

    /// <summary>Records a queued run of an official report for the user and enqueues its generation.</summary>
    public ReportRun Start(ReportRequest request, string userId)
    {
        if (!ReportService.IsOfficialKind(request.Kind))
        {
            throw new ArgumentException("Only the period reports run in the background; notices and declarations download directly.", nameof(request));
        }
        var run = new ReportRun(Guid.NewGuid(), userId, request.Kind, request.From, request.To, clock.GetUtcNow().UtcDateTime,
            ReportRunState.Queued, 0, null, null);
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

    public byte[]? ReadFile(ReportRun run) => File.Exists(PdfPath(run.Id)) ? File.ReadAllBytes(PdfPath(run.Id)) : null;

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

    internal void Fail(ReportRun run, string reason) => Write(run with { State = ReportRunState.Failed, Error = reason });

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
}

/// <summary>A background report: what was asked, by whom, how far it is (0–1), and its file name once ready.</summary>
public sealed record ReportRun(
    Guid Id, string UserId, string Kind, DateOnly? From, DateOnly? To, DateTime StartedAtUtc, ReportRunState State, double Progress,
    string? FileName, string? Error);
