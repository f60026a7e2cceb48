using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Domain;
using Portal.Features.Accounts;

namespace Portal.Features.Subsidies;

/// <summary>The subsidy ledger under <c>/api/v1/subsidies</c>: officials see and decide every grant, SME users read their own.</summary>
public static class SubsidyEndpoints
{
    public static RouteGroupBuilder MapSubsidyEndpoints(this RouteGroupBuilder api)
    {
        var subsidies = api.MapGroup("/subsidies").WithTags("Subsidies");
        subsidies.MapGet("", List).RequireAuthorization()
            .WithSummary("The subsidy ledger with totals per state and the programmes' budgets; ?format=csv answers the export.")
            .ProducesFile("text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/subsidies.csv", Export).WithTags("Subsidies").RequireAuthorization()
            .WithSummary("The subsidy ledger as CSV, with the same filters.")
            .ProducesFile("text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        subsidies.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(p => p.RequireRole(Roles.Official))
            .WithSummary("Approves an eligible grant.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        subsidies.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(p => p.RequireRole(Roles.Official))
            .WithSummary("Rejects an eligible or approved grant with a reason.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        subsidies.MapPost("/{id:guid}/disburse", Disburse).RequireAuthorization(p => p.RequireRole(Roles.Official))
            .WithSummary("Records the payment of an approved grant with its payment reference.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record RejectInput(string? Reason);

    public sealed record DisburseInput(string? PaymentReference);

    /// <summary><c>{items, totals[{state, count, amountYuan}], programmes}</c>; <c>?format=csv</c> answers the export.</summary>
    private static async Task<Results<Ok<Ledger>, FileContentHttpResult, ProblemHttpResult>> List(string? state, int? year, Guid? supplier, string? format, ClaimsPrincipal caller, UserManager<PortalUser> users, SubsidyLedger ledger)
    {
        if (format is not null && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            if (format.Equals("csv", StringComparison.OrdinalIgnoreCase))
            {
                return await Export(state, year, supplier, caller, users, ledger);
            }
            return TypedResults.Problem(ApiProblems.Validation("format", "format is json (the default) or csv."));
        }
        return TypedResults.Ok(await ledger.ListAsync(ViewerOf(caller, users), Filter(state, year, supplier)));
    }

    private static async Task<FileContentHttpResult> Export(string? state, int? year, Guid? supplier, ClaimsPrincipal caller, UserManager<PortalUser> users, SubsidyLedger ledger)
    {
        var bytes = await ledger.CsvAsync(ViewerOf(caller, users), Filter(state, year, supplier));
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"subsidies{(year is { } y ? "-" + y : "")}.csv");
    }

    private static async Task<Results<Ok<LedgerItem>, ProblemHttpResult>> Approve(Guid id, ClaimsPrincipal caller, SubsidyLedger ledger) =>
        Answer(await ledger.ApproveAsync(id, Official(caller)));

    private static async Task<Results<Ok<LedgerItem>, ProblemHttpResult>> Reject(Guid id, RejectInput? body, ClaimsPrincipal caller, SubsidyLedger ledger) =>
        Answer(await ledger.RejectAsync(id, body?.Reason, Official(caller)));

    private static async Task<Results<Ok<LedgerItem>, ProblemHttpResult>> Disburse(Guid id, DisburseInput? body, SubsidyLedger ledger) =>
        Answer(await ledger.DisburseAsync(id, body?.PaymentReference));

    private static LedgerViewer ViewerOf(ClaimsPrincipal caller, UserManager<PortalUser> users) =>
        new(users.GetUserId(caller)!, caller.IsInRole(Roles.Official), caller.IsInRole(Roles.Sme));

    private static string Official(ClaimsPrincipal caller) => caller.Identity?.Name ?? "official";

    /// <summary>The filters as given; an unknown state or an impossible year is the caller's 400 naming the parameter.</summary>
    private static LedgerFilter Filter(string? state, int? year, Guid? supplier)
    {
        var parsed = GrantStates.Parse(state);
        if (!string.IsNullOrWhiteSpace(state) && parsed is null)
        {
            throw new DomainException("state is one of eligible, approved, disbursed, rejected.", "state");
        }
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("year is a year such as 2026.", "year");
        }
        return new LedgerFilter(parsed, year, supplier);
    }

    private static Results<Ok<LedgerItem>, ProblemHttpResult> Answer(LedgerItem? item) => item is null
        ? TypedResults.Problem("No subsidy grant has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
        : TypedResults.Ok(item);
}
