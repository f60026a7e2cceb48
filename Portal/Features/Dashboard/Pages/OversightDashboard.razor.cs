using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Features.Reports;

namespace Portal.Features.Dashboard.Pages;

/// <summary>
/// The officials' dashboard: the supplier library and reserved lot value now, then for a period (in the address, so a
/// view can be shared: <c>dashboard?from=2025-01-01&amp;to=2025-12-31</c>; by default the last 24 months) the SME share
/// per quarter, concentration with its yearly change, and subsidy spend against each year's budget.
/// </summary>
public partial class OversightDashboard
{
    private const int TopSupplierCount = 5;

    [Inject] private OversightStatistics Statistics { get; set; } = default!;
    [Inject] private AwardTrends Trends { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private OversightFigures? _figures;
    private List<ChartSeries<double>> _sizeSeries = [];
    private string[] _sizeLabels = [];

    private string? _from, _to;
    private string? _error, _errorField;
    private AwardTrendFigures? _trends;
    private List<ChartSeries<double>> _shareSeries = [], _yearSeries = [], _subsidySeries = [];
    private string[] _quarterLabels = [], _yearLabels = [], _subsidyLabels = [];

    private readonly LineChartOptions _shareOptions = new()
    {
        YAxisSuggestedMax = 100, YAxisRequireZeroPoint = true, ShowDataMarkers = true, YAxisTicks = 25,
        YAxisToStringFunc = PercentAxis,
    };

    private readonly BarChartOptions _yearOptions = new() { YAxisSuggestedMax = 100, YAxisTicks = 25, YAxisToStringFunc = PercentAxis };

    private readonly BarChartOptions _subsidyOptions = new() { YAxisToStringFunc = v => v.ToString("#,0", CultureInfo.InvariantCulture) };

    protected override async Task OnInitializedAsync()
    {
        _figures = await Statistics.ReadAsync();
        _sizeLabels = _figures.SuppliersBySize.Keys.Select(k => L[k.ToString()].Value).ToArray();
        _sizeSeries = [new ChartSeries<double> { Name = L["Suppliers"], Data = _figures.SuppliersBySize.Values.Select(v => (double)v).ToArray() }];
    }

    protected override async Task OnParametersSetAsync()
    {
        (_error, _errorField, _trends) = (null, null, null);
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
            (_error, _errorField) = (L[ex.Message], ex.Field);
            return;
        }
        _trends = await Trends.ReadAsync(period);
        Chart(_trends);
    }

    /// <summary>Shows the chosen period: it goes into the address, which reloads the figures.</summary>
    private void Show() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("dashboard", new Dictionary<string, object?> { ["from"] = _from, ["to"] = _to }));

    private void Chart(AwardTrendFigures trends)
    {
        _quarterLabels = trends.Quarters.Select(QuarterLabel).ToArray();
        // A quarter without awards has no share: the line breaks there instead of dropping to 0%.
        _shareSeries =
        [
            new ChartSeries<double> { Name = L["SME share of value"], Data = new ChartData<double>(trends.Quarters.Select(q => q.HasAwards ? ChartPercent(q.Figures.SmeShareOfValue) : (double?)null).ToList()) },
            new ChartSeries<double> { Name = L["SME share of contracts"], Data = new ChartData<double>(trends.Quarters.Select(q => q.HasAwards ? ChartPercent(q.Figures.SmeShareOfContracts) : (double?)null).ToList()) },
        ];
        _yearLabels = trends.Years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)).ToArray();
        _yearSeries =
        [
            new ChartSeries<double> { Name = "CR3", Data = trends.Years.Select(y => ChartPercent(y.Figures.Cr3)).ToArray() },
            new ChartSeries<double> { Name = L["SME share of value"], Data = trends.Years.Select(y => ChartPercent(y.Figures.SmeShareOfValue)).ToArray() },
        ];
        _subsidyLabels = trends.Subsidies.Select(s => s.Year.ToString(CultureInfo.InvariantCulture)).ToArray();
        _subsidySeries =
        [
            new ChartSeries<double> { Name = L["Budget"], Data = trends.Subsidies.Select(s => (double)s.BudgetYuan).ToArray() },
            new ChartSeries<double> { Name = L["Committed"], Data = trends.Subsidies.Select(s => (double)s.CommittedYuan).ToArray() },
            new ChartSeries<double> { Name = L["Disbursed"], Data = trends.Subsidies.Select(s => (double)s.DisbursedYuan).ToArray() },
        ];
    }

    private string QuarterLabel(PeriodPart quarter) => L["{0} Q{1}", quarter.Year, quarter.Quarter];

    private static string QuarterKey(PeriodPart quarter) => $"{quarter.Year}-Q{quarter.Quarter}";

    private static double ChartPercent(decimal share) => (double)decimal.Round(share * 100, 1);

    private static string PercentAxis(double value) => value.ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
