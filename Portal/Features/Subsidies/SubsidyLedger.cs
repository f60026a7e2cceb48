using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Subsidies;

namespace Portal.Features.Subsidies;

/// <summary>
/// The subsidy ledger: every grant for officials, its own company's grants for an SME user, with totals per state; and
/// the officials' transitions (approve, reject, disburse). Two officials acting on one grant at once cannot both win:
/// the grant's version is checked on save, and approvals run in a serializable transaction so that two approvals of
/// different grants cannot together spend more than the remaining budget. The loser is told, and nothing is written.
/// </summary>
public sealed class SubsidyLedger(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<SubsidyLedger> logger)
{
    /// <summary>The refusal for the official whose change lost a race with another official's.</summary>
    public const string ChangedMeanwhile = "This grant was changed by someone else meanwhile: reload the ledger and try again.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The grants a viewer may see, newest first, with totals per state; forbidden for anyone but officials and SME users.</summary>
    public async Task<Ledger> ListAsync(LedgerViewer viewer, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grants = db.SubsidyGrants.AsNoTracking();
        if (!viewer.IsOfficial)
        {
            if (!viewer.IsSme)
            {
                throw DomainException.Forbidden("The subsidy ledger is for officials; SME users see their own company's grants.");
            }
            var own = await db.Suppliers.Where(s => s.OwnerUserId == viewer.UserId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
            grants = grants.Where(g => g.SupplierId == own);
        }
        if (filter.State is { } state)
        {
            grants = grants.Where(g => g.State == state);
        }
        if (filter.SupplierId is { } supplierId)
        {
            grants = grants.Where(g => g.SupplierId == supplierId);
        }
        var query =
            from g in grants
            join p in db.SubsidyProgrammes on g.ProgrammeId equals p.Id
            join s in db.Suppliers on g.SupplierId equals s.Id
            join l in db.Lots on g.LotId equals l.Id
            join t in db.Tenders on l.TenderId equals t.Id
            where filter.Year == null || p.Year == filter.Year
            orderby g.CreatedAtUtc descending
            select new { g, p.Year, SupplierName = s.Name, LotTitle = l.Title, TenderTitle = t.Title };
        var rows = await query.ToListAsync(cancellationToken);
        var items = rows.Select(r => LedgerItem.From(r.g, r.Year, r.SupplierName, r.LotTitle, r.TenderTitle)).ToList();
        var totals = Enum.GetValues<GrantState>()
            .Select(s => new StateTotal(GrantStates.ToKey(s), items.Count(i => i.State == GrantStates.ToKey(s)),
                items.Where(i => i.State == GrantStates.ToKey(s)).Sum(i => i.AmountYuan)))
            .ToList();
        var budgets = viewer.IsOfficial ? await BudgetsAsync(db, filter.Year, cancellationToken) : [];
        return new Ledger(items, totals, budgets);
    }

    /// <summary>The ledger as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese names).</summary>
    public async Task<byte[]> CsvAsync(LedgerViewer viewer, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        var ledger = await ListAsync(viewer, filter, cancellationToken);
        var text = new StringBuilder();
        text.Append(Csv.Line(CsvHeader)).Append("\r\n");
        foreach (var i in ledger.Items)
        {
            text.Append(Csv.Line([
                i.Id.ToString(), i.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), i.State, i.SupplierId.ToString(), i.SupplierName,
                i.LotId.ToString(), i.TenderTitle, i.LotTitle, Csv.Number(i.ContractValueYuan), Csv.Number(i.AmountYuan),
                Iso(i.CreatedAt), Iso(i.DecidedAt), i.DecidedBy, i.RejectionReason, i.PaymentReference, Iso(i.DisbursedAt),
            ])).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static readonly string[] CsvHeader =
    [
        "id", "year", "state", "supplierId", "supplierName", "lotId", "tenderTitle", "lotTitle", "contractValueYuan", "amountYuan",
        "createdAt", "decidedAt", "decidedBy", "rejectionReason", "paymentReference", "disbursedAt",
    ];

    /// <summary>Approves a grant when the programme's remaining budget can pay it; null when there is no such grant.</summary>
    public Task<LedgerItem?> ApproveAsync(Guid grantId, string official, CancellationToken cancellationToken = default) =>
        TransitionAsync(grantId, async (db, grant) =>
        {
            var programme = await db.SubsidyProgrammes.AsNoTracking().SingleAsync(p => p.Id == grant.ProgrammeId, cancellationToken);
            grant.Approve(programme, await CommittedAsync(db, programme.Id, cancellationToken), official, Now);
        }, cancellationToken);

    /// <summary>Rejects an eligible grant with the official's reason; null when there is no such grant.</summary>
    public Task<LedgerItem?> RejectAsync(Guid grantId, string? reason, string official, CancellationToken cancellationToken = default) =>
        TransitionAsync(grantId, (_, grant) =>
        {
            grant.Reject(reason ?? "", official, Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Marks an approved grant paid, with the payment's reference; null when there is no such grant.</summary>
    public Task<LedgerItem?> DisburseAsync(Guid grantId, string? paymentReference, CancellationToken cancellationToken = default) =>
        TransitionAsync(grantId, (_, grant) =>
        {
            grant.Disburse(paymentReference ?? "", Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Saves a grant changed by another context's read (the second of two officials): the version check refuses it.
    /// The transitions above go through here, as does a test that holds the grant in two contexts.
    /// </summary>
    internal async Task SaveDecisionAsync(PortalDbContext db, SubsidyGrant grant, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            logger.LogInformation(ex, "Grant {GrantId} was changed by another official meanwhile.", grant.Id);
            throw DomainException.Conflict(ChangedMeanwhile);
        }
    }

    private async Task<LedgerItem?> TransitionAsync(Guid grantId, Func<PortalDbContext, SubsidyGrant, Task> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            // Serializable: the budget read by an approval cannot change under it (PostgreSQL refuses the later of two
            // overlapping approvals; SQLite takes the write lock at the start).
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var grant = await db.SubsidyGrants.SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken);
            if (grant is null)
            {
                return null;
            }
            await change(db, grant);
            await SaveDecisionAsync(db, grant, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            logger.LogInformation(ex, "A transition of grant {GrantId} overlapped another official's.", grantId);
            throw DomainException.Conflict(ChangedMeanwhile);
        }
        var items = await ListAsync(LedgerViewer.Official, new LedgerFilter(null, null, null), cancellationToken);
        return items.Items.Single(i => i.Id == grantId);
    }

    /// <summary>PostgreSQL's "could not serialize access" (SQLSTATE 40001), however deep the provider wrapped it.</summary>
    private static bool IsSerializationFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException { SqlState: "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What a programme's committed grants take from its budget (summed here: SQLite cannot sum decimals).</summary>
    private static async Task<decimal> CommittedAsync(PortalDbContext db, Guid programmeId, CancellationToken cancellationToken) =>
        (await CommittedAmountsAsync(db, [programmeId], cancellationToken)).Sum(c => c.AmountYuan);

    private static Task<List<(Guid ProgrammeId, decimal AmountYuan)>> CommittedAmountsAsync(
        PortalDbContext db, IReadOnlyCollection<Guid> programmeIds, CancellationToken cancellationToken) =>
        db.SubsidyGrants.AsNoTracking()
            .Where(g => programmeIds.Contains(g.ProgrammeId) && SubsidyGrant.CommittedStates.Contains(g.State))
            .Select(g => new ValueTuple<Guid, decimal>(g.ProgrammeId, g.AmountYuan))
            .ToListAsync(cancellationToken);

    /// <summary>Each programme's budget and what is committed of it, in two queries whatever the number of years.</summary>
    private static async Task<List<ProgrammeBudget>> BudgetsAsync(PortalDbContext db, int? year, CancellationToken cancellationToken)
    {
        var programmes = await db.SubsidyProgrammes.AsNoTracking().Where(p => year == null || p.Year == year).OrderByDescending(p => p.Year).ToListAsync(cancellationToken);
        var committed = (await CommittedAmountsAsync(db, programmes.Select(p => p.Id).ToList(), cancellationToken))
            .GroupBy(c => c.ProgrammeId)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.AmountYuan));
        return programmes.Select(p =>
        {
            var taken = committed.GetValueOrDefault(p.Id);
            return new ProgrammeBudget(p.Year, p.Name, p.Rate, p.AnnualBudgetYuan, taken, p.AnnualBudgetYuan - taken);
        }).ToList();
    }

    private static string Iso(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Who reads the ledger: officials see every grant, an SME user its own company's.</summary>
public sealed record LedgerViewer(string UserId, bool IsOfficial, bool IsSme)
{
    public static readonly LedgerViewer Official = new("", IsOfficial: true, IsSme: false);
}

public sealed record LedgerFilter(GrantState? State, int? Year, Guid? SupplierId);

public sealed record Ledger(IReadOnlyList<LedgerItem> Items, IReadOnlyList<StateTotal> Totals, IReadOnlyList<ProgrammeBudget> Programmes);

public sealed record StateTotal(string State, int Count, decimal AmountYuan);

public sealed record ProgrammeBudget(int Year, string Name, decimal Rate, decimal AnnualBudgetYuan, decimal CommittedYuan, decimal RemainingYuan);

public sealed record LedgerItem(
    Guid Id, Guid SupplierId, string SupplierName, Guid LotId, string LotTitle, string TenderTitle, Guid ContractId, int Year,
    decimal ContractValueYuan, decimal AmountYuan, string State, DateTime CreatedAt, DateTime? DecidedAt, string? DecidedBy,
    string? RejectionReason, string? PaymentReference, DateTime? DisbursedAt, int Version)
{
    public static LedgerItem From(SubsidyGrant g, int year, string supplierName, string lotTitle, string tenderTitle) => new(
        g.Id, g.SupplierId, supplierName, g.LotId, lotTitle, tenderTitle, g.ContractId, year, g.ContractValueYuan, g.AmountYuan,
        GrantStates.ToKey(g.State), g.CreatedAtUtc, g.DecidedAtUtc, g.DecidedBy, g.RejectionReason, g.PaymentReference, g.DisbursedAtUtc, g.Version);
}

/// <summary>Grant states as the API and the CSV name them: <c>eligible</c>, <c>approved</c>, <c>disbursed</c>, <c>rejected</c>.</summary>
public static class GrantStates
{
    public static string ToKey(GrantState state) => state.ToString().ToLowerInvariant();

    public static GrantState? Parse(string? key) =>
        Enum.GetValues<GrantState>().Cast<GrantState?>().SingleOrDefault(s => ToKey(s!.Value) == key?.Trim().ToLowerInvariant());

    /// <summary>The state as people read it (English text, the key of its translation).</summary>
    public static string Label(string key) => key switch
    {
        "approved" => "Approved",
        "disbursed" => "Disbursed",
        "rejected" => "Rejected",
        _ => "Eligible",
    };
}
