using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Features.Accounts;

public static class SignOutEndpoint
{
    /// <summary><c>POST /account/logout</c> from the navigation's sign-out form (antiforgery-checked).</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (SignInManager<PortalUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        }).ExcludeFromDescription();
        return endpoints;
    }
}
