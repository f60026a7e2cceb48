namespace Portal.Api;

/// <summary>
/// Endpoint metadata of a route that lets its caller in itself: a delivered system with its <c>X-Api-Key</c> header
/// (the system posts with no user, so the route is anonymous to the framework), or else a signed-in caller with one of
/// <paramref name="OrRoles"/>. <see cref="OpenApiSecurity"/> reads it to describe the route's security, which the
/// framework's authorisation metadata cannot say.
/// </summary>
public sealed record ApiKeyChecked(IReadOnlyList<string> OrRoles);

public static class ApiKeyCheckedExtensions
{
    /// <summary>Anonymous to the framework; the handler checks the <c>X-Api-Key</c> header, or the caller's role.</summary>
    public static RouteHandlerBuilder ChecksApiKeyItself(this RouteHandlerBuilder builder, params string[] orRoles) =>
        builder.AllowAnonymous().WithMetadata(new ApiKeyChecked(orRoles));
}
