using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;

namespace Portal.Data.Seeding;

/// <summary>
/// China's working-day calendars of <c>seed-data/calendar/</c> (the State Council's notices as chinese-days 1.5.7
/// transcribes them; <c>notices.json</c> names each year's notice). Reference data, not demo data: loaded at every
/// start, also with <c>Seed:Demo=false</c>, for each year the database has no calendar of; a year kept by an
/// administrator is never overwritten (decision 0027).
/// </summary>
public static class CalendarSeed
{

    public static async Task<IReadOnlyList<int>> RunAsync(PortalDbContext db, string directory, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(directory, "calendar");
        var noticesFile = Path.Combine(folder, "notices.json");
        if (!File.Exists(noticesFile))
        {
            return [];
        }
        using var notices = JsonDocument.Parse(await File.ReadAllTextAsync(noticesFile, cancellationToken));
        var source = notices.RootElement.GetProperty("source").GetString()!;
        var kept = await db.WorkingDayCalendars.Select(c => c.Year).ToListAsync(cancellationToken);
        var added = new List<int>();
        foreach (var notice in notices.RootElement.GetProperty("notices").EnumerateObject().OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            var year = int.Parse(notice.Name, CultureInfo.InvariantCulture);
            if (kept.Contains(year))
            {
                continue;
            }
            using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, $"{notice.Name}.json"), cancellationToken));
            db.WorkingDayCalendars.Add(WorkingDayCalendar.Create(year, $"{notice.Value.GetString()}（{source}）",
                Entries(file.RootElement.GetProperty("holidays")), Entries(file.RootElement.GetProperty("workdays"))));
            added.Add(year);
        }
        if (added.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return added;
    }

    /// <summary>chinese-days writes <c>"2025-01-28": "Spring Festival,春节,4"</c>: English name, Chinese name, length.</summary>
    private static List<CalendarEntry> Entries(JsonElement days) =>
        [.. days.EnumerateObject().Select(d =>
        {
            var parts = d.Value.GetString()!.Split(',');
            return new CalendarEntry(DateOnly.ParseExact(d.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture), parts[1], parts[0]);
        })];
}
