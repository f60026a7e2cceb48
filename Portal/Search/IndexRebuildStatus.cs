namespace Portal.Search;

/// <summary>
/// Progress of the supplier index rebuild on this node, for the admin page to show live. One instance per process:
/// the job writes it from a Hangfire worker thread, pages read it from their circuits. Each change swaps one immutable
/// <see cref="IndexRebuildState"/>, so a reader never sees half an update.
/// </summary>
/// <remarks>
/// Per node, like the index itself. In PostgreSQL mode the nodes share one job queue, so a rebuild enqueued here may
/// run (and be reported) on another node and rebuild only that node's index; the cross-node sync comes later.
/// </remarks>
public sealed class IndexRebuildStatus(TimeProvider clock)
{
    private readonly System.Threading.Lock _lock = new();
    private IndexRebuildState _state = IndexRebuildState.NeverRun;

    /// <summary>Raised after every change, on the thread that made it (a job worker): handlers must not block.</summary>
    public event Action? Changed;

    public IndexRebuildState Current => Volatile.Read(ref _state);

    public bool Running => Current.Running;
    public int Indexed => Current.Indexed;
    public int Total => Current.Total;
    public DateTimeOffset? StartedAt => Current.StartedAt;
    public DateTimeOffset? FinishedAt => Current.FinishedAt;
    public string? LastError => Current.LastError;

    /// <summary>
    /// Marks a rebuild of about <paramref name="total"/> suppliers as started, unless one is already running on this
    /// node: two rebuilds at once would each wipe the index under the other.
    /// </summary>
    public bool TryStart(int total)
    {
        lock (_lock)
        {
            if (_state.Running)
            {
                return false;
            }
            _state = new IndexRebuildState(true, 0, total, clock.GetUtcNow(), null, null);
        }
        Changed?.Invoke();
        return true;
    }

    public void ReportProgress(int indexed) => Update(s => s.Running ? s with { Indexed = indexed } : s);

    /// <summary>
    /// Ends the run. The total becomes the number actually indexed: the count read before the start is an estimate
    /// (suppliers may register while the rebuild runs).
    /// </summary>
    public void Succeed(int indexed) =>
        Update(s => s with { Running = false, Indexed = indexed, Total = indexed, FinishedAt = clock.GetUtcNow() });

    public void Fail(string error) => Update(s => s with { Running = false, FinishedAt = clock.GetUtcNow(), LastError = error });

    private void Update(Func<IndexRebuildState, IndexRebuildState> change)
    {
        lock (_lock)
        {
            _state = change(_state);
        }
        Changed?.Invoke();
    }
}

/// <summary>One consistent view of the rebuild status.</summary>
public sealed record IndexRebuildState(
    bool Running, int Indexed, int Total, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? LastError)
{
    public static readonly IndexRebuildState NeverRun = new(false, 0, 0, null, null, null);

    /// <summary>How long the last finished run took; null while running or before the first run.</summary>
    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } end ? end - start : null;

    /// <summary>Share done, 0–100, for a progress bar.</summary>
    public double Percent => Total > 0 ? Math.Min(100.0, 100.0 * Indexed / Total) : Running ? 0 : 100;
}
