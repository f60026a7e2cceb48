using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Alerts;

/// <summary>The caller's lot alerts under <c>/api/v1/alerts</c> (SME users).</summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization(p => p.RequireRole(Roles.Sme));
        alerts.MapGet("/", List);
        alerts.MapPost("/", Create);
        alerts.MapDelete("/{id:guid}", Delete);
        return api;
    }

    private static async Task<IResult> List(ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts) =>
        TypedResults.Ok(new { items = await alerts.ListAsync(users.GetUserId(caller)!) });

    private static async Task<IResult> Create(AlertInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the alert: query, category or both, and reservedOnly."));
        }
        var alert = await alerts.CreateAsync(users.GetUserId(caller)!, body);
        return TypedResults.Created($"/api/v1/alerts/{alert.Id}", alert);
    }

    private static async Task<IResult> Delete(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts) =>
        await alerts.DeleteAsync(users.GetUserId(caller)!, id)
            ? TypedResults.NoContent()
            : TypedResults.Problem("You have no alert with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
