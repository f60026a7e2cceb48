using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Features.Notifications;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", List)
            .RequireAuthorization()
            .WithTags("Notifications")
            .WithSummary("Lists the caller's notifications, newest first.");
        return api;
    }

    private static async Task<Ok<NotificationList>> List(ClaimsPrincipal caller, UserManager<PortalUser> users, NotificationService notifications) =>
        TypedResults.Ok(new NotificationList(await notifications.ListAsync(users.GetUserId(caller)!)));
}

/// <summary>The answer of <c>GET /api/v1/notifications</c>.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationView> Items);
