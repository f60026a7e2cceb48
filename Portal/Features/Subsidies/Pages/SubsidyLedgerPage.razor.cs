using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Subsidies;
using Portal.Localization;

namespace Portal.Features.Subsidies.Pages;

/// <summary>The officials' ledger: filters, totals, budgets and the transitions, each refused with the domain's reason.</summary>
public partial class SubsidyLedgerPage
{
    [Inject] private SubsidyLedger Ledger { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private Ledger? _ledger;
    private string? _state;
    private int? _year;
    private Guid? _supplier;
    private IReadOnlyList<int> _years = [];
    private Dictionary<Guid, string> _suppliers = [];
    private (LedgerItem Grant, LedgerAction Action)? _pending;
    private string? _text;
    private string? _error;
    private bool _busy;
    private string _official = "";

    private LedgerFilter Filter => new(GrantStates.Parse(_state), _year, _supplier);

    /// <summary>The export of what the page shows (the sign-in cookie authorizes the download).</summary>
    private string CsvUrl => "api/v1/subsidies.csv" + QueryString.Create(new Dictionary<string, string?>
    {
        ["state"] = _state,
        ["year"] = _year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["supplier"] = _supplier?.ToString(),
    }.Where(p => p.Value is not null));

    protected override async Task OnInitializedAsync()
    {
        _official = (await AuthenticationState).User.Identity?.Name ?? "";
        var all = await Ledger.ListAsync(LedgerViewer.Official, new LedgerFilter(null, null, null));
        _years = all.Items.Select(i => i.Year).Concat(all.Programmes.Select(p => p.Year)).Distinct().OrderDescending().ToList();
        _suppliers = all.Items.DistinctBy(i => i.SupplierId).ToDictionary(i => i.SupplierId, i => i.SupplierName);
        _ledger = all;
    }

    private Task FilterStateAsync(string? state)
    {
        _state = state;
        return ReloadAsync();
    }

    private Task FilterYearAsync(int? year)
    {
        _year = year;
        return ReloadAsync();
    }

    private Task FilterSupplierAsync(Guid? supplier)
    {
        _supplier = supplier;
        return ReloadAsync();
    }

    private async Task ReloadAsync() => _ledger = await Ledger.ListAsync(LedgerViewer.Official, Filter);

    private Task ApproveAsync(LedgerItem grant) =>
        DecideAsync(() => Ledger.ApproveAsync(grant.Id, _official), L["The grant to {0} is approved.", grant.SupplierName]);

    private void Ask(LedgerItem grant, LedgerAction action)
    {
        _pending = (grant, action);
        _text = null;
        _error = null;
    }

    private void Cancel() => _pending = null;

    private Task ConfirmAsync()
    {
        if (_pending is not var (grant, action))
        {
            return Task.CompletedTask;
        }
        return action == LedgerAction.Reject
            ? DecideAsync(() => Ledger.RejectAsync(grant.Id, _text, _official), L["The grant to {0} is rejected.", grant.SupplierName])
            : DecideAsync(() => Ledger.DisburseAsync(grant.Id, _text), L["The payment to {0} is recorded.", grant.SupplierName]);
    }

    private async Task DecideAsync(Func<Task<LedgerItem?>> decide, string done)
    {
        _busy = true;
        _error = null;
        try
        {
            await decide();
            _pending = null;
            Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex)
        {
            _error = L.Render(ex);
        }
        finally
        {
            _busy = false;
        }
        await ReloadAsync();
    }
}

public enum LedgerAction
{
    Reject,
    Disburse,
}
