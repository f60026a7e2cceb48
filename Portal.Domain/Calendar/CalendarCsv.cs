using System.Globalization;

namespace Portal.Domain.Calendar;

/// <summary>
/// A year's calendar as CSV: a header <c>date,kind,name[,nameEn]</c>, then one row a date, <c>kind</c> holiday or workday,
/// dates as yyyy-MM-dd. A row at fault is named by its line in the file (the header is line 1): <c>lines[3].date</c>.
/// </summary>
public static class CalendarCsv
{
    public const string Header = "date,kind,name,nameEn";

    public static (List<CalendarEntry> Holidays, List<CalendarEntry> Workdays) Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        var header = lines.Length > 0 ? Csv.SplitLine(lines[0]).Select(c => c.Trim().ToLowerInvariant()).ToArray() : [];
        if (header.Length < 3 || header[0] != "date" || header[1] != "kind" || header[2] != "name")
        {
            throw new DomainException("The first line is the header date,kind,name (and optionally nameEn).", "lines[1]");
        }
        var holidays = new List<CalendarEntry>();
        var workdays = new List<CalendarEntry>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            var field = $"lines[{i + 1}]";
            var cells = Csv.SplitLine(lines[i]);
            if (cells.Length < 3)
            {
                throw new DomainException("A row has a date, a kind and a name.", field);
            }
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainException("The date is written yyyy-MM-dd, e.g. 2026-10-01.", field + ".date");
            }
            var entry = new CalendarEntry(date, cells[2], cells.Length > 3 ? cells[3] : null);
            switch (cells[1].Trim().ToLowerInvariant())
            {
                case "holiday":
                    holidays.Add(entry);
                    break;
                case "workday":
                    workdays.Add(entry);
                    break;
                default:
                    throw new DomainException("The kind is holiday or workday.", field + ".kind");
            }
        }
        return (holidays, workdays);
    }

    public static string Write(WorkingDayCalendar calendar) =>
        string.Join("\n", [Header, .. calendar.Days.Select(d => Csv.Line([
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Kind == CalendarDayKind.Holiday ? "holiday" : "workday", d.Name, d.NameEn]))]) + "\n";
}
