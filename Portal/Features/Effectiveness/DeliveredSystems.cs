using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Effectiveness;

namespace Portal.Features.Effectiveness;

/// <summary>
/// Delivered systems: marking a contract delivered, their targets and API keys, and what each viewer may read of them.
/// The rules are the domain's; this class loads, saves and decides who sees what.
/// </summary>
public sealed class DeliveredSystems(
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<EffectivenessOptions> options,
    TimeProvider clock,
    ILogger<DeliveredSystems> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Marks a recorded contract's system delivered, with the default targets; the officer becomes responsible for it.</summary>
    public async Task<SystemDetail> MarkDeliveredAsync(DeliveryInput input, SystemViewer officer, CancellationToken cancellationToken = default)
    {
        EnsureOfficer(officer);
        var contractId = input.ContractId ?? throw new DomainException("Say which contract was delivered (contractId).", "contractId");
        var deliveredOn = input.DeliveredOn ?? throw new DomainException("Enter the date the system was delivered.", "deliveredOn");
        var fee = input.MonthlyFeeYuan ?? throw new DomainException("Enter the monthly operating fee in yuan.", "monthlyFeeYuan");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken)
            ?? throw new DomainException("No recorded contract has this id.", "contractId");
        if (await db.DeliveredSystems.AnyAsync(s => s.ContractId == contractId, cancellationToken))
        {
            throw DomainException.Conflict("This contract's system is already marked delivered.", "contractId");
        }
        var system = DeliveredSystem.MarkDelivered(contract, input.Name ?? "", deliveredOn, fee, officer.UserId, Now);
        db.DeliveredSystems.Add(system);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "A simultaneous delivery of contract {ContractId} was refused.", contractId);
            throw DomainException.Conflict("This contract's system is already marked delivered.", "contractId");
        }
        logger.LogInformation("Contract {ContractId} delivered as system {SystemId}.", contractId, system.Id);
        return (await GetAsync(system.Id, officer, cancellationToken))!;
    }

    /// <summary>The system of a contract, if it was marked delivered (for the contract page).</summary>
    public async Task<Guid?> SystemOfContractAsync(Guid contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DeliveredSystems.Where(s => s.ContractId == contractId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The systems a viewer may see, idle ones first, each with its idle state today and its last statement.</summary>
    public async Task<IReadOnlyList<SystemSummary>> ListAsync(SystemViewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await VisibleAsync(db, viewer, cancellationToken);
        var summaries = await SummariesAsync(db, await systems.ToListAsync(cancellationToken), cancellationToken);
        return [.. summaries.OrderByDescending(s => s.Idle).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>One system with its targets, key, observations and statements; null when there is none the viewer may see.</summary>
    public async Task<SystemDetail?> GetAsync(Guid id, SystemViewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await (await VisibleAsync(db, viewer, cancellationToken)).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return null;
        }
        var summary = (await SummariesAsync(db, [system], cancellationToken)).Single();
        var key = await db.SystemApiKeys.AsNoTracking().Where(k => k.SystemId == id).OrderByDescending(k => k.IssuedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var observations = await db.KpiObservations.AsNoTracking().Where(o => o.SystemId == id).ToListAsync(cancellationToken);
        var statements = await db.MonthlyStatements.AsNoTracking().Where(s => s.SystemId == id).ToListAsync(cancellationToken);
        return new SystemDetail(
            summary,
            [.. system.Targets.OrderBy(t => t.Kpi).Select(TargetView.From)],
            key is null || !viewer.IsOfficer ? null : ApiKeyView.From(key),
            [.. observations.OrderByDescending(o => o.Period, StringComparer.Ordinal).ThenBy(o => o.Kpi).Select(ObservationView.From)],
            [.. statements.OrderBy(s => s.Period, StringComparer.Ordinal).Select(StatementView.From)]);
    }

    /// <summary>Replaces a system's targets with a full consistent set; null when there is no such system.</summary>
    public async Task<SystemDetail?> ChangeTargetsAsync(Guid id, TargetsInput input, SystemViewer officer, CancellationToken cancellationToken = default)
    {
        EnsureOfficer(officer);
        var targets = (input.Targets ?? throw new DomainException(new Phrase("Send the targets: one for each of {0}.", Kpis.Keys), "targets"))
            .Select(ToTarget).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.DeliveredSystems.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return null;
        }
        system.ChangeTargets(targets);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Targets of system {SystemId} changed by {Officer}.", id, officer.Name);
        return await GetAsync(id, officer, cancellationToken);
    }

    /// <summary>Issues a new API key for a system (revoking the one before); the secret is in this answer only. Null for no such system.</summary>
    public async Task<IssuedApiKey?> IssueKeyAsync(Guid id, SystemViewer officer, CancellationToken cancellationToken = default)
    {
        EnsureOfficer(officer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.DeliveredSystems.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return null;
        }
        var now = Now;
        var active = await db.SystemApiKeys.Where(k => k.SystemId == id && k.RevokedAtUtc == null).ToListAsync(cancellationToken);
        active.ForEach(k => k.Revoke(now));
        var (key, secret) = SystemApiKey.Issue(id, officer.Name, now);
        db.SystemApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API key {Prefix} issued for system {SystemId} by {Officer}.", key.Prefix, id, officer.Name);
        return new IssuedApiKey(secret, key.Prefix, now);
    }

    /// <summary>Revokes the system's active key; false when there is no such system. Revoking when no key is active changes nothing.</summary>
    public async Task<bool> RevokeKeyAsync(Guid id, SystemViewer officer, CancellationToken cancellationToken = default)
    {
        EnsureOfficer(officer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.DeliveredSystems.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return false;
        }
        var now = Now;
        var active = await db.SystemApiKeys.Where(k => k.SystemId == id && k.RevokedAtUtc == null).ToListAsync(cancellationToken);
        active.ForEach(k => k.Revoke(now));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API keys of system {SystemId} revoked by {Officer}.", id, officer.Name);
        return true;
    }

    public async Task<IReadOnlyList<StatementView>?> StatementsAsync(Guid id, SystemViewer viewer, CancellationToken cancellationToken = default) =>
        (await GetAsync(id, viewer, cancellationToken))?.Statements;

    internal static void EnsureOfficer(SystemViewer viewer)
    {
        if (!viewer.IsOfficer)
        {
            throw DomainException.Forbidden("Only procurement officers manage delivered systems.");
        }
    }

    private static KpiTarget ToTarget(TargetInput t)
    {
        var kpi = Kpis.ParseOrThrow(t.Kpi, "targets.kpi");
        var key = Kpis.ToKey(kpi);
        decimal Required(decimal? value, string name) => value ?? throw new DomainException(new Phrase("The {0} {1} is required.", key, name), $"{key}.{name}");
        return KpiTarget.Create(kpi, Required(t.Target, "target"), Required(t.SlightlyBelowUpToPercent, "slightlyBelowUpToPercent"),
            Required(t.BelowUpToPercent, "belowUpToPercent"), Required(t.SlightlyBelowDeductionPercent, "slightlyBelowDeductionPercent"),
            Required(t.BelowDeductionPercent, "belowDeductionPercent"), Required(t.SignificantlyBelowDeductionPercent, "significantlyBelowDeductionPercent"));
    }

    /// <summary>All systems for officers, officials and admins; the company's own for an SME user; none for anyone else.</summary>
    private static async Task<IQueryable<DeliveredSystem>> VisibleAsync(PortalDbContext db, SystemViewer viewer, CancellationToken cancellationToken)
    {
        var systems = db.DeliveredSystems.AsNoTracking();
        if (viewer.SeesAll)
        {
            return systems;
        }
        if (!viewer.IsSme)
        {
            throw DomainException.Forbidden("Delivered systems are for officers, officials and administrators; an SME sees its own.");
        }
        var own = await db.Suppliers.Where(s => s.OwnerUserId == viewer.UserId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
        return systems.Where(s => s.SupplierId == own);
    }

    /// <summary>Each system with its names, its idle state today (the domain's rule) and its last statement.</summary>
    private async Task<List<SystemSummary>> SummariesAsync(PortalDbContext db, List<DeliveredSystem> systems, CancellationToken cancellationToken)
    {
        var ids = systems.Select(s => s.Id).ToList();
        var lotIds = systems.Select(s => s.LotId).ToList();
        var supplierIds = systems.Select(s => s.SupplierId).ToList();
        var officerIds = systems.Select(s => s.ResponsibleOfficerUserId).ToList();
        var lots = await db.Lots.AsNoTracking().Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var officers = await db.Users.AsNoTracking().Where(u => officerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? "", cancellationToken);
        var observations = await db.KpiObservations.AsNoTracking().Where(o => ids.Contains(o.SystemId))
            .Select(o => new { o.SystemId, o.Period, o.Kpi, o.Value, o.RecordedAtUtc }).ToListAsync(cancellationToken);
        var statements = await db.MonthlyStatements.AsNoTracking().Where(s => ids.Contains(s.SystemId))
            .Select(s => new { s.SystemId, s.Period, s.PaymentYuan }).ToListAsync(cancellationToken);
        var rule = options.Value.Rule;
        var now = Now;
        return systems.Select(s =>
        {
            var own = observations.Where(o => o.SystemId == s.Id).ToList();
            var usage = own.Where(o => o.Kpi == Kpi.UsageRate).MaxBy(o => o.Period, StringComparer.Ordinal)?.Value;
            var lastData = own.Count == 0 ? s.InOperationSinceUtc : own.Max(o => o.RecordedAtUtc);
            var idle = rule.Assess(usage, lastData, now);
            var last = statements.Where(x => x.SystemId == s.Id).MaxBy(x => x.Period, StringComparer.Ordinal);
            return new SystemSummary(s.Id, s.Name, s.ContractId, s.LotId, lots.GetValueOrDefault(s.LotId, ""), s.SupplierId,
                suppliers.GetValueOrDefault(s.SupplierId, ""), s.DeliveredOn, s.MonthlyFeeYuan, officers.GetValueOrDefault(s.ResponsibleOfficerUserId, ""),
                idle is not null, IdleReasons.ToKey(idle?.Reason), idle?.Description, last?.Period, last?.PaymentYuan);
        }).ToList();
    }
}
