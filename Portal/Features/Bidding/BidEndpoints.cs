using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Bidding;

/// <summary>Eligibility and sealed bids under <c>/api/v1/lots/{id}</c>.</summary>
public static class BidEndpoints
{
    public static RouteGroupBuilder MapBidEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Bids");
        lots.MapGet("/{id:guid}/eligibility", Eligibility).RequireAuthorization(p => p.RequireRole(Roles.Sme));
        lots.MapPost("/{id:guid}/bids", Submit).RequireAuthorization(p => p.RequireRole(Roles.Sme));
        lots.MapGet("/{id:guid}/bids/mine", Mine).RequireAuthorization(p => p.RequireRole(Roles.Sme));
        lots.MapDelete("/{id:guid}/bids/mine", Withdraw).RequireAuthorization(p => p.RequireRole(Roles.Sme));
        lots.MapGet("/{id:guid}/bids", ForLot).RequireAuthorization();
        return api;
    }

    public sealed record BidInput(decimal? PriceYuan, string? Proposal);

    private static async Task<IResult> Eligibility(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.EligibilityAsync(id, users.GetUserId(caller)!) is { } result ? TypedResults.Ok(result) : NoLot();

    /// <summary>201 with the receipt for a first bid, 200 with the new receipt when it replaces the caller's bid.</summary>
    private static async Task<IResult> Submit(Guid id, BidInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send your bid: priceYuan and proposal."));
        }
        var receipt = await bids.SubmitAsync(id, users.GetUserId(caller)!, body.PriceYuan, body.Proposal);
        return receipt switch
        {
            null => NoLot(),
            { Replaced: true } => TypedResults.Ok(receipt),
            _ => TypedResults.Created($"/api/v1/lots/{id}/bids/mine", receipt),
        };
    }

    private static async Task<IResult> Mine(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.MineAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(bid)
            : TypedResults.Problem("Your company has no bid for this lot.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static async Task<IResult> Withdraw(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.WithdrawAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(new { bidId = bid.Id, withdrawnAt = bid.WithdrawnAtUtc })
            : NoLot();

    /// <summary>The lot's bids for its officers and assigned evaluators, after the deadline; 403 with the reason otherwise.</summary>
    private static async Task<IResult> ForLot(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.ForLotAsync(id, users.GetUserId(caller)!, caller.IsInRole(Roles.Officer)) is { } items
            ? TypedResults.Ok(new { items })
            : NoLot();

    private static IResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
