using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
        alerts.MapGet("/", List).WithSummary("Lists the caller's lot alerts.");
        alerts.MapPost("/", Create).WithSummary("Saves a lot alert: search words, a category or both.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapDelete("/{id:guid}", Delete).WithSummary("Deletes one of the caller's lot alerts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<AlertList>> List(ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts) =>
        TypedResults.Ok(new AlertList(await alerts.ListAsync(users.GetUserId(caller)!)));

    private static async Task<Results<Created<AlertView>, ProblemHttpResult>> Create(
        AlertInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the alert: query, category or both, and reservedOnly."));
        }
        var alert = await alerts.CreateAsync(users.GetUserId(caller)!, body);
        return TypedResults.Created($"/api/v1/alerts/{alert.Id}", alert);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, AlertService alerts) =>
        await alerts.DeleteAsync(users.GetUserId(caller)!, id)
            ? TypedResults.NoContent()
            : TypedResults.Problem("You have no alert with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>GET /api/v1/alerts</c>.</summary>
public sealed record AlertList(IReadOnlyList<AlertView> Items);
