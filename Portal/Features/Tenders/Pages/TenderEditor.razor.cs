using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Features.Tenders.Pages;

/// <summary>
/// A new tender, or a draft opened again: the tender, its lots, requirements and weighted criteria, with the
/// reservation advice and the SME-fairness warnings as the officer types. Saving writes everything or nothing.
/// </summary>
public partial class TenderEditor
{
    private TenderForm? _form;
    private string? _deadline;
    private string? _error;
    private string? _loadError;
    private bool _busy;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private TenderService Tenders { get; set; } = default!;

    [Inject]
    private TenderQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IOptions<ProcurementOptions> Procurement { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (Id is not { } id)
        {
            _form = new TenderForm { DeductionPercent = Procurement.Value.SmallMicroPriceDeduction * 100m };
            return;
        }
        var tender = await Queries.GetAsync(id);
        if (tender is null)
        {
            _loadError = L["No tender has this id."];
        }
        else if (tender.Status != "draft")
        {
            _loadError = L["This tender is published: change it through an amendment notice on the tender page."];
        }
        else
        {
            _form = TenderForm.From(tender);
            _form.DeductionPercent = Procurement.Value.SmallMicroPriceDeduction * 100m;
        }
    }

    private async Task SaveAsync(bool publish)
    {
        _busy = true;
        _error = null;
        try
        {
            DateTimeOffset? deadline = publish ? ParseDeadline() : null;
            var lots = _form!.Lots.Select(l => (l.Id, l.ToInput())).ToList();
            var tender = Id is { } id
                ? await Tenders.ReviseDraftAsync(id, _form.ToInput(), lots, deadline, _form.Deduction)
                : await Tenders.CreateWithLotsAsync(_form.ToInput(), lots.Select(l => l.Item2).ToList(), deadline, _form.Deduction);
            if (tender is null)
            {
                _error = L["No tender has this id."];
                return;
            }
            Snackbar.Add(publish ? L["The tender is published."] : L["The tender is saved as a draft."], Severity.Success);
            Navigation.NavigateTo(publish && tender.Lots.Count > 0 ? $"lots/{tender.Lots[0].Id}" : $"tenders/{tender.Id}");
        }
        catch (DomainException ex)
        {
            _error = L.Render(ex);
        }
        finally
        {
            _busy = false;
        }
    }

    private DateTimeOffset ParseDeadline() =>
        Format.ChinaLocalInput(_deadline) ?? throw new DomainException(L["Enter the bidding deadline."], "deadline");
}
