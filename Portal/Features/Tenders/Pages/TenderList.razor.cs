using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Tenders;

namespace Portal.Features.Tenders.Pages;

/// <summary>
/// The officers' tenders: search, tabs by status with counts, filters, a sort, and pages read from the database (a
/// city has hundreds of tenders). Each tender shows its lots on one line each, with the way to their suppliers.
/// </summary>
public partial class TenderList
{
    public const int PageSize = 10;

    private TenderListPage? _page;
    private string? _text;
    private string? _category;
    private string _reserved = "any";
    private string? _deadlineFrom;
    private string? _deadlineTo;
    private TenderTab _tab = TenderTab.All;
    private TenderSort _sort = TenderSort.Newest;
    private bool _descending = true;
    private int _pageNumber = 1;

    [Inject]
    private TenderListing Listing { get; set; } = default!;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_text) || _category is not null || _reserved != "any"
        || _deadlineFrom is not null || _deadlineTo is not null || _tab != TenderTab.All;

    /// <summary><c>/tenders?tab=draft</c> opens a tab (the home page's to-do lists link to theirs).</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? TabParameter { get; set; }

    protected override Task OnInitializedAsync()
    {
        if (Enum.TryParse<TenderTab>(TabParameter, ignoreCase: true, out var tab) && Enum.IsDefined(tab))
        {
            _tab = tab;
        }
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _page = await Listing.ListAsync(new TenderListQuery(
            Text: _text,
            Tab: _tab,
            Category: _category,
            ReservedForSmes: _reserved switch { "yes" => true, "no" => false, _ => null },
            DeadlineFrom: Day(_deadlineFrom),
            DeadlineTo: Day(_deadlineTo),
            Sort: _sort,
            Descending: _descending,
            Page: _pageNumber,
            PageSize: PageSize));
        _pageNumber = _page.Page;
    }

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    private Task Reload()
    {
        _pageNumber = 1;
        return LoadAsync();
    }

    private Task OnTextChanged(string? value) { _text = value; return Reload(); }
    private Task OnCategoryChanged(string? value) { _category = value; return Reload(); }
    private Task OnReservedChanged(string? value) { _reserved = value ?? "any"; return Reload(); }
    private Task OnDeadlineFromChanged(string? value) { _deadlineFrom = string.IsNullOrEmpty(value) ? null : value; return Reload(); }
    private Task OnDeadlineToChanged(string? value) { _deadlineTo = string.IsNullOrEmpty(value) ? null : value; return Reload(); }
    private Task OnTabChanged(TenderTab tab) { _tab = tab; return Reload(); }
    private Task OnSortChanged(TenderSort sort) { _sort = sort; _descending = sort is TenderSort.Newest or TenderSort.Budget; return Reload(); }
    private Task ToggleDirection() { _descending = !_descending; return Reload(); }

    private Task OnPageChanged(int page)
    {
        _pageNumber = page;
        return LoadAsync();
    }

    private static string CategoryLabel(string key) => Labels.Category(key);

    /// <summary>The tender's own status for a draft or an import; else its lots' statuses, each with how many lots are in it.</summary>
    private static IEnumerable<(string Label, int Count, Color Color)> StatusChips(TenderSummary tender)
    {
        if (tender.Status != TenderStatus.Published || tender.Lots.Count == 0)
        {
            return [(tender.Status.ToString(), 1, tender.Status == TenderStatus.Draft ? Color.Default : Color.Info)];
        }
        return tender.Lots.GroupBy(l => l.Status).OrderBy(g => g.Key)
            .Select(g => (LotStatuses.Label(LotStatuses.ToKey(g.Key)), g.Count(), g.Key switch
            {
                LotStatus.Open => Color.Primary,
                LotStatus.Opening or LotStatus.Closed or LotStatus.Evaluating => Color.Warning,
                LotStatus.Awarded or LotStatus.Contracted => Color.Success,
                _ => Color.Default,
            }));
    }
}
