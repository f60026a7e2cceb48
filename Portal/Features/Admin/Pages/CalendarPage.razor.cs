using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Features.Calendar;
using Portal.Localization;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// An administrator keeps a year's working-day calendar: holidays and make-up working days with their names, added,
/// removed or replaced from CSV on the page, then saved as a whole through <see cref="CalendarService"/> (the rules are
/// the domain's; a refused date is shown on its row and nothing is saved).
/// </summary>
public partial class CalendarPage
{
    [Inject] private CalendarService Calendars { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private sealed record Row(DateOnly Date, CalendarDayKind Kind, string Name, string NameEn);

    private List<Row> _rows = [];
    private List<int> _years = [];
    private int _year;
    private bool _kept;
    private bool _loading = true;
    private bool _saving;
    private string? _source;
    private string? _error;
    private string? _errorField;
    private string? _addError;
    private DateTime? _newDate;
    private CalendarDayKind _newKind = CalendarDayKind.Holiday;
    private string? _newName;
    private string? _newNameEn;

    protected override async Task OnInitializedAsync()
    {
        var thisYear = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        var kept = await Calendars.YearsKeptAsync();
        _years = [.. kept.Concat(Enumerable.Range(thisYear - 1, 3)).Distinct().Order()];
        await SelectYearAsync(thisYear);
    }

    private static string Key(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "holidays" : "workdays";

    private List<Row> Rows(CalendarDayKind kind) => [.. _rows.Where(r => r.Kind == kind).OrderBy(r => r.Date)];

    private string? ErrorFor(string field) => _errorField == field ? _error : null;

    private async Task SelectYearAsync(int year)
    {
        _year = year;
        _loading = true;
        var view = await Calendars.GetAsync(year);
        Load(view);
        _loading = false;
    }

    private void Load(CalendarView view)
    {
        _kept = view.Kept;
        _source = view.Source;
        _rows = [.. view.Holidays.Select(d => new Row(d.Date, CalendarDayKind.Holiday, d.Name, d.NameEn)),
            .. view.Workdays.Select(d => new Row(d.Date, CalendarDayKind.Workday, d.Name, d.NameEn))];
        _error = _errorField = _addError = null;
    }

    private void Add()
    {
        _addError = null;
        if (_newDate is not { } date)
        {
            _addError = L["Give the date."];
            return;
        }
        if (string.IsNullOrWhiteSpace(_newName))
        {
            _addError = L["Give the holiday's name."];
            return;
        }
        var day = DateOnly.FromDateTime(date);
        if (_rows.Any(r => r.Date == day))
        {
            _addError = L.Render(new Phrase("{0} is already on the list.", day));
            return;
        }
        _rows.Add(new Row(day, _newKind, _newName.Trim(), string.IsNullOrWhiteSpace(_newNameEn) ? _newName.Trim() : _newNameEn.Trim()));
        _newDate = null;
        _newName = _newNameEn = null;
    }

    private void Remove(Row row) => _rows.Remove(row);

    private async Task UploadCsvAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        _error = _errorField = null;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(CalendarEndpoints.MaxCsvBytes), System.Text.Encoding.UTF8);
            var (holidays, workdays) = CalendarCsv.Parse(await reader.ReadToEndAsync());
            _rows = [.. holidays.Select(e => new Row(e.Date, CalendarDayKind.Holiday, e.Name?.Trim() ?? "", string.IsNullOrWhiteSpace(e.NameEn) ? e.Name?.Trim() ?? "" : e.NameEn.Trim())),
                .. workdays.Select(e => new Row(e.Date, CalendarDayKind.Workday, e.Name?.Trim() ?? "", string.IsNullOrWhiteSpace(e.NameEn) ? e.Name?.Trim() ?? "" : e.NameEn.Trim()))];
            Snackbar.Add(L["The file is read; check the lists and save."], Severity.Info);
        }
        catch (DomainException ex)
        {
            _error = $"{ex.Field}: {L.Render(ex)}";
            _errorField = null;
        }
        catch (IOException)
        {
            _error = L.Render(new Phrase("The file is at most {0} KB.", CalendarEndpoints.MaxCsvBytes / 1024));
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _error = _errorField = null;
        try
        {
            static List<CalendarEntry> Entries(List<Row> rows) => [.. rows.Select(r => new CalendarEntry(r.Date, r.Name, r.NameEn))];
            var view = await Calendars.SaveAsync(_year, _source, Entries(Rows(CalendarDayKind.Holiday)), Entries(Rows(CalendarDayKind.Workday)));
            Load(view);
            if (!_years.Contains(_year))
            {
                _years = [.. _years.Append(_year).Order()];
            }
            Snackbar.Add(L["The calendar is saved."], Severity.Success);
        }
        catch (DomainException ex)
        {
            _error = L.Render(ex);
            _errorField = ex.Field;
        }
        finally
        {
            _saving = false;
        }
    }
}
