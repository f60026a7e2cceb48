using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Api;
using Portal.Features.Accounts;

namespace Portal.Features.Contracts;

/// <summary>The contract of an awarded lot under <c>/api/v1/lots/{id}/contract</c>.</summary>
public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContractEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Contracts");
        lots.MapPost("/{id:guid}/contract", Record).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Records the contract of an awarded lot after the standstill; an SME winner's subsidy grant follows.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/contract", Get).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("The lot's award and its contract (null until recorded) with the grant.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>201 with the contract and, for an SME winner, the grant it created (state eligible).</summary>
    private static async Task<Results<Created<ContractRecorded>, ProblemHttpResult>> Record(Guid id, ContractInput? body, ContractService contracts)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the contract: valueYuan, startsOn and endsOn."));
        }
        return await contracts.RecordAsync(id, body) is { } recorded
            ? TypedResults.Created($"/api/v1/lots/{id}/contract", ContractRecorded.From(recorded))
            : NoLot();
    }

    /// <summary>The lot's award and its contract (null until recorded) with the grant.</summary>
    private static async Task<Results<Ok<LotContract>, ProblemHttpResult>> Get(Guid id, ContractService contracts) =>
        await contracts.ForLotAsync(id) is { } lot ? TypedResults.Ok(lot) : NoLot();

    private static ProblemHttpResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>POST /api/v1/lots/{id}/contract</c>: the contract's fields and the grant it created.</summary>
public sealed record ContractRecorded(
    Guid Id, Guid LotId, Guid BidId, Guid SupplierId, decimal ValueYuan, DateOnly StartsOn, DateOnly EndsOn, DateTime RecordedAt,
    GrantSummary? Grant)
{
    public static ContractRecorded From(RecordedContract recorded)
    {
        var c = recorded.Contract;
        return new(c.Id, c.LotId, c.BidId, c.SupplierId, c.ValueYuan, c.StartsOn, c.EndsOn, c.RecordedAt, recorded.Grant);
    }
}
