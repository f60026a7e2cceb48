using Hangfire.Server;
using Portal.Data.Audit;

namespace Portal.Jobs;

/// <summary>
/// Records what a background job changes against <c>system:&lt;job&gt;</c> (e.g. <c>system:LotClosingJob</c>) rather
/// than a bare "system", so the audit trail says which job did it.
/// </summary>
internal sealed class AuditJobActorFilter : IServerFilter
{
    private const string ScopeKey = "audit-actor-scope";

    /// <summary>Hangfire's filters are process-wide and each test host adds this one again: the first one sets the scope.</summary>
    public void OnPerforming(PerformingContext context) =>
        context.Items.TryAdd(ScopeKey, AuditActorAccessor.Use(AuditActor.Job(context.BackgroundJob.Job.Type.Name)));

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.Remove(ScopeKey, out var scope) && scope is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
