using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Features.Accounts;

namespace Portal.Features.Suppliers;

/// <summary>
/// Claims on imported supplier profiles: <c>POST /api/v1/suppliers/{id}/claims</c> for an SME user, and
/// <c>/api/v1/supplier-claims</c> to read them and, for administrators, to approve or reject them (decision 0018).
/// </summary>
public static class SupplierClaimEndpoints
{
    public static RouteGroupBuilder MapSupplierClaimEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/suppliers/{id:guid}/claims", Request).WithTags("Supplier claims").RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Claims an unowned imported profile with its unified social credit code (body: creditCode); an administrator decides.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var claims = api.MapGroup("/supplier-claims").WithTags("Supplier claims");
        claims.MapGet("/", List).RequireAuthorization()
            .WithSummary("Claims, pending first: every claim for an administrator, the caller's own for anyone else (status=pending|approved|rejected filters).")
            .ProducesValidationProblem();
        claims.MapGet("/{id:guid}", Get).RequireAuthorization()
            .WithSummary("One claim, for an administrator or its claimant.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        claims.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Approves a pending claim after the business licence was checked: the claimant maintains the profile from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        claims.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Rejects a pending claim with the reason the claimant is told (body: reason).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record ClaimInput(string? CreditCode);

    public sealed record RejectionInput(string? Reason);

    private static async Task<Results<Created<ClaimView>, ProblemHttpResult>> Request(
        Guid id, ClaimInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierClaims claims) =>
        await claims.RequestAsync(users.GetUserId(caller)!, id, body?.CreditCode) is { } claim
            ? TypedResults.Created($"/api/v1/supplier-claims/{claim.Id}", claim)
            : TypedResults.Problem("No supplier has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static async Task<Results<Ok<IReadOnlyList<ClaimView>>, ProblemHttpResult>> List(
        string? status, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierClaims claims)
    {
        ClaimStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ClaimStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.Problem(ApiProblems.Validation("status", "status is pending, approved or rejected."));
            }
            filter = parsed;
        }
        return TypedResults.Ok(caller.IsInRole(Roles.Admin)
            ? await claims.ListAsync(filter)
            : await claims.MineAsync(users.GetUserId(caller)!, filter));
    }

    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierClaims claims) =>
        await claims.GetAsync(id, users.GetUserId(caller)!, caller.IsInRole(Roles.Admin)) is { } claim ? TypedResults.Ok(claim) : NoClaim();

    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> Approve(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierClaims claims) =>
        await claims.ApproveAsync(id, users.GetUserId(caller)!) is { } claim ? TypedResults.Ok(claim) : NoClaim();

    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> Reject(
        Guid id, RejectionInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierClaims claims) =>
        await claims.RejectAsync(id, users.GetUserId(caller)!, body?.Reason) is { } claim ? TypedResults.Ok(claim) : NoClaim();

    private static ProblemHttpResult NoClaim() =>
        TypedResults.Problem("No claim has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
