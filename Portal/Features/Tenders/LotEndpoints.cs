using Portal.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Tenders;

public static class LotEndpoints
{
    public static RouteGroupBuilder MapLotEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Lots");
        lots.MapGet("/{id:guid}/matches", Matches).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Suppliers ranked against the lot's needs, each with its eligibility per requirement.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapPost("/{id:guid}/invitations", Invite).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Invites a supplier to bid on the open lot.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/for-me", LotsForMe).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Open lots ranked against the caller's company profile.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Suppliers ranked against the lot's needs, each with its eligibility per requirement.</summary>
    private static async Task<Results<Ok<LotMatches>, ProblemHttpResult>> Matches(Guid id, bool? eligibleOnly, LotMatching matching) =>
        await matching.MatchAsync(id, eligibleOnly ?? false) is { } matches
            ? TypedResults.Ok(matches)
            : TypedResults.Problem("No lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public sealed record InvitationRequest(Guid? SupplierId);

    private static async Task<Results<Ok<InvitationSent>, ProblemHttpResult>> Invite(Guid id, InvitationRequest? body, LotMatching matching)
    {
        if (body?.SupplierId is not { } supplierId)
        {
            return TypedResults.Problem(Api.ApiProblems.Validation("supplierId", "Name the supplier to invite."));
        }
        var result = await matching.InviteAsync(id, supplierId);
        return result.Outcome switch
        {
            InvitationOutcome.Invited => TypedResults.Ok(new InvitationSent(PortalText.Render(result.Message))),
            InvitationOutcome.NotFound => TypedResults.Problem(Api.ApiProblems.Refused(StatusCodes.Status404NotFound, "Not found.", result.Message)),
            InvitationOutcome.AlreadyInvited => TypedResults.Problem(Api.ApiProblems.Refused(StatusCodes.Status409Conflict, "Already invited.", result.Message)),
            _ => TypedResults.Problem(Api.ApiProblems.Refused(StatusCodes.Status409Conflict, "The lot is not open.", result.Message)),
        };
    }

    /// <summary>"Lots for you": open lots ranked against the caller's company profile.</summary>
    private static async Task<Results<Ok<LotsForYouList>, ProblemHttpResult>> LotsForMe(ClaimsPrincipal caller, UserManager<PortalUser> users, PortalDbContext db, LotMatching matching)
    {
        var userId = users.GetUserId(caller);
        var supplierId = await db.Suppliers.Where(s => s.OwnerUserId == userId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
        return supplierId is { } id
            ? TypedResults.Ok(new LotsForYouList(await matching.LotsForAsync(id)))
            : TypedResults.Problem("Create your company profile first: lots are ranked against it.", statusCode: StatusCodes.Status409Conflict, title: "No company profile.");
    }
}

/// <summary>The answer of <c>POST /api/v1/lots/{id}/invitations</c>.</summary>
public sealed record InvitationSent(string Message);

/// <summary>The answer of <c>GET /api/v1/lots/for-me</c>.</summary>
public sealed record LotsForYouList(IReadOnlyList<LotForSupplier> Items);
