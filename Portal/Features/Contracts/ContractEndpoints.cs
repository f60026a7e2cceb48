using Portal.Api;
using Portal.Features.Accounts;

namespace Portal.Features.Contracts;

/// <summary>The contract of an awarded lot under <c>/api/v1/lots/{id}/contract</c>.</summary>
public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContractEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Contracts");
        lots.MapPost("/{id:guid}/contract", Record).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        lots.MapGet("/{id:guid}/contract", Get).RequireAuthorization(p => p.RequireRole(Roles.Officer));
        return api;
    }

    /// <summary>201 with the contract and, for an SME winner, the grant it created (state eligible).</summary>
    private static async Task<IResult> Record(Guid id, ContractInput? body, ContractService contracts)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the contract: valueYuan, startsOn and endsOn."));
        }
        return await contracts.RecordAsync(id, body) is { } recorded
            ? TypedResults.Created($"/api/v1/lots/{id}/contract", new { recorded.Contract.Id, recorded.Contract.LotId, recorded.Contract.BidId,
                recorded.Contract.SupplierId, recorded.Contract.ValueYuan, recorded.Contract.StartsOn, recorded.Contract.EndsOn,
                recorded.Contract.RecordedAt, recorded.Grant })
            : NoLot();
    }

    /// <summary>The lot's award and its contract (null until recorded) with the grant.</summary>
    private static async Task<IResult> Get(Guid id, ContractService contracts) =>
        await contracts.ForLotAsync(id) is { } lot ? TypedResults.Ok(lot) : NoLot();

    private static IResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
