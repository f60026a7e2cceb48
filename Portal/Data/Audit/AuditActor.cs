using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Data.Audit;

/// <summary>Who a change is recorded against: a user (id and email), <c>system:&lt;job&gt;</c>, or later <c>api-key:&lt;prefix&gt;</c>.</summary>
public sealed record AuditActor(string Id, string Name)
{
    public static AuditActor System { get; } = new("system", "system");

    public static AuditActor Anonymous { get; } = new("anonymous", "anonymous");

    /// <summary>Background work of the portal itself, e.g. <c>system:lot-closing</c>.</summary>
    public static AuditActor Job(string name) => new($"system:{name}", $"system:{name}");

    public static AuditActor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "unknown";
        return new AuditActor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? id);
    }
}

/// <summary>
/// The actor of the code running now. An explicit <see cref="Use"/> (a Blazor circuit's event, a job) wins; otherwise
/// the HTTP request's user; otherwise <see cref="AuditActor.System"/>. Ambient because DbContexts come from a singleton
/// factory and cannot take the request's or circuit's scoped services.
/// </summary>
public sealed class AuditActorAccessor(IHttpContextAccessor http)
{
    private static readonly AsyncLocal<AuditActor?> _current = new();

    public AuditActor Current => _current.Value ?? (http.HttpContext?.User is { } user ? AuditActor.From(user) : AuditActor.System);

    /// <summary>Records changes made until the returned scope is disposed against <paramref name="actor"/>.</summary>
    public static IDisposable Use(AuditActor actor)
    {
        var previous = _current.Value;
        _current.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}

/// <summary>
/// Blazor Server events run outside any HTTP request: each inbound activity of a circuit (a click, a form submit)
/// runs as the circuit's signed-in user.
/// </summary>
internal sealed class AuditCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            using (AuditActorAccessor.Use(AuditActor.From(state.User)))
            {
                await next(context);
            }
        };
}
