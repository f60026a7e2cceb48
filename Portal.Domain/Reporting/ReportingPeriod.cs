namespace Portal.Domain.Reporting;

/// <summary>
/// A reporting period of whole days in China Standard Time (UTC+8), both ends included: 2026-01-01 to 2026-12-31 is
/// the year 2026 as a Beijing official reads it.
/// </summary>
public sealed record ReportingPeriod
{
    /// <summary>Longer periods would make per-month series unreadable; five years is the longest report.</summary>
    public const int MaxMonths = 60;

    private static readonly TimeSpan _chinaOffset = TimeSpan.FromHours(8);

    private ReportingPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly To { get; }

    /// <summary>The first instant of the period (00:00 China time on <see cref="From"/>) in UTC.</summary>
    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - _chinaOffset;

    /// <summary>The first instant after the period (00:00 China time the day after <see cref="To"/>) in UTC.</summary>
    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - _chinaOffset;

    /// <summary>The months the period touches, in order (a period of 15 March to 2 May touches March, April and May).</summary>
    public IReadOnlyList<(int Year, int Month)> Months()
    {
        var months = new List<(int, int)>();
        for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
        {
            months.Add((m.Year, m.Month));
        }
        return months;
    }

    public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

    /// <summary>The China-time month of an instant.</summary>
    public static (int Year, int Month) MonthOf(DateTime utc)
    {
        var local = utc + _chinaOffset;
        return (local.Year, local.Month);
    }

    /// <summary>A period that ends no earlier than it starts and spans at most <see cref="MaxMonths"/> months.</summary>
    public static ReportingPeriod Of(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new DomainException("from must be on or before to.", "from");
        }
        if (from.AddMonths(MaxMonths) <= to)
        {
            throw new DomainException($"A report covers at most {MaxMonths} months: choose a later from or an earlier to.", "to");
        }
        return new ReportingPeriod(from, to);
    }

    /// <summary>The twelve months up to and including today (China time): the default period of the reports.</summary>
    public static ReportingPeriod LastTwelveMonths(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(nowUtc + _chinaOffset);
        return new ReportingPeriod(today.AddMonths(-12).AddDays(1), today);
    }

    public override string ToString() => $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}";
}
