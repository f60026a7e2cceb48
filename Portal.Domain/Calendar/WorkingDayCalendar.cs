using System.Globalization;

namespace Portal.Domain.Calendar;

/// <summary>A day the State Council's notice sets apart: a public holiday (a day off) or a make-up working day (调休上班).</summary>
public enum CalendarDayKind
{
    Holiday,
    Workday,
}

/// <summary>One date of a year's calendar with its name in Chinese and English (e.g. 春节 / Spring Festival).</summary>
public sealed class CalendarDay
{
    public const int MaxNameLength = 100;

    private CalendarDay()
    {
        Name = "";
        NameEn = "";
    }

    internal CalendarDay(DateOnly date, CalendarDayKind kind, string name, string nameEn)
    {
        Date = date;
        Kind = kind;
        Name = name;
        NameEn = nameEn;
    }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    /// <summary>The Chinese name, as the notice writes it.</summary>
    public string Name { get; private set; }

    public string NameEn { get; private set; }
}

/// <summary>An entry as given by an administrator or a seed file; <see cref="NameEn"/> defaults to <see cref="Name"/>.</summary>
public sealed record CalendarEntry(DateOnly Date, string? Name, string? NameEn = null);

/// <summary>
/// China's working-day calendar for one year: the public holidays and the make-up working days of the State Council
/// General Office's notice named in <see cref="Source"/>. Every other day is a working day Monday to Friday.
/// Invariants: every date is in the year; a make-up working day is a Saturday or a Sunday; no date is both; no date twice.
/// A holiday may fall on any day of the week.
/// </summary>
public sealed class WorkingDayCalendar
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxSourceLength = 300;
    public const int MaxEntries = 100;

    private readonly List<CalendarDay> _days = [];

    private WorkingDayCalendar()
    {
        Source = "";
    }

    public int Year { get; private set; }

    /// <summary>The notice the dates come from (its title), and where it was transcribed from if not the notice itself.</summary>
    public string Source { get; private set; }

    public IReadOnlyList<CalendarDay> Days => _days;

    public IEnumerable<CalendarDay> Holidays => _days.Where(d => d.Kind == CalendarDayKind.Holiday).OrderBy(d => d.Date);

    public IEnumerable<CalendarDay> Workdays => _days.Where(d => d.Kind == CalendarDayKind.Workday).OrderBy(d => d.Date);

    public static WorkingDayCalendar Create(int year, string? source, IReadOnlyList<CalendarEntry> holidays, IReadOnlyList<CalendarEntry> workdays)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainException(new Phrase("The year is between {0} and {1}.", MinYear.ToString(CultureInfo.InvariantCulture), MaxYear.ToString(CultureInfo.InvariantCulture)), "year");
        }
        var calendar = new WorkingDayCalendar { Year = year };
        calendar.Replace(source, holidays, workdays);
        return calendar;
    }

    /// <summary>Replaces the whole calendar of the year, or changes nothing when any entry breaks a rule.</summary>
    public void Replace(string? source, IReadOnlyList<CalendarEntry> holidays, IReadOnlyList<CalendarEntry> workdays)
    {
        var days = Validate(Year, source, holidays, workdays);
        Source = source!.Trim();
        _days.Clear();
        _days.AddRange(days);
    }

    public CalendarDay? DayOf(DateOnly date) => _days.FirstOrDefault(d => d.Date == date);

    /// <summary>A working day: a make-up working day, or Monday to Friday and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (date.Year != Year)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Not in {Year}.");
        }
        return DayOf(date)?.Kind switch
        {
            CalendarDayKind.Holiday => false,
            CalendarDayKind.Workday => true,
            _ => !IsWeekend(date),
        };
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static List<CalendarDay> Validate(int year, string? source, IReadOnlyList<CalendarEntry> holidays, IReadOnlyList<CalendarEntry> workdays)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new DomainException("Name the notice the dates come from.", "source");
        }
        if (source.Trim().Length > MaxSourceLength)
        {
            throw new DomainException(new Phrase("The source is at most {0} characters.", MaxSourceLength), "source");
        }
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        var days = new List<CalendarDay>();
        var seen = new Dictionary<DateOnly, string>();
        foreach (var (list, kind, entries) in new[] { ("holidays", CalendarDayKind.Holiday, holidays), ("workdays", CalendarDayKind.Workday, workdays) })
        {
            if (entries.Count > MaxEntries)
            {
                throw new DomainException(new Phrase("A year has at most {0} entries of each kind.", MaxEntries), list);
            }
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var field = $"{list}[{i}]";
                if (entry.Date.Year != year)
                {
                    throw new DomainException(new Phrase("{0} is not in {1}.", entry.Date, yearText), field + ".date");
                }
                if (kind == CalendarDayKind.Workday && !IsWeekend(entry.Date))
                {
                    throw new DomainException(new Phrase("{0} is not a Saturday or a Sunday: a make-up working day is a weekend day worked.", entry.Date), field + ".date");
                }
                if (seen.TryGetValue(entry.Date, out var first))
                {
                    throw new DomainException(new Phrase("{0} is already given as {1}: a date is a holiday or a make-up working day, once.", entry.Date, first), field + ".date");
                }
                var name = entry.Name?.Trim();
                if (string.IsNullOrEmpty(name))
                {
                    throw new DomainException("Give the holiday's name.", field + ".name");
                }
                var nameEn = string.IsNullOrWhiteSpace(entry.NameEn) ? name : entry.NameEn.Trim();
                if (name.Length > CalendarDay.MaxNameLength)
                {
                    throw new DomainException(new Phrase("The name is at most {0} characters.", CalendarDay.MaxNameLength), field + ".name");
                }
                if (nameEn.Length > CalendarDay.MaxNameLength)
                {
                    throw new DomainException(new Phrase("The name is at most {0} characters.", CalendarDay.MaxNameLength), field + ".nameEn");
                }
                seen[entry.Date] = $"{field}.date";
                days.Add(new CalendarDay(entry.Date, kind, name, nameEn));
            }
        }
        return [.. days.OrderBy(d => d.Date)];
    }
}
