using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Reporting;
using Portal.Features.Effectiveness;
using EffectivenessPeriod = Portal.Domain.Effectiveness.Period;

namespace Portal.Features.Dashboard;

/// <summary>
/// Delivered systems on the officials' dashboard: which are idle today (the effectiveness feature's list, with the domain's
/// idle rule) and, per month of a period, what the monthly statements paid across systems and what they deducted.
/// </summary>
public sealed class SystemOversight(DeliveredSystems systems, IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<SystemFigures> ReadAsync(SystemViewer viewer, ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        var visible = await systems.ListAsync(viewer, cancellationToken);
        var ids = visible.Select(s => s.Id).ToList();
        var months = period.Months().Select(m => new EffectivenessPeriod(m.Year, m.Month).ToString()).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The statements' amounts were computed by the monthly rating; they are only added up here (in memory: SQLite
        // stores decimals as text).
        var statements = await db.MonthlyStatements.AsNoTracking()
            .Where(s => ids.Contains(s.SystemId) && months.Contains(s.Period))
            .Select(s => new { s.Period, s.MonthlyFeeYuan, s.DeductionYuan, s.PaymentYuan, s.Idle })
            .ToListAsync(cancellationToken);
        var first = statements.Select(s => s.Period).Order(StringComparer.Ordinal).FirstOrDefault();
        var payments = months
            .Where(m => first is not null && string.CompareOrdinal(m, first) >= 0)
            .Select(m =>
            {
                var month = statements.Where(s => s.Period == m).ToList();
                return new MonthPayments(m, month.Count, month.Sum(s => s.MonthlyFeeYuan), month.Sum(s => s.DeductionYuan),
                    month.Sum(s => s.PaymentYuan), month.Count(s => s.Idle));
            })
            .ToList();
        return new SystemFigures(visible, payments);
    }
}

/// <param name="Systems">Every system the viewer may see, idle ones first (their idle state today).</param>
/// <param name="Payments">The months of the period from the first rated one on, oldest first.</param>
public sealed record SystemFigures(IReadOnlyList<SystemSummary> Systems, IReadOnlyList<MonthPayments> Payments)
{
    public IReadOnlyList<SystemSummary> Idle => [.. Systems.Where(s => s.Idle)];
}

/// <summary>One month's statements across systems: the fees due, what was deducted for missed targets, and what was paid.</summary>
public sealed record MonthPayments(string Period, int Statements, decimal FeeYuan, decimal DeductionYuan, decimal PaymentYuan, int IdleStatements);
