using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Features.Alerts.Pages;

public partial class MyAlerts
{
    [Inject] private AlertService Alerts { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private MudForm _form = default!;
    private AlertForm _input = new();
    private IReadOnlyList<AlertView>? _alerts;
    private string _userId = "";
    private bool _saving;
    private string? _error;
    private readonly Dictionary<string, string> _serverErrors = [];

    protected override async Task OnInitializedAsync()
    {
        _userId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        _alerts = await Alerts.ListAsync(_userId);
    }

    private async Task AddAsync()
    {
        _serverErrors.Clear();
        _error = null;
        await _form.ValidateAsync();
        if (!_form.IsValid)
        {
            return;
        }
        _saving = true;
        try
        {
            await Alerts.CreateAsync(_userId, new AlertInput(_input.Query, _input.Category, _input.ReservedOnly));
            // Empties the fields and forgets the earlier "nothing entered" message, ready for the next alert.
            await _form.ResetAsync();
            _input = new AlertForm();
            _alerts = await Alerts.ListAsync(_userId);
            Snackbar.Add(L["Alert saved: new matching lots will be announced to you."], Severity.Success);
        }
        catch (DomainException ex)
        {
            if (ex.Field is { } field)
            {
                _serverErrors[field] = L.Render(ex);
            }
            _error = L.Render(ex);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync(AlertView alert)
    {
        await Alerts.DeleteAsync(_userId, alert.Id);
        _alerts = await Alerts.ListAsync(_userId);
        Snackbar.Add(L["Alert deleted."], Severity.Info);
    }

    /// <summary>An alert needs words, a category or both (the server checks the words can be searched for).</summary>
    private string? ValidateQuery(string? query) =>
        string.IsNullOrWhiteSpace(query) && string.IsNullOrWhiteSpace(_input.Category)
            ? L["Enter search words, choose a category to follow, or both."].Value
            : null;

    private bool HasError(string field) => _serverErrors.ContainsKey(field);

    private string? ErrorFor(string field) => _serverErrors.GetValueOrDefault(field);

    private sealed class AlertForm
    {
        public string? Query { get; set; }
        public string? Category { get; set; }
        public bool ReservedOnly { get; set; }
    }
}
