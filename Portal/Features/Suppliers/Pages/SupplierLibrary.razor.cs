using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Search;

namespace Portal.Features.Suppliers.Pages;

public partial class SupplierLibrary
{
    [Inject] private SupplierIndex Index { get; set; } = default!;

    private MudTable<SupplierHit> _table = default!;
    private SupplierSearchResult? _result;
    private string? _text;
    private SizeClass? _size;
    private string? _category;
    private string? _region;
    private string? _certification;
    private decimal? _minProjectWan;
    private int? _withinYears;

    /// <summary>Server-side paging: the index returns just the page asked for, with totals and facets.</summary>
    private Task<TableData<SupplierHit>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _result = Index.Search(new SupplierQuery(
            _text, _size, _certification, _region, _category,
            _minProjectWan is { } wan ? Money.WanToYuan(wan) : null,
            _withinYears, state.Page + 1, state.PageSize, _sort = SortOf(state)));
        // The message, total and facet counts live outside the table: show them for this result too.
        StateHasChanged();
        return Task.FromResult(new TableData<SupplierHit> { Items = _result.Items, TotalItems = _result.Total });
    }

    /// <summary>No text to rank by and no sorted column: the library is listed in its browsing order.</summary>
    private bool Browsing => string.IsNullOrWhiteSpace(_text) && _result is { NothingToSearchFor: false } && _sort == SupplierSort.Relevance;

    private SupplierSort _sort;

    /// <summary>Best match first unless the name column is sorted.</summary>
    private static SupplierSort SortOf(TableState state) => (state.SortLabel, state.SortDirection) switch
    {
        ("name", SortDirection.Ascending) => SupplierSort.Name,
        ("name", SortDirection.Descending) => SupplierSort.NameDescending,
        _ => SupplierSort.Relevance,
    };

    private Task OnTextChanged(string? text) => Refresh(() => _text = text);
    private Task OnSizeChanged(SizeClass? size) => Refresh(() => _size = size);
    private Task OnCategoryChanged(string? category) => Refresh(() => _category = category);
    private Task OnRegionChanged(string? region) => Refresh(() => _region = region);
    private Task OnCertificationChanged(string? certification) => Refresh(() => _certification = certification);
    private Task OnMinProjectChanged(decimal? wan) => Refresh(() => _minProjectWan = wan is < 0 ? null : wan);
    private Task OnWithinYearsChanged(int? years) => Refresh(() => _withinYears = years is < 1 or > 10 ? null : years);

    private async Task Refresh(Action change)
    {
        change();
        await _table.ReloadServerData();
    }

    private static int FacetCount(IReadOnlyDictionary<string, int>? facet, string key) => facet?.GetValueOrDefault(key) ?? 0;

    /// <summary>The facet's values, most frequent first, keeping the chosen one listed even when it counts nothing.</summary>
    private static IEnumerable<(string Value, int Count)> Facet(IReadOnlyDictionary<string, int>? facet, string? chosen)
    {
        var values = (facet ?? new Dictionary<string, int>()).Select(f => (f.Key, f.Value)).ToList();
        if (chosen is not null && values.All(v => v.Key != chosen))
        {
            values.Add((chosen, 0));
        }
        return values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal);
    }
}
