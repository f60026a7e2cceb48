namespace Portal.Tests.Infrastructure;

/// <summary>A clock that always says the same time, so dates in tests do not drift.</summary>
public sealed class FixedClock(DateTime utc) : TimeProvider
{
    private readonly DateTimeOffset _now = new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public override DateTimeOffset GetUtcNow() => _now;
}
