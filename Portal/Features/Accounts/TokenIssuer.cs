using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Accounts;

/// <summary>
/// Issues the bearer tokens of <c>POST /api/v1/auth/token</c>: Identity's bearer-token format, protected with the
/// portal's data-protection keys (shared by every node through the database).
/// </summary>
public sealed class TokenIssuer(
    SignInManager<PortalUser> signInManager,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task<IssuedToken> IssueAsync(PortalUser user)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var expiresAt = clock.GetUtcNow().Add(Lifetime);
        var properties = new AuthenticationProperties { IssuedUtc = clock.GetUtcNow(), ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToList();
        return new IssuedToken(protector.Protect(ticket), expiresAt.UtcDateTime, roles);
    }
}

public sealed record IssuedToken(string AccessToken, DateTime ExpiresAt, IReadOnlyList<string> Roles);
