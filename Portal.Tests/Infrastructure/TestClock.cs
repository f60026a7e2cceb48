namespace Portal.Tests.Infrastructure;

/// <summary>A clock that starts at the real time and moves only when a test moves it, so deadlines pass without sleeping.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTime UtcNow => _now.UtcDateTime;

    public void Advance(TimeSpan by) => _now += by;
}
