using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Portal.Localization;

/// <summary>
/// MudBlazor's own texts (the table pager's "Rows per page:" and "{0}-{1} of {2}", the date picker's buttons, the data
/// grid's filters…) in the page's language, from the portal's translations: <c>SharedResource.zh-CN.resx</c> holds them
/// under MudBlazor's keys (<c>MudDataGridPager_RowsPerPage</c>). A key without a translation, and every key in English,
/// is reported as not found, and MudBlazor falls back to its built-in English.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}

public static class PortalMudLocalization
{
    /// <summary>Registers <see cref="PortalMudLocalizer"/> as MudBlazor's localizer (after <c>AddMudServices</c>).</summary>
    public static IServiceCollection AddPortalMudLocalization(this IServiceCollection services) =>
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
}
