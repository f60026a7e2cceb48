using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Features.Notifications;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", async (ClaimsPrincipal caller, UserManager<PortalUser> users, NotificationService notifications) =>
                TypedResults.Ok(new { items = await notifications.ListAsync(users.GetUserId(caller)!) }))
            .RequireAuthorization()
            .WithTags("Notifications");
        return api;
    }
}
