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

    /// <summary>
    /// The period cut at calendar boundaries into parts of <paramref name="months"/> months (3: quarters, 6: half-years,
    /// 12: years), in order; the first and the last part are clipped to the period (2024-11-24 to 2025-02-10 in quarters
    /// is 2024-11-24 to 2024-12-31 and 2025-01-01 to 2025-02-10).
    /// </summary>
    public IReadOnlyList<ReportingPeriod> CalendarParts(int months)
    {
        if (months is not (1 or 2 or 3 or 4 or 6 or 12))
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "A calendar part is a whole number of months that divides the year.");
        }
        var parts = new List<ReportingPeriod>();
        for (var start = new DateOnly(From.Year, (From.Month - 1) / months * months + 1, 1); start <= To; start = start.AddMonths(months))
        {
            var end = start.AddMonths(months).AddDays(-1);
            parts.Add(new ReportingPeriod(start < From ? From : start, end > To ? To : end));
        }
        return parts;
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
            throw new DomainException(new Phrase("A report covers at most {0} months: choose a later from or an earlier to.", MaxMonths), "to");
        }
        return new ReportingPeriod(from, to);
    }

    /// <summary>The twelve months up to and including today (China time): the default period of the reports.</summary>
    public static ReportingPeriod LastTwelveMonths(DateTime nowUtc) => LastMonths(12, nowUtc);

    /// <summary>The <paramref name="months"/> months up to and including today (China time), at most <see cref="MaxMonths"/>.</summary>
    public static ReportingPeriod LastMonths(int months, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);
        var today = DateOnly.FromDateTime(nowUtc + _chinaOffset);
        return new ReportingPeriod(today.AddMonths(-months).AddDays(1), today);
    }

    public override string ToString() => $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}";
}
