using System.Text.RegularExpressions;
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
    /// <summary>The fields the page shows an error at; any other refusal is said above the buttons.</summary>
    private static readonly Regex _shownFields = new(
        @"^(title|category|buyer|budgetYuan|description|deadline|smallMicroPriceDeduction|lots\[\d+\]\.(title|valueYuan|description|criteria|criteria\[\d+\]\.(name|weight)|requirements\[\d+\]\.(minValueYuan|withinYears|name|text|justification)))$",
        RegexOptions.CultureInvariant);

    private TenderForm? _form;
    private string? _deadline;

    /// <summary>Errors at fields, each with the field's value when it was found: it is shown until the value changes.</summary>
    private readonly Dictionary<string, (Phrase Message, object? Value)> _errors = [];

    /// <summary>A refusal that names no field shown on the page (or no field at all).</summary>
    private Phrase? _error;
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

    private object? ValueOf(string field) => field == "deadline" ? _deadline : _form!.ValueOf(field);

    /// <summary>The error at a field, in the page's language, while the field still has the value it was found with.</summary>
    private string? ErrorFor(string field) =>
        _errors.TryGetValue(field, out var error) && Equals(error.Value, ValueOf(field)) ? L.Render(error.Message) : null;

    private bool HasError(string field) => ErrorFor(field) is not null;

    /// <summary>What is said above the buttons: a refusal without a field, or a reminder while fields are marked.</summary>
    private string? FormError() => _error is { } error
        ? L.Render(error)
        : _errors.Keys.Any(HasError) ? L["Correct the fields marked in red."].Value : null;

    private void ShowAt(string field, Phrase message)
    {
        if (_shownFields.IsMatch(field))
        {
            _errors[field] = (message, ValueOf(field));
        }
        else
        {
            _error = message;
        }
    }

    private static void ChoosePrice(LotForm lot, CriterionForm? price) => lot.Price = price;

    private void AddCriterion(LotForm lot)
    {
        lot.AddCriterion();
        ForgetRowErrors();
    }

    private void RemoveCriterion(LotForm lot, CriterionForm row)
    {
        lot.RemoveCriterion(row);
        ForgetRowErrors();
    }

    /// <summary>Rows moved: an error found at a row's position no longer names that row.</summary>
    private void ForgetRowErrors()
    {
        foreach (var field in _errors.Keys.Where(f => f.Contains("criteria[", StringComparison.Ordinal)).ToList())
        {
            _errors.Remove(field);
        }
    }

    private async Task SaveAsync(bool publish)
    {
        _errors.Clear();
        _error = null;
        var invalid = _form!.Validate().ToList();
        if (publish && Format.ChinaLocalInput(_deadline) is null)
        {
            invalid.Add(("deadline", Phrase.Of("Enter the bidding deadline.")));
        }
        if (invalid.Count > 0)
        {
            foreach (var (field, message) in invalid)
            {
                ShowAt(field, message);
            }
            return;
        }
        _busy = true;
        try
        {
            DateTimeOffset? deadline = publish ? ParseDeadline() : null;
            var lots = _form!.Lots.Select(l => (l.Id, l.ToInput())).ToList();
            var tender = Id is { } id
                ? await Tenders.ReviseDraftAsync(id, _form.ToInput(), lots, deadline, _form.Deduction)
                : await Tenders.CreateWithLotsAsync(_form.ToInput(), lots.Select(l => l.Item2).ToList(), deadline, _form.Deduction);
            if (tender is null)
            {
                _error = Phrase.Of("No tender has this id.");
                return;
            }
            Snackbar.Add(publish ? L["The tender is published."] : L["The tender is saved as a draft."], Severity.Success);
            Navigation.NavigateTo(publish && tender.Lots.Count > 0 ? $"lots/{tender.Lots[0].Id}" : $"tenders/{tender.Id}");
        }
        catch (DomainException ex)
        {
            if (ex.Field is { } field)
            {
                ShowAt(_form.ToFormField(field), ex.Phrase);
            }
            else
            {
                _error = ex.Phrase;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private DateTimeOffset ParseDeadline() =>
        Format.ChinaLocalInput(_deadline) ?? throw new DomainException("Enter the bidding deadline.", "deadline");
}
