using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Localization;
using Portal.Search;

namespace Portal.Features.Suppliers;

public static class SupplierEndpoints
{
    public static RouteGroupBuilder MapSupplierEndpoints(this RouteGroupBuilder api)
    {
        var suppliers = api.MapGroup("/suppliers").WithTags("Suppliers");
        suppliers.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Creates the caller's company profile; the answer includes the derived sizeClass.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        suppliers.MapPut("/{id:guid}", Update).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Updates the caller's own company profile.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        suppliers.MapGet("/{id:guid}", Get).AllowAnonymous()
            .WithSummary("A supplier's public profile.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        suppliers.MapGet("/", Search).AllowAnonymous()
            .WithSummary("Searches suppliers by free text and filters, best first, with facets; without text, lists them SMEs first, newest profiles first.")
            .WithQueryParameters(SupplierSearchRequest.Parameters).ProducesValidationProblem();
        return api;
    }

    public sealed record SearchResponse(
        int Total, IReadOnlyList<SupplierHit> Items, SupplierFacets Facets, bool NothingToSearchFor, string? Message);

    /// <summary>Ranked suppliers for free text and filters, best first; user text never reaches a query parser.</summary>
    private static Results<Ok<SearchResponse>, ProblemHttpResult> Search(HttpRequest request, SupplierIndex index)
    {
        var (query, errors) = SupplierSearchRequest.Parse(request.Query);
        if (query is null)
        {
            return TypedResults.Problem(ApiProblems.Validation(errors));
        }
        var result = CertificationLabels.Named(index.Search(query));
        return TypedResults.Ok(new SearchResponse(result.Total, result.Items, result.Facets, result.NothingToSearchFor,
            result.NothingToSearchFor ? SupplierSearchRequest.NothingToSearchFor : null));
    }

    private static async Task<Results<Ok<SupplierDetails>, ProblemHttpResult>> Get(Guid id, SupplierProfileService profiles) =>
        await profiles.GetAsync(id) is { } supplier
            ? TypedResults.Ok(supplier)
            : TypedResults.Problem("No supplier has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static async Task<Results<Created<SupplierDetails>, ValidationProblem, ProblemHttpResult>> Create(SupplierInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierProfileService profiles)
    {
        if (body is null)
        {
            return TypedResults.ValidationProblem(ApiProblems.Validation("body", "A supplier profile is required.").Errors);
        }
        var result = await profiles.CreateAsync(users.GetUserId(caller)!, body);
        return result.Outcome == ProfileSaveOutcome.Saved
            ? TypedResults.Created($"/api/v1/suppliers/{result.Supplier!.Id}", result.Supplier)
            : ToProblem(result);
    }

    private static async Task<Results<Ok<SupplierDetails>, ValidationProblem, ProblemHttpResult>> Update(Guid id, SupplierInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, SupplierProfileService profiles)
    {
        if (body is null)
        {
            return TypedResults.ValidationProblem(ApiProblems.Validation("body", "A supplier profile is required.").Errors);
        }
        var result = await profiles.UpdateAsync(users.GetUserId(caller)!, id, body);
        return result.Outcome == ProfileSaveOutcome.Saved ? TypedResults.Ok(result.Supplier!) : ToProblem(result);
    }

    private static ProblemHttpResult ToProblem(ProfileSaveResult result) => result.Outcome switch
    {
        ProfileSaveOutcome.Invalid => TypedResults.Problem(ApiProblems.Validation(result.Field!, result.Message!)),
        ProfileSaveOutcome.NotFound => TypedResults.Problem(PortalText.Render(result.Message!), statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        ProfileSaveOutcome.Forbidden => TypedResults.Problem(PortalText.Render(result.Message!), statusCode: StatusCodes.Status403Forbidden, title: "Not your company."),
        _ => TypedResults.Problem(PortalText.Render(result.Message!), statusCode: StatusCodes.Status409Conflict, title: "Profile already exists."),
    };
}
