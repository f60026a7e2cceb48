using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Subsidies;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;
using Portal.Features.Evaluation;

namespace Portal.Features.Home;

/// <summary>
/// One thing a member of staff has to do (or watch): what it is about (the user's own text, a lot or tender title),
/// what is due, the page where it is done, and when — a phrase with its UTC instant ("Bids close {0}"), shown in China
/// time with the zone said.
/// </summary>
public sealed record StaffTask(string Subject, Phrase Detail, string Href, Phrase? When = null, bool Urgent = false);

/// <summary>A to-do list on a staff home page: its heading, how many items there are in all, the first few, and the page listing all.</summary>
public sealed record StaffTaskList(string Key, Phrase Heading, int Count, IReadOnlyList<StaffTask> Items, string? AllHref = null);

/// <summary>
/// A source of to-do lists for the home page. Each feature that gives staff work adds its own source (registered as
/// <c>IStaffTaskSource</c>); the home page shows every list of every source for the signed-in user. Challenges to
/// answer, when they come, are one more source.
/// </summary>
public interface IStaffTaskSource
{
    /// <summary>The lists for this user (none when the source has nothing for their roles).</summary>
    Task<IReadOnlyList<StaffTaskList>> ListsForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}

/// <summary>Every to-do list for a user, from all the sources, in the order they were registered.</summary>
public sealed class StaffTasks(IEnumerable<IStaffTaskSource> sources)
{
    public async Task<IReadOnlyList<StaffTaskList>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var lists = new List<StaffTaskList>();
        foreach (var source in sources)
        {
            lists.AddRange(await source.ListsForAsync(user, cancellationToken));
        }
        return lists;
    }

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<IStaffTaskSource, OfficerTasks>();
        services.AddScoped<IStaffTaskSource, OfficialTasks>();
        services.AddScoped<StaffTasks>();
    }
}

/// <summary>
/// An officer's work: lots closing soon, lots whose evaluation needs evaluators or is under way, lots ready to award,
/// contracts to record once the standstill is over, and drafts.
/// </summary>
public sealed class OfficerTasks(IDbContextFactory<PortalDbContext> contexts, EvaluationService evaluations, TimeProvider clock) : IStaffTaskSource
{
    /// <summary>Lots closing within this period are "closing soon".</summary>
    public static readonly TimeSpan ClosingSoon = TimeSpan.FromDays(7);

    /// <summary>Items shown per list; the count says how many there are.</summary>
    public const int Shown = 5;

    public async Task<IReadOnlyList<StaffTaskList>> ListsForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(Roles.Officer))
        {
            return [];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var published = db.Tenders.AsNoTracking().Where(t => t.Status == TenderStatus.Published);
        var soon = now + ClosingSoon;

        var closing = await db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Open)
            .Join(published.Where(t => t.DeadlineUtc > now && t.DeadlineUtc <= soon), l => l.TenderId, t => t.Id,
                (l, t) => new { l.Id, l.Title, Tender = t.Title, Deadline = t.DeadlineUtc!.Value })
            .OrderBy(x => x.Deadline).ThenBy(x => x.Title)
            .ToListAsync(cancellationToken);

        var evaluated = await db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Closed || l.Status == LotStatus.Evaluating)
            .Join(published, l => l.TenderId, t => t.Id, (l, t) => new { l.Id, l.Title, l.OpeningClosedAtUtc, Evaluators = l.EvaluatorUserIds })
            .OrderBy(x => x.OpeningClosedAtUtc).ThenBy(x => x.Title)
            .ToListAsync(cancellationToken);
        var toEvaluate = new List<StaffTask>();
        var toAward = new List<StaffTask>();
        foreach (var lot in evaluated)
        {
            var href = $"lots/{lot.Id}/evaluation";
            if (lot.Evaluators.Count == 0)
            {
                toEvaluate.Add(new(lot.Title, Phrase.Of("No evaluators assigned: assign them to start the evaluation."), href, Opened(lot.OpeningClosedAtUtc), Urgent: true));
                continue;
            }
            var progress = await evaluations.EvaluatorsAsync(lot.Id, cancellationToken) ?? [];
            var finished = progress.Count(p => p.State == "finished");
            if (finished > 0 && progress.All(p => p.State is "finished" or "conflict"))
            {
                toAward.Add(new(lot.Title, new Phrase("Every evaluator has finished ({0} of {1}): rank and award, or declare the lot unsuccessful.", finished, progress.Count), href, Opened(lot.OpeningClosedAtUtc)));
            }
            else
            {
                toEvaluate.Add(new(lot.Title, new Phrase("Awaiting evaluators: {0} of {1} finished.", finished, progress.Count), href, Opened(lot.OpeningClosedAtUtc)));
            }
        }

        var awarded = await db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Awarded)
            .Select(l => new { l.Id, l.Title, Ends = l.StandstillEndsAtUtc })
            .ToListAsync(cancellationToken);
        var contracts = awarded.OrderBy(a => a.Ends).ThenBy(a => a.Title).Select(a => a.Ends <= now
            ? new StaffTask(a.Title, Phrase.Of("The standstill period is over: record the contract."), $"lots/{a.Id}/contract", At("Standstill ended {0}", a.Ends), Urgent: true)
            : new StaffTask(a.Title, Phrase.Of("In the standstill period: the contract can be recorded after it ends."), $"lots/{a.Id}/contract", At("Standstill ends {0}", a.Ends)))
            .ToList();

        var drafts = await db.Tenders.AsNoTracking()
            .Where(t => t.Status == TenderStatus.Draft)
            .OrderByDescending(t => t.CreatedAtUtc)
            .Select(t => new { t.Id, t.Title, t.CreatedAtUtc, Lots = t.Lots.Count })
            .ToListAsync(cancellationToken);

        return
        [
            List("closing", "Lots closing soon", closing.Select(c => new StaffTask(
                c.Title, new Phrase("Tender: {0}", c.Tender), $"lots/{c.Id}", At("Bids close {0}", c.Deadline), Urgent: c.Deadline <= now.AddDays(1))).ToList(), "lots"),
            List("evaluate", "Lots to evaluate", toEvaluate, "tenders?tab=evaluation"),
            List("award", "Lots to award", toAward),
            List("contracts", "Contracts to record", contracts),
            List("drafts", "Draft tenders", drafts.Select(d => new StaffTask(
                d.Title, new Phrase("Draft with {0} lots: finish and publish it.", d.Lots), $"tenders/{d.Id}/edit", At("Created {0}", d.CreatedAtUtc))).ToList(), "tenders?tab=draft"),
        ];
    }

    private static Phrase? Opened(DateTime? at) => At("Bids opened {0}", at);

    /// <summary>"Bids close {0}" with its instant, or nothing when there is none.</summary>
    internal static Phrase? At(string template, DateTime? utc) => utc is { } instant ? new Phrase(template, instant) : null;

    internal static StaffTaskList List(string key, string heading, IReadOnlyList<StaffTask> items, string? allHref = null) =>
        new(key, Phrase.Of(heading), items.Count, items.Take(Shown).ToList(), allHref);
}

