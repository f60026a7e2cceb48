using System.Globalization;

namespace Portal.Domain.Effectiveness;

/// <summary>
/// A calendar month of operation, written <c>YYYY-MM</c>. Months are China's (UTC+8, no daylight saving): the period
/// of an instant is the month it falls in in Beijing, and a period starts at 00:00 Beijing time on its first day.
/// </summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static Period Parse(string? text, string field = "period")
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 7 && DateTime.TryParseExact(trimmed, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month.Year is >= 2000 and <= 2100)
        {
            return new Period(month.Year, month.Month);
        }
        throw new DomainException(new Phrase("\"{0}\" is not a period; write the month as YYYY-MM, e.g. 2026-11.", text ?? ""), field);
    }

    /// <summary>The period an instant falls in, in China time.</summary>
    public static Period Of(DateTime utc)
    {
        var china = Guard.Utc(utc, "now") + ChinaOffset;
        return new Period(china.Year, china.Month);
    }

    public static Period Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The first instant of the period (00:00 China time on the 1st), in UTC.</summary>
    public DateTime StartUtc => DateTime.SpecifyKind(new DateTime(Year, Month, 1) - ChinaOffset, DateTimeKind.Utc);

    /// <summary>The first instant after the period, in UTC.</summary>
    public DateTime EndUtc => Next.StartUtc;

    public Period Next => Month == 12 ? new Period(Year + 1, 1) : new Period(Year, Month + 1);

    public Period Previous => Month == 1 ? new Period(Year - 1, 12) : new Period(Year, Month - 1);

    public int CompareTo(Period other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(Period a, Period b) => a.CompareTo(b) < 0;

    public static bool operator >(Period a, Period b) => a.CompareTo(b) > 0;

    public static bool operator <=(Period a, Period b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Period a, Period b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
