using Portal.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;

namespace Portal.Features.Accounts;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).AllowAnonymous().WithTags("Accounts")
            .WithSummary("Issues a bearer token for an email and password.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/auth/register", Register).AllowAnonymous().WithTags("Accounts")
            .WithSummary("Registers an SME user (role Sme).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/me", DescribeCaller).RequireAuthorization().WithTags("Accounts")
            .WithSummary("Describes the caller: email, roles and company profile.");
        return api;
    }

    public sealed record Credentials(string? Email, string? Password);

    public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt, IReadOnlyList<string> Roles);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> IssueToken(
        Credentials? body, AccountService accounts, TokenIssuer tokens)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.Email))
        {
            missing["email"] = ["Email is required."];
        }
        if (string.IsNullOrEmpty(body?.Password))
        {
            missing["password"] = ["Password is required."];
        }
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing, title: "The request has invalid fields.");
        }
        var check = await accounts.CheckCredentialsAsync(body!.Email, body.Password);
        if (check.User is null)
        {
            return TypedResults.Problem(PortalText.Render(check.Error!), statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.");
        }
        var token = await tokens.IssueAsync(check.User);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, token.ExpiresAt, token.Roles));
    }

    public sealed record RegisteredResponse(string Email, IReadOnlyList<string> Roles);

    private static async Task<Results<Created<RegisteredResponse>, ProblemHttpResult, ValidationProblem>> Register(
        Credentials? body, AccountService accounts)
    {
        var result = await accounts.RegisterSmeAsync(body?.Email, body?.Password);
        if (result.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");
        }
        if (result.ConflictMessage is { } conflict)
        {
            return TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict, title: "Email already registered.");
        }
        return TypedResults.Created("/api/v1/me", new RegisteredResponse(result.User!.Email!, [Roles.Sme]));
    }

    private static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> DescribeCaller(ClaimsPrincipal caller, AccountService accounts, UserManager<PortalUser> users)
    {
        var me = await accounts.DescribeAsync(users.GetUserId(caller));
        return me is null ? TypedResults.Unauthorized() : TypedResults.Ok(me);
    }
}
