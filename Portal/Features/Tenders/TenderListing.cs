using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tenders;

namespace Portal.Features.Tenders;

/// <summary>
/// Where a tender stands, as the officers' list groups tenders in tabs. A tender is in a tab when its own status is
/// (<see cref="Draft"/>, <see cref="Imported"/>) or when one of its lots is in one of the tab's
/// <see cref="LotStatus"/>es: a tender with one lot awarded and another under evaluation is in both tabs.
/// </summary>
public enum TenderTab
{
    All,
    Draft,

    /// <summary>Published, a lot open for bids (招标中).</summary>
    Bidding,

    /// <summary>A lot being opened, closed or under evaluation (开标评标).</summary>
    Evaluation,

    /// <summary>A lot awarded, its contract not recorded yet (已授标).</summary>
    Awarded,
    Contracted,
    Unsuccessful,

    /// <summary>Copied from another system by an OCDS import.</summary>
    Imported,
}

public enum TenderSort
{
    Newest,
    Title,
    Deadline,
    Budget,
}

/// <summary>
/// The officers' list of tenders: free text over title, buyer and description, a tab, filters, a sort and a page.
/// <paramref name="DeadlineFrom"/> and <paramref name="DeadlineTo"/> are days in China time, both included.
/// </summary>
public sealed record TenderListQuery(
    string? Text = null,
    TenderTab Tab = TenderTab.All,
    string? Category = null,
    bool? ReservedForSmes = null,
    DateOnly? DeadlineFrom = null,
    DateOnly? DeadlineTo = null,
    TenderSort Sort = TenderSort.Newest,
    bool Descending = true,
    int Page = 1,
    int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

/// <summary>One page of tenders, how many match in all, and how many match in each tab (the other filters applied).</summary>
public sealed record TenderListPage(int Total, int Page, int PageSize, IReadOnlyList<TenderSummary> Items, IReadOnlyDictionary<TenderTab, int> TabCounts)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The officers' tender list, filtered, counted, sorted and paged in the database.</summary>
public sealed class TenderListing(IDbContextFactory<PortalDbContext> contexts)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The lot statuses that put a tender in a tab (empty for the tabs that go by the tender's own status).</summary>
    public static IReadOnlyList<LotStatus> LotStatusesOf(TenderTab tab) => tab switch
    {
        TenderTab.Bidding => [LotStatus.Open],
        TenderTab.Evaluation => [LotStatus.Opening, LotStatus.Closed, LotStatus.Evaluating],
        TenderTab.Awarded => [LotStatus.Awarded],
        TenderTab.Contracted => [LotStatus.Contracted],
        TenderTab.Unsuccessful => [LotStatus.Unsuccessful],
        _ => [],
    };

    /// <summary>The tab's name as people read it (English text, the key of its translation).</summary>
    public static string Label(TenderTab tab) => tab switch
    {
        TenderTab.All => "All tenders",
        TenderTab.Draft => "Drafts",
        TenderTab.Bidding => "In bidding",
        TenderTab.Evaluation => "Opening and evaluation",
        TenderTab.Awarded => "Awarded",
        TenderTab.Contracted => "Contracted",
        TenderTab.Unsuccessful => "Unsuccessful",
        _ => "Imported",
    };

    public async Task<TenderListPage> ListAsync(TenderListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, TenderListQuery.MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db.Tenders.AsNoTracking(), query);

        var counts = new Dictionary<TenderTab, int>();
        foreach (var tab in Enum.GetValues<TenderTab>())
        {
            counts[tab] = await InTab(filtered, tab).CountAsync(cancellationToken);
        }
        var total = counts[query.Tab];
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var tenders = await Sorted(InTab(filtered, query.Tab), query)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Include(t => t.Lots)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new TenderListPage(total, page, pageSize, tenders.Select(TenderSummary.From).ToList(), counts);
    }

    private static IQueryable<Tender> Filter(IQueryable<Tender> tenders, TenderListQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLower();
            tenders = tenders.Where(t => t.Title.ToLower().Contains(text) || t.Buyer.ToLower().Contains(text) || t.Description.ToLower().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            tenders = tenders.Where(t => t.Category == query.Category);
        }
        if (query.ReservedForSmes is { } reserved)
        {
            tenders = reserved
                ? tenders.Where(t => t.Lots.Any(l => l.ReservedForSmes))
                : tenders.Where(t => t.Lots.All(l => !l.ReservedForSmes));
        }
        if (query.DeadlineFrom is { } from)
        {
            var fromUtc = ChinaDayStartUtc(from);
            tenders = tenders.Where(t => t.DeadlineUtc >= fromUtc);
        }
        if (query.DeadlineTo is { } to)
        {
            var beforeUtc = ChinaDayStartUtc(to.AddDays(1));
            tenders = tenders.Where(t => t.DeadlineUtc < beforeUtc);
        }
        return tenders;
    }

    private static IQueryable<Tender> InTab(IQueryable<Tender> tenders, TenderTab tab)
    {
        var statuses = LotStatusesOf(tab).ToList();
        return tab switch
        {
            TenderTab.All => tenders,
            TenderTab.Draft => tenders.Where(t => t.Status == TenderStatus.Draft),
            TenderTab.Imported => tenders.Where(t => t.Status == TenderStatus.Imported),
            _ => tenders.Where(t => t.Status == TenderStatus.Published && t.Lots.Any(l => statuses.Contains(l.Status))),
        };
    }

    private static IQueryable<Tender> Sorted(IQueryable<Tender> tenders, TenderListQuery query) => (query.Sort, query.Descending) switch
    {
        (TenderSort.Title, false) => tenders.OrderBy(t => t.Title).ThenBy(t => t.Id),
        (TenderSort.Title, true) => tenders.OrderByDescending(t => t.Title).ThenBy(t => t.Id),
        // Tenders without a deadline (drafts) come last either way.
        (TenderSort.Deadline, false) => tenders.OrderBy(t => t.DeadlineUtc == null).ThenBy(t => t.DeadlineUtc).ThenBy(t => t.Id),
        (TenderSort.Deadline, true) => tenders.OrderBy(t => t.DeadlineUtc == null).ThenByDescending(t => t.DeadlineUtc).ThenBy(t => t.Id),
        (TenderSort.Budget, false) => tenders.OrderBy(t => (double)t.BudgetYuan).ThenBy(t => t.Id),
        (TenderSort.Budget, true) => tenders.OrderByDescending(t => (double)t.BudgetYuan).ThenBy(t => t.Id),
        (_, false) => tenders.OrderBy(t => t.CreatedAtUtc).ThenBy(t => t.Id),
        _ => tenders.OrderByDescending(t => t.CreatedAtUtc).ThenBy(t => t.Id),
    };

    private static DateTime ChinaDayStartUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).UtcDateTime;
}
