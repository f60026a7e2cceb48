using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Effectiveness;
using Portal.Localization;

namespace Portal.Features.Effectiveness.Pages;

/// <summary>
/// One delivered system: its payments per period and KPI trends for everyone who may see it; for officers the
/// observation form, the CSV import with its report, the targets editor and the API key; for officials "rate now".
/// </summary>
public partial class SystemPage
{
    [Parameter]
    public Guid Id { get; set; }

    [Inject] private DeliveredSystems Systems { get; set; } = default!;
    [Inject] private Observations Observations { get; set; } = default!;
    [Inject] private MonthlyRatingJob Rating { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private SystemViewer _viewer = new("", "", false, false, false, false);
    private SystemDetail? _detail;
    private bool _loaded;
    private bool _busy;
    private List<TargetRow> _targets = [];

    private string? _period;
    private Kpi _kpi = Kpi.UsageRate;
    private decimal? _value;
    private string? _observationError;
    private string? _observationField;

    private string? _csvMessage;
    private IReadOnlyList<CsvRowProblem> _csvProblems = [];

    private string? _targetsError;
    private string? _targetsField;

    private IssuedApiKey? _issuedKey;

    protected override async Task OnParametersSetAsync()
    {
        _viewer = SystemViewer.Of((await AuthenticationState).User);
        _period ??= Period.Of(Clock.GetUtcNow().UtcDateTime).ToString();
        await LoadAsync();
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        _detail = await Systems.GetAsync(Id, _viewer);
        if (_detail is null)
        {
            return;
        }
        _targets = [.. _detail.Targets.Select(TargetRow.From)];
    }

    private async Task RecordAsync()
    {
        await RunAsync(async () =>
        {
            _observationError = _observationField = null;
            try
            {
                await Observations.RecordAsync(Id, new ObservationInput(_period, Kpis.ToKey(_kpi), _value), ObservationSource.Form, _viewer.Name);
                Snackbar.Add(L["The observation is recorded."], Severity.Success);
                _value = null;
            }
            catch (DomainException ex)
            {
                _observationError = L.Render(ex);
                _observationField = ex.Field;
            }
        });
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        await RunAsync(async () =>
        {
            _csvProblems = [];
            try
            {
                await using var stream = file.OpenReadStream(Observations.CsvMaxBytes + 1);
                var import = await Observations.ImportCsvAsync(stream, file.Size, _viewer.Name);
                _csvProblems = import.Problems;
                _csvMessage = import.Problems.Count == 0
                    ? L["{0} observations imported.", import.Imported]
                    : L["Nothing was imported: {0} rows are wrong.", import.Problems.Count];
            }
            catch (DomainException ex)
            {
                _csvMessage = L.Render(ex);
            }
        });
    }

    private async Task SaveTargetsAsync()
    {
        await RunAsync(async () =>
        {
            _targetsError = _targetsField = null;
            try
            {
                await Systems.ChangeTargetsAsync(Id, new TargetsInput([.. _targets.Select(t => t.ToInput())]), _viewer);
                Snackbar.Add(L["The targets are saved."], Severity.Success);
            }
            catch (DomainException ex)
            {
                _targetsError = L.Render(ex);
                _targetsField = ex.Field;
            }
        });
    }

    private Task IssueKeyAsync() => RunAsync(async () => _issuedKey = await Systems.IssueKeyAsync(Id, _viewer));

    private Task RevokeKeyAsync() => RunAsync(async () =>
    {
        _issuedKey = null;
        await Systems.RevokeKeyAsync(Id, _viewer);
        Snackbar.Add(L["The key is revoked."], Severity.Info);
    });

    private Task RateNowAsync() => RunAsync(async () =>
    {
        var run = await Rating.RunAsync();
        Snackbar.Add(L["{0} statements made ({1} idle).", run.Rated, run.Idle], Severity.Success);
    });

    /// <summary>Runs a change with the buttons disabled, then shows the system as it now is.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        _busy = true;
        try
        {
            await change();
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color BandColor(string band) => band switch
    {
        "met" => Color.Success,
        "slightlyBelow" => Color.Info,
        "below" => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>A KPI as people read it (English text, the key of its translation).</summary>
    public static string KpiLabel(Kpi kpi) => kpi switch
    {
        Kpi.UsageRate => "Usage rate",
        Kpi.Satisfaction => "Citizen satisfaction",
        Kpi.FaultRate => "Fault rate",
        Kpi.ComplaintResponseMinutes => "Complaint response time",
        _ => "Data update lag",
    };

    /// <summary>An editable row of the targets table.</summary>
    private sealed class TargetRow
    {
        public string Kpi { get; init; } = "";
        public string Direction { get; init; } = "";
        public decimal Target { get; set; }
        public decimal SlightlyBelowUpToPercent { get; set; }
        public decimal BelowUpToPercent { get; set; }
        public decimal SlightlyBelowDeductionPercent { get; set; }
        public decimal BelowDeductionPercent { get; set; }
        public decimal SignificantlyBelowDeductionPercent { get; set; }

        public static TargetRow From(TargetView t) => new()
        {
            Kpi = t.Kpi, Direction = t.Direction, Target = t.Target, SlightlyBelowUpToPercent = t.SlightlyBelowUpToPercent, BelowUpToPercent = t.BelowUpToPercent,
            SlightlyBelowDeductionPercent = t.SlightlyBelowDeductionPercent, BelowDeductionPercent = t.BelowDeductionPercent,
            SignificantlyBelowDeductionPercent = t.SignificantlyBelowDeductionPercent,
        };

        public TargetInput ToInput() => new(Kpi, Target, SlightlyBelowUpToPercent, BelowUpToPercent, SlightlyBelowDeductionPercent, BelowDeductionPercent, SignificantlyBelowDeductionPercent);
    }
}
