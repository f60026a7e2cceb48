using Portal.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Features.Effectiveness;

namespace Portal.Features.Reports.Pages;

/// <summary>
/// The officials' reports: pick a period report and its period (for the effectiveness report, all delivered systems or
/// one), generate it in the background, follow its progress and download it until it expires. The page polls the user's
/// runs once a second while one is unfinished.
/// </summary>
public partial class ReportsPage : IDisposable
{
    private static readonly string[] Kinds = [ReportService.SmeParticipation, ReportService.Subsidies, ReportService.Effectiveness];

    /// <summary>The system choice that stands for every delivered system.</summary>
    private static readonly Guid AllSystems = Guid.Empty;

    [Inject] private ReportRuns Runs { get; set; } = default!;
    [Inject] private UserManager<PortalUser> Users { get; set; } = default!;
    [Inject] private DeliveredSystems Systems { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private readonly CancellationTokenSource _stop = new();
    private string _userId = "";
    private string _kind = ReportService.SmeParticipation;
    private string? _from, _to;
    private string? _error, _errorField;
    private IReadOnlyList<ReportRun> _runs = [];
    private IReadOnlyList<SystemSummary> _systems = [];
    private Guid _systemId = AllSystems;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _userId = Users.GetUserId(user)!;
        _systems = await Systems.ListAsync(SystemViewer.Of(user));
        var period = ReportingPeriod.LastTwelveMonths(Clock.GetUtcNow().UtcDateTime);
        (_from, _to) = (Day(period.From), Day(period.To));
        _runs = Runs.RecentFor(_userId);
        _ = PollAsync();
    }

    /// <summary>The kind as people read it (English text, the key of its translation).</summary>
    private static string KindName(string kind) => kind switch
    {
        ReportService.Subsidies => "Subsidy ledger",
        ReportService.Effectiveness => "Effectiveness of delivered systems",
        _ => "SME participation and concentration",
    };

    private string SystemName(Guid id) => id == AllSystems ? L["All delivered systems"] : _systems.FirstOrDefault(s => s.Id == id)?.Name ?? "";

    private void Generate()
    {
        (_error, _errorField) = (null, null);
        try
        {
            var from = ReportService.ParseDate(_from, "from") ?? throw new DomainException("from is required.", "from");
            var to = ReportService.ParseDate(_to, "to") ?? throw new DomainException("to is required.", "to");
            ReportingPeriod.Of(from, to);
            Guid? systemId = _kind == ReportService.Effectiveness && _systemId != AllSystems ? _systemId : null;
            Runs.Start(new ReportRequest(_kind, from, to, SystemId: systemId), _userId, systemId is null ? null : SystemName(_systemId), CultureInfo.CurrentUICulture);
            _runs = Runs.RecentFor(_userId);
        }
        catch (DomainException ex)
        {
            (_error, _errorField) = (L.Render(ex), ex.Field);
        }
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (_runs.Any(r => r.State is ReportRunState.Queued or ReportRunState.Running))
                {
                    _runs = Runs.RecentFor(_userId);
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
