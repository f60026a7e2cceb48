using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Evaluation;

/// <summary>Evaluation and award under <c>/api/v1/lots/{id}</c>.</summary>
public static class EvaluationEndpoints
{
    public static RouteGroupBuilder MapEvaluationEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Evaluation");
        lots.MapPost("/{id:guid}/evaluators", Assign).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Assigns evaluators to the lot by their e-mail addresses.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/evaluators", Evaluators).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("The lot's evaluators and how far each has got.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapPost("/{id:guid}/conflict-declaration", Declare).RequireAuthorization(p => p.RequireRole(Roles.Evaluator))
            .WithSummary("Declares whether the caller has a conflict of interest with any bidder; required before scoring.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapPost("/{id:guid}/scores", Score).RequireAuthorization(p => p.RequireRole(Roles.Evaluator))
            .WithSummary("Submits the caller's scores (0-100) of one bid on the non-price criteria; submitted scores are locked.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/evaluation", ForEvaluator).RequireAuthorization(p => p.RequireRole(Roles.Evaluator))
            .WithSummary("The lot as its assigned evaluator sees it: criteria, bids after the deadline and the caller's sheet.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapGet("/{id:guid}/ranking", Ranking).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Ranks the lot's bids: evaluated price (with the SME price deduction), price and total scores.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapPost("/{id:guid}/award", Award).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Awards the lot to a bid with a justification; the standstill period follows.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapPost("/{id:guid}/unsuccessful", Unsuccessful).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Declares the lot unsuccessful with a reason; its bidders are told.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/award-notice", Notice).AllowAnonymous()
            .WithSummary("The public award notice of an awarded lot.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record AssignInput(List<string?>? Emails);

    public sealed record DeclarationInput(bool? HasConflict, string? Note);

    public sealed record ScoresInput(Guid? BidId, List<MarkInput>? Scores);

    public sealed record AwardInput(Guid? BidId, string? Justification);

    public sealed record UnsuccessfulInput(string? Reason);

    private static async Task<Results<Ok<EvaluatorList>, ProblemHttpResult>> Assign(Guid id, AssignInput? body, EvaluationService evaluation) =>
        await evaluation.AssignAsync(id, body?.Emails) is { } items ? TypedResults.Ok(new EvaluatorList(items)) : NoLot();

    private static async Task<Results<Ok<EvaluatorList>, ProblemHttpResult>> Evaluators(Guid id, EvaluationService evaluation) =>
        await evaluation.EvaluatorsAsync(id) is { } items ? TypedResults.Ok(new EvaluatorList(items)) : NoLot();

    private static async Task<Results<Ok<DeclarationView>, ProblemHttpResult>> Declare(Guid id, DeclarationInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.DeclareAsync(id, users.GetUserId(caller)!, body?.HasConflict, body?.Note) is { } declaration
            ? TypedResults.Ok(declaration)
            : NoLot();

    private static async Task<Results<Ok<ScoreReceipt>, ProblemHttpResult>> Score(Guid id, ScoresInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.ScoreAsync(id, users.GetUserId(caller)!, body?.BidId, body?.Scores) is { } receipt
            ? TypedResults.Ok(receipt)
            : NoLot();

    private static async Task<Results<Ok<EvaluatorLotView>, ProblemHttpResult>> ForEvaluator(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.ForEvaluatorAsync(id, users.GetUserId(caller)!) is { } view ? TypedResults.Ok(view) : NoLot();

    private static async Task<Results<Ok<RankingView>, ProblemHttpResult>> Ranking(Guid id, EvaluationService evaluation) =>
        await evaluation.RankingAsync(id) is { } ranking ? TypedResults.Ok(ranking) : NoLot();

    private static async Task<Results<Ok<AwardNotice>, ProblemHttpResult>> Award(Guid id, AwardInput? body, EvaluationService evaluation) =>
        await evaluation.AwardAsync(id, body?.BidId, body?.Justification) is { } notice ? TypedResults.Ok(notice) : NoLot();

    private static async Task<Results<Ok<UnsuccessfulView>, ProblemHttpResult>> Unsuccessful(Guid id, UnsuccessfulInput? body, EvaluationService evaluation) =>
        await evaluation.DeclareUnsuccessfulAsync(id, body?.Reason) is { } result ? TypedResults.Ok(result) : NoLot();

    private static async Task<Results<Ok<AwardNotice>, ProblemHttpResult>> Notice(Guid id, EvaluationService evaluation) =>
        await evaluation.AwardNoticeAsync(id) is { } notice ? TypedResults.Ok(notice) : NoLot();

    private static ProblemHttpResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>GET</c> and <c>POST /api/v1/lots/{id}/evaluators</c>.</summary>
public sealed record EvaluatorList(IReadOnlyList<EvaluatorProgress> Items);
