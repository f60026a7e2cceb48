using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Features.Effectiveness;
using Portal.Features.Reports;
using Portal.Localization;

namespace Portal.Features.Dashboard.Pages;

/// <summary>
/// The officials' dashboard: the supplier library and reserved lot value now, then for a period (in the address, so a
/// view can be shared: <c>dashboard?from=2025-01-01&amp;to=2025-12-31</c>; by default the last 24 months) the SME share
/// per quarter, concentration with its yearly change, subsidy spend against each year's budget, and delivered systems: the
/// idle ones, payments per month and a chosen system's KPI trends.
/// </summary>
public partial class OversightDashboard
{
    [Inject] private OversightStatistics Statistics { get; set; } = default!;
    [Inject] private AwardTrends Trends { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private SystemOversight Systems { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private OversightFigures? _figures;
    private List<ChartSeries<double>> _sizeSeries = [];
    private string[] _sizeLabels = [];

    private string? _from, _to;
    private string? _error, _errorField;
    private AwardTrendFigures? _trends;
    private SystemFigures? _systems;
    private SystemViewer _viewer = new("", "", false, false, false, false);

    protected override async Task OnInitializedAsync()
    {
        _figures = await Statistics.ReadAsync();
        _sizeLabels = _figures.SuppliersBySize.Keys.Select(k => L[k.ToString()].Value).ToArray();
        _sizeSeries = [new ChartSeries<double> { Name = L["Suppliers"], Data = _figures.SuppliersBySize.Values.Select(v => (double)v).ToArray() }];
    }

    protected override async Task OnParametersSetAsync()
    {
        (_error, _errorField, _trends, _systems) = (null, null, null, null);
        var fallback = ReportingPeriod.LastMonths(AwardTrends.DefaultMonths, Clock.GetUtcNow().UtcDateTime);
        (_from, _to) = (From ?? Day(fallback.From), To ?? Day(fallback.To));
        ReportingPeriod period;
        try
        {
            period = ReportingPeriod.Of(
                ReportService.ParseDate(_from, "from") ?? fallback.From,
                ReportService.ParseDate(_to, "to") ?? fallback.To);
        }
        catch (DomainException ex)
        {
            (_error, _errorField) = (L.Render(ex), ex.Field);
            return;
        }
        _viewer = SystemViewer.Of((await AuthenticationState).User);
        // Both are read before either is shown: a render can come between the two reads (e.g. prerendering on a busy
        // server), and it must not show the charts with the systems panel missing its figures.
        var trends = await Trends.ReadAsync(period);
        var systems = await Systems.ReadAsync(_viewer, period);
        (_trends, _systems) = (trends, systems);
    }

    /// <summary>Shows the chosen period: it goes into the address, which reloads the figures.</summary>
    private void Show() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("dashboard", new Dictionary<string, object?> { ["from"] = _from, ["to"] = _to }));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
