namespace Portal.Benchmarks;

/// <summary>A clock stopped at one instant, so that "valid today" and "within N years" give the same answers every run.</summary>
internal sealed class FixedClock(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
}
