using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>
/// Says in the OpenAPI document how each operation is authorised, read from the endpoint's own authorisation
/// metadata (so a new route is described correctly without a line of its own): anonymous operations carry no
/// requirement; the others require a bearer token from <c>POST /api/v1/auth/token</c>, or the <c>X-Api-Key</c> header
/// when the endpoint accepts the <see cref="ApiKeyScheme"/> authentication scheme. A route that checks a delivered
/// system's key itself (<see cref="ApiKeyChecked"/>, anonymous to the framework) requires the key, or a bearer token of
/// the roles it names.
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerSchemeName = "Bearer";
    public const string ApiKeySchemeName = "ApiKey";

    /// <summary>The authentication scheme name an endpoint lists (<c>RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyScheme))</c>) to accept an API key.</summary>
    public const string ApiKeyScheme = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SME procurement portal API";
        document.Info.Description =
            "Tenders, lots, sealed bids, evaluation, contracts, subsidies and the audit trail. Sign in with "
            + "POST /api/v1/auth/token and send the token as `Authorization: Bearer <token>`; delivered systems send `X-Api-Key`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken of POST /api/v1/auth/token (valid for the expiresAt it returns).",
        };
        document.Components.SecuritySchemes[ApiKeySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = "A delivered system's API key, issued by an officer.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ApiKeyChecked>().LastOrDefault() is { } keyChecked)
        {
            // Anonymous to the framework, but not to the route: the key, or a token of one of the roles.
            var orRoles = keyChecked.OrRoles;
            Require(operation, context.Document, orRoles.Count > 0 ? [ApiKeySchemeName, BearerSchemeName] : [ApiKeySchemeName], orRoles,
                $"Requires the delivered system's {ApiKeyHeader} header"
                + (orRoles.Count > 0 ? $", or a bearer token of the role {string.Join(" or ", orRoles)}." : "."));
            return Task.CompletedTask;
        }
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || (authorize.Count == 0 && policies.Count == 0))
        {
            return Task.CompletedTask;
        }
        var schemes = authorize.SelectMany(a => a.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries) ?? [])
            .Concat(policies.SelectMany(p => p.AuthenticationSchemes)).ToHashSet(StringComparer.Ordinal);
        var roles = authorize.SelectMany(a => a.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? [])
            .Concat(policies.SelectMany(p => p.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>())
                .SelectMany(r => r.AllowedRoles))
            .Distinct().ToList();
        Require(operation, context.Document, schemes.Contains(ApiKeyScheme) ? [BearerSchemeName, ApiKeySchemeName] : [BearerSchemeName], roles,
            roles.Count > 0 ? $"Requires the role {string.Join(" or ", roles)}." : "Requires a signed-in caller.");
        return Task.CompletedTask;
    }

    /// <summary>The operation's security (any one of <paramref name="schemes"/>), what it requires in words, a 401 and, with roles, a 403.</summary>
    private static void Require(OpenApiOperation operation, OpenApiDocument? document, IEnumerable<string> schemes, IReadOnlyCollection<string> roles, string requires)
    {
        operation.Security ??= [];
        foreach (var scheme in schemes)
        {
            operation.Security.Add(Requirement(scheme, document));
        }
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + requires;
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in: no or an expired token." });
        if (roles.Count > 0)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in without the role this needs." });
        }
    }

    /// <summary>One alternative of the operation's security: OpenAPI ORs the requirements in the list.</summary>
    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
