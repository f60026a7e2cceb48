namespace Portal.Tests.Infrastructure;

/// <summary>Real time, moved forward when a test says so, so deadlines pass without sleeping.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _ahead;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _ahead;

    public void Advance(TimeSpan by) => _ahead += by;

    /// <summary>Back to real time (a shared portal's tests put it back after moving it ahead).</summary>
    public void Reset() => _ahead = TimeSpan.Zero;
}
