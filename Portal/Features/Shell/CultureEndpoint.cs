using Microsoft.AspNetCore.Localization;
using Portal.Components.Shared;

namespace Portal.Features.Shell;

public static class CultureEndpoint
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    /// <summary>
    /// <c>GET /culture/set?culture=zh-CN&amp;redirectUri=/</c>: remembers the choice in the culture cookie for a year and
    /// returns to the page; without the cookie the browser's Accept-Language decides.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext context) =>
        {
            if (culture is not null && SupportedCultures.Contains(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }
            return TypedResults.LocalRedirect(LocalUrl.OrHome(redirectUri));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
