using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Calendar;

namespace Portal.Features.Calendar;

/// <summary>A date of a year's calendar as the API and the admin page show it; <c>name</c> is the Chinese name.</summary>
public sealed record CalendarDayView(DateOnly Date, string Name, string NameEn);

/// <summary>A year's calendar; <c>kept</c> false (empty lists) when no one keeps that year: it counts Monday to Friday.</summary>
public sealed record CalendarView(int Year, bool Kept, string? Source, IReadOnlyList<CalendarDayView> Holidays, IReadOnlyList<CalendarDayView> Workdays);

/// <summary>An entry as the API receives it: the date as text so a bad one is named by its field.</summary>
public sealed record CalendarDayInput(string? Date, string? Name, string? NameEn);

public sealed record CalendarInput(string? Source, List<CalendarDayInput>? Holidays, List<CalendarDayInput>? Workdays);

/// <summary>China's working-day calendars: read by anyone, kept by administrators, used by every working-day clock.</summary>
public sealed class CalendarService(IDbContextFactory<PortalDbContext> contexts)
{
    public static void CheckYear(int year)
    {
        if (year is < WorkingDayCalendar.MinYear or > WorkingDayCalendar.MaxYear)
        {
            throw new DomainException(new Phrase("The year is between {0} and {1}.",
                WorkingDayCalendar.MinYear.ToString(CultureInfo.InvariantCulture), WorkingDayCalendar.MaxYear.ToString(CultureInfo.InvariantCulture)), "year");
        }
    }

    public async Task<CalendarView> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calendar = await db.WorkingDayCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        return View(year, calendar);
    }

    public async Task<IReadOnlyList<int>> YearsKeptAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkingDayCalendars.AsNoTracking().Select(c => c.Year).OrderBy(y => y).ToListAsync(cancellationToken);
    }

    /// <summary>Every calendar kept, for counting working days.</summary>
    public async Task<WorkingDays> WorkingDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new WorkingDays(await db.WorkingDayCalendars.AsNoTracking().ToListAsync(cancellationToken));
    }

    /// <summary>The API's body: every date parsed (a bad one named <c>holidays[2].date</c>), then the whole year replaced.</summary>
    public Task<CalendarView> SaveAsync(int year, CalendarInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(year, input.Source, Parse("holidays", input.Holidays), Parse("workdays", input.Workdays), cancellationToken);

    /// <summary>Replaces a year's calendar as a whole, or writes nothing when any entry breaks a rule (audited by the save).</summary>
    public async Task<CalendarView> SaveAsync(int year, string? source, IReadOnlyList<CalendarEntry> holidays, IReadOnlyList<CalendarEntry> workdays, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calendar = await db.WorkingDayCalendars.FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (calendar is null)
        {
            calendar = WorkingDayCalendar.Create(year, source, holidays, workdays);
            db.WorkingDayCalendars.Add(calendar);
        }
        else
        {
            calendar.Replace(source, holidays, workdays);
        }
        await db.SaveChangesAsync(cancellationToken);
        return View(year, calendar);
    }

    /// <summary>A CSV file (<see cref="CalendarCsv"/>) replaces the year; without a source the year's present one is kept.</summary>
    public async Task<CalendarView> ImportCsvAsync(int year, string text, string? source, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        var (holidays, workdays) = CalendarCsv.Parse(text);
        if (string.IsNullOrWhiteSpace(source))
        {
            source = (await GetAsync(year, cancellationToken)).Source;
        }
        return await SaveAsync(year, source, holidays, workdays, cancellationToken);
    }

    private static List<CalendarEntry> Parse(string list, List<CalendarDayInput>? entries)
    {
        var parsed = new List<CalendarEntry>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            if (entry is null || !DateOnly.TryParseExact(entry.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainException("The date is written yyyy-MM-dd, e.g. 2026-10-01.", $"{list}[{i}].date");
            }
            parsed.Add(new CalendarEntry(date, entry.Name, entry.NameEn));
        }
        return parsed;
    }

    private static CalendarView View(int year, WorkingDayCalendar? calendar) => calendar is null
        ? new CalendarView(year, false, null, [], [])
        : new CalendarView(year, true, calendar.Source,
            [.. calendar.Holidays.Select(d => new CalendarDayView(d.Date, d.Name, d.NameEn))],
            [.. calendar.Workdays.Select(d => new CalendarDayView(d.Date, d.Name, d.NameEn))]);
}
