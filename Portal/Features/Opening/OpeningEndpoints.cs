using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Opening;

/// <summary>The opening (开标) under <c>/api/v1/lots/{id}</c>: a bidder decrypts its bid, and the opening record.</summary>
public static class OpeningEndpoints
{
    public static RouteGroupBuilder MapOpeningEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Opening");
        lots.MapPost("/{id:guid}/bids/mine/unseal", Unseal).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Decrypts the caller's sealed bid with its opening key, in the lot's opening window.")
            .WithDescription("Send {\"key\": base64 of the 32-byte AES-256 key the bid was sealed with}. 400 naming key when it does not open the bid (the bid stays sealed); 409 before the deadline, after the window, or when the bid is opened already; 403 for a caller without a bid on the lot. A bid that opens but fails its checks answers 200 with status invalid and the reason.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/opening", Record).AllowAnonymous()
            .WithSummary("The lot's opening record (开标记录): bidders, size classes, statuses, prices of opened bids, receipts.")
            .WithDescription("For the lot's bidders, officers, assigned evaluators, officials and administrators from the opening on; public once the lot is awarded. 409 before the opening.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record UnsealInput(string? Key);

    private static async Task<Results<Ok<OpenedBid>, ProblemHttpResult>> Unseal(Guid id, UnsealInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, OpeningService opening) =>
        await opening.UnsealAsync(id, users.GetUserId(caller)!, body?.Key) is { } opened ? TypedResults.Ok(opened) : NoLot();

    private static async Task<Results<Ok<OpeningRecord>, ProblemHttpResult>> Record(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, OpeningService opening)
    {
        var reader = new OpeningReader(users.GetUserId(caller) ?? "", caller.IsInRole(Roles.Officer), caller.IsInRole(Roles.Official), caller.IsInRole(Roles.Admin));
        try
        {
            return await opening.RecordAsync(id, reader) is { } record ? TypedResults.Ok(record) : NoLot();
        }
        catch (Domain.DomainException refused) when (refused.Kind == Domain.DomainErrorKind.Forbidden && reader.UserId.Length == 0)
        {
            // Not public yet: an anonymous caller is asked to sign in.
            return TypedResults.Problem(Localization.PortalText.Render(refused.Phrase), statusCode: StatusCodes.Status401Unauthorized, title: "Sign in.");
        }
    }

    private static ProblemHttpResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
