using Microsoft.AspNetCore.Components;
using Portal.Components.Shared;
using Portal.Domain;
using Portal.Features.Audit;
using Portal.Localization;

namespace Portal.Features.Audit.Pages;

public partial class AuditTrailPage
{
    private const int PageSize = 25;
    private const int ShownValueLength = 160;

    [Inject]
    private AuditService Audit { get; set; } = default!;

    private AuditPage? _page;
    private AuditVerification? _verification;
    private bool _verifying;
    private string? _error;
    private int _pageNumber = 1;
    private string? _entityType;
    private string? _entityId;
    private string? _actor;
    private DateTime? _from;
    private DateTime? _to;

    private int PageCount => _page is null ? 1 : Math.Max(1, (int)Math.Ceiling(_page.Total / (double)PageSize));

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task SearchAsync()
    {
        _pageNumber = 1;
        return LoadAsync();
    }

    private Task GoToAsync(int page)
    {
        _pageNumber = page;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _error = null;
            // The pickers give calendar days in China time; the trail stores UTC.
            _page = await Audit.ListAsync(new AuditFilter(_entityType, _entityId, _actor,
                ChinaDayStart(_from), ChinaDayStart(_to?.AddDays(1)), _pageNumber, PageSize));
        }
        catch (DomainException ex)
        {
            _error = L.Render(ex);
        }
    }

    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            _verification = await Audit.VerifyAsync();
        }
        finally
        {
            _verifying = false;
        }
    }

    private static DateTime? ChinaDayStart(DateTime? day) =>
        day is { } d ? Format.ChinaLocalInput(d.Date.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture))?.UtcDateTime : null;

    private static string ActionLabel(string action) => action switch
    {
        "created" => "Created",
        "deleted" => "Deleted",
        _ => "Modified",
    };

    private static string BreakLabel(string kind) => kind switch
    {
        "edited" => "Edited",
        "deleted" => "Deleted",
        _ => "Broken link",
    };

    private static string Shorten(string? value) => value switch
    {
        null => "∅",
        { Length: > ShownValueLength } => value[..ShownValueLength] + "…",
        _ => value,
    };
}
