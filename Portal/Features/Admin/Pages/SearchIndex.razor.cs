using Hangfire;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Search;

namespace Portal.Features.Admin.Pages;

/// <summary>
/// Shows whether the supplier index matches the database and rebuilds it as a background job, with live progress.
/// The rebuild runs on a Hangfire worker, not in the circuit, so closing the page does not stop it.
/// </summary>
public partial class SearchIndex : IDisposable
{
    [Inject] private SupplierIndex Index { get; set; } = default!;
    [Inject] private IndexRebuildJob Job { get; set; } = default!;
    [Inject] private IndexRebuildStatus Status { get; set; } = default!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IndexRebuildState _state = IndexRebuildState.NeverRun;
    private int _documents;
    private int? _suppliers;
    private bool _queued;

    protected override async Task OnInitializedAsync()
    {
        Status.Changed += OnStatusChanged;
        _state = Status.Current;
        await CountAsync();
    }

    private void Rebuild()
    {
        Jobs.Enqueue<IndexRebuildJob>(j => j.RunAsync(CancellationToken.None));
        _queued = true;
        Snackbar.Add(L["The rebuild is queued."], Severity.Info);
    }

    /// <summary>
    /// Called on the job's worker thread: hop onto the circuit before touching the page. Reads the status afresh
    /// rather than trusting the order of calls, since several changes may arrive before the first one runs.
    /// </summary>
    private void OnStatusChanged() => _ = InvokeAsync(async () =>
    {
        try
        {
            _state = Status.Current;
            _queued = false;
            if (!_state.Running)
            {
                // The counts only change when a run ends; re-read them then rather than on every progress report.
                await CountAsync();
            }
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task CountAsync()
    {
        _suppliers = await Job.CountSuppliersAsync();
        _documents = Index.Count;
    }

    public void Dispose() => Status.Changed -= OnStatusChanged;
}