/// <summary>
/// An official's work: subsidy grants to approve, approved grants to disburse (a second official records the payment of
/// a grant one approved: four eyes), and delivered systems found idle in their latest month.
/// </summary>
public sealed class OfficialTasks(IDbContextFactory<PortalDbContext> contexts) : IStaffTaskSource
{
    public async Task<IReadOnlyList<StaffTaskList>> ListsForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(Roles.Official))
        {
            return [];
        }
        var me = user.Identity?.Name ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grants = await db.SubsidyGrants.AsNoTracking()
            .Where(g => g.State == GrantState.Eligible || g.State == GrantState.Approved)
            .Join(db.Suppliers, g => g.SupplierId, s => s.Id, (g, s) => new { g.Id, g.State, g.AmountYuan, g.CreatedAtUtc, g.DecidedAtUtc, g.DecidedBy, Supplier = s.Name })
            .ToListAsync(cancellationToken);
        var toApprove = grants.Where(g => g.State == GrantState.Eligible).OrderBy(g => g.CreatedAtUtc)
            .Select(g => new StaffTask(g.Supplier, new Phrase("Grant of {0}: approve or reject it.", new Yuan(g.AmountYuan)), "subsidies", OfficerTasks.At("Eligible since {0}", g.CreatedAtUtc)))
            .ToList();
        // Four eyes: a grant the official approved is paid by another, so it is listed last and says so.
        var toDisburse = grants.Where(g => g.State == GrantState.Approved)
            .OrderBy(g => g.DecidedBy == me).ThenBy(g => g.DecidedAtUtc)
            .Select(g => g.DecidedBy == me
                ? new StaffTask(g.Supplier, new Phrase("Grant of {0}, approved by you: a second official records its payment (four eyes).", new Yuan(g.AmountYuan)), "subsidies", OfficerTasks.At("Approved {0}", g.DecidedAtUtc))
                : new StaffTask(g.Supplier, new Phrase("Grant of {0}, approved by {1}: record its payment.", new Yuan(g.AmountYuan), g.DecidedBy), "subsidies", OfficerTasks.At("Approved {0}", g.DecidedAtUtc), Urgent: true))
            .ToList();

        // Each system's latest rated month, idle or not (a few rows a system a month: read, then the latest kept).
        var statements = await db.MonthlyStatements.AsNoTracking()
            .Join(db.DeliveredSystems, s => s.SystemId, d => d.Id, (s, d) => new { d.Id, d.Name, s.Period, s.Idle, s.IdleReason, s.RatedAtUtc })
            .ToListAsync(cancellationToken);
        var latest = statements.GroupBy(s => s.Id).Select(g => g.MaxBy(s => s.Period)!).Where(s => s.Idle).ToList();
        var idle = latest.OrderByDescending(s => s.Period).ThenBy(s => s.Name)
            .Select(s => new StaffTask(s.Name, new Phrase("Idle in {0} ({1}): follow up with the supplier and the department.", s.Period, s.IdleReason is { } reason ? Phrase.Of(Reason(reason)) : Phrase.Of("Idle")), $"systems/{s.Id}", OfficerTasks.At("Rated {0}", s.RatedAtUtc), Urgent: true))
            .ToList();

        return
        [
            OfficerTasks.List("grants-approve", "Grants to approve", toApprove, "subsidies"),
            OfficerTasks.List("grants-disburse", "Grants to disburse", toDisburse, "subsidies"),
            OfficerTasks.List("idle-systems", "Idle systems", idle, "systems"),
        ];
    }

    private static string Reason(Portal.Domain.Effectiveness.IdleReason reason) => reason switch
    {
        Portal.Domain.Effectiveness.IdleReason.LowUsage => "Low usage",
        _ => "no data reported",
    };
}
