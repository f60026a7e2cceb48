using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Accounts;

namespace Portal.Features.Audit;

/// <summary>The audit trail under <c>/api/v1/audit</c>, for admins and officials.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Official));
        audit.MapGet("", List)
            .WithSummary("Lists audit entries, newest first, filtered by entity, actor and time.")
            .ProducesValidationProblem();
        audit.MapGet("/verify", Verify)
            .WithSummary("Verifies the whole hash chain and lists every entry that fails.");
        return api;
    }

    private static async Task<Ok<AuditPage>> List(AuditService audit, string? entityType, string? entityId, string? actor,
        DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.ListAsync(new AuditFilter(entityType, entityId, actor, from?.ToUniversalTime(), to?.ToUniversalTime(),
            page ?? 1, pageSize ?? 50), cancellationToken));

    private static async Task<Ok<AuditVerification>> Verify(AuditService audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(cancellationToken));
}
