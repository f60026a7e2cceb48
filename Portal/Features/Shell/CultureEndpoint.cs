using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Portal.Components.Shared;
using Portal.Data;

namespace Portal.Features.Shell;

public static class CultureEndpoint
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    /// <summary>
    /// <c>GET /culture/set?culture=zh-CN&amp;redirectUri=/</c>: remembers the choice in the culture cookie for a year and
    /// returns to the page; without the cookie the browser's Accept-Language decides. A signed-in user's choice is also
    /// their preferred language, in which their e-mails are written.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (string? culture, string? redirectUri, HttpContext context, IDbContextFactory<PortalDbContext> contexts) =>
        {
            if (culture is not null && SupportedCultures.Contains(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
                {
                    await RememberAsync(contexts, userId, culture, context.RequestAborted);
                }
            }
            return TypedResults.LocalRedirect(LocalUrl.OrHome(redirectUri));
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The supported culture the request's culture cookie names, or null without one.</summary>
    public static string? FromCookie(HttpContext context) =>
        context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] is { } cookie
        && CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen
        && chosen.UICultures.Select(c => c.Value).FirstOrDefault(SupportedCultures.Contains) is { } supported
            ? supported
            : null;

    /// <summary>Saves a user's preferred language (the one their e-mails are written in).</summary>
    public static async Task RememberAsync(IDbContextFactory<PortalDbContext> contexts, string userId, string culture, CancellationToken cancellationToken = default)
    {
        if (!SupportedCultures.Contains(culture))
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId && u.PreferredCulture != culture)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, culture), cancellationToken);
    }

    /// <summary>The culture e-mails to a user with this preference are written in (the default for an unknown one).</summary>
    public static System.Globalization.CultureInfo ForUser(string? preferred) =>
        System.Globalization.CultureInfo.GetCultureInfo(preferred is not null && SupportedCultures.Contains(preferred) ? preferred : SupportedCultures[0]);
}
