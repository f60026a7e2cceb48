using System.Security.Claims;
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
        lots.MapPost("/{id:guid}/evaluators", Assign).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapGet("/{id:guid}/evaluators", Evaluators).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapPost("/{id:guid}/conflict-declaration", Declare).RequireAuthorization(p => p.RequireRole(Roles.Evaluator));
        lots.MapPost("/{id:guid}/scores", Score).RequireAuthorization(p => p.RequireRole(Roles.Evaluator));
        lots.MapGet("/{id:guid}/evaluation", ForEvaluator).RequireAuthorization(p => p.RequireRole(Roles.Evaluator));
        lots.MapGet("/{id:guid}/ranking", Ranking).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapPost("/{id:guid}/award", Award).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapPost("/{id:guid}/unsuccessful", Unsuccessful).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapGet("/{id:guid}/award-notice", Notice).AllowAnonymous();
        return api;
    }

    public sealed record AssignInput(List<string?>? Emails);

    public sealed record DeclarationInput(bool? HasConflict, string? Note);

    public sealed record ScoresInput(Guid? BidId, List<MarkInput>? Scores);

    public sealed record AwardInput(Guid? BidId, string? Justification);

    public sealed record UnsuccessfulInput(string? Reason);

    private static async Task<IResult> Assign(Guid id, AssignInput? body, EvaluationService evaluation) =>
        await evaluation.AssignAsync(id, body?.Emails) is { } items ? TypedResults.Ok(new { items }) : NoLot();

    private static async Task<IResult> Evaluators(Guid id, EvaluationService evaluation) =>
        await evaluation.EvaluatorsAsync(id) is { } items ? TypedResults.Ok(new { items }) : NoLot();

    private static async Task<IResult> Declare(Guid id, DeclarationInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.DeclareAsync(id, users.GetUserId(caller)!, body?.HasConflict, body?.Note) is { } declaration
            ? TypedResults.Ok(declaration)
            : NoLot();

    private static async Task<IResult> Score(Guid id, ScoresInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.ScoreAsync(id, users.GetUserId(caller)!, body?.BidId, body?.Scores) is { } receipt
            ? TypedResults.Ok(receipt)
            : NoLot();

    private static async Task<IResult> ForEvaluator(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, EvaluationService evaluation) =>
        await evaluation.ForEvaluatorAsync(id, users.GetUserId(caller)!) is { } view ? TypedResults.Ok(view) : NoLot();

    private static async Task<IResult> Ranking(Guid id, EvaluationService evaluation) =>
        await evaluation.RankingAsync(id) is { } ranking ? TypedResults.Ok(ranking) : NoLot();

    private static async Task<IResult> Award(Guid id, AwardInput? body, EvaluationService evaluation) =>
        await evaluation.AwardAsync(id, body?.BidId, body?.Justification) is { } notice ? TypedResults.Ok(notice) : NoLot();

    private static async Task<IResult> Unsuccessful(Guid id, UnsuccessfulInput? body, EvaluationService evaluation) =>
        await evaluation.DeclareUnsuccessfulAsync(id, body?.Reason) is { } result ? TypedResults.Ok(result) : NoLot();

    private static async Task<IResult> Notice(Guid id, EvaluationService evaluation) =>
        await evaluation.AwardNoticeAsync(id) is { } notice ? TypedResults.Ok(notice) : NoLot();

    private static IResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
