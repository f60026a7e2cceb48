namespace Portal.Domain.Calendar;

/// <summary>
/// A day reached by counting working days, and the years counted without a calendar (Monday to Friday assumed).
/// Every deadline computed through such a year says so (<see cref="Assumed"/>).
/// </summary>
public sealed record WorkingDayResult(DateOnly Day, IReadOnlyList<int> YearsWithoutCalendar)
{
    public bool Assumed => YearsWithoutCalendar.Count > 0;
}

/// <summary>
/// Counts working days on the calendars known. As 财政部令第94号 counts a clock, the day of the event is not counted:
/// "N working days after D" is the N-th working day from the day after D, the last day of the clock. A year without a
/// calendar counts Monday to Friday and the result names it.
/// </summary>
public sealed class WorkingDays
{
    /// <summary>Longer than any statutory clock by far; a guard against a mistaken count walking for ever.</summary>
    public const int MaxDays = 1000;

    private readonly Dictionary<int, WorkingDayCalendar> _calendars;

    public WorkingDays(IEnumerable<WorkingDayCalendar> calendars)
    {
        _calendars = calendars.ToDictionary(c => c.Year);
    }

    public bool HasCalendar(int year) => _calendars.ContainsKey(year);

    /// <summary>Whether <paramref name="date"/> is a working day, and whether its year had to be assumed Monday to Friday.</summary>
    public (bool Working, bool Assumed) IsWorkingDay(DateOnly date) => _calendars.TryGetValue(date.Year, out var calendar)
        ? (calendar.IsWorkingDay(date), false)
        : (!WorkingDayCalendar.IsWeekend(date), true);

    /// <summary>The last day of a clock of <paramref name="days"/> working days starting the day after <paramref name="from"/>; 0 answers <paramref name="from"/> itself.</summary>
    public WorkingDayResult After(DateOnly from, int days)
    {
        if (days is < 0 or > MaxDays)
        {
            throw new DomainException(new Phrase("A count of working days is between 0 and {0}.", MaxDays), "days");
        }
        var assumed = new SortedSet<int>();
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            var (working, guessed) = IsWorkingDay(day);
            if (guessed)
            {
                assumed.Add(day.Year);
            }
            if (working)
            {
                counted++;
            }
        }
        return new WorkingDayResult(day, [.. assumed]);
    }

    /// <summary>Working days left on a clock ending on <paramref name="lastDay"/>, counting from the day after <paramref name="today"/>; 0 once it is past.</summary>
    public (int Days, bool Assumed) Left(DateOnly today, DateOnly lastDay)
    {
        var left = 0;
        var assumed = false;
        for (var day = today.AddDays(1); day <= lastDay; day = day.AddDays(1))
        {
            var (working, guessed) = IsWorkingDay(day);
            assumed |= guessed;
            if (working)
            {
                left++;
            }
        }
        return (left, assumed);
    }
}
