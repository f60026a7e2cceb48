using Portal.Domain;
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

/// <summary>
/// <c>GET /api/v1/tenders</c>: the officers' list as the API reads it —
/// <c>?q=&amp;tab=&amp;category=&amp;reservedForSmes=&amp;deadlineFrom=&amp;deadlineTo=&amp;sort=&amp;descending=&amp;page=&amp;pageSize=</c>.
/// </summary>
public static class TenderListRequest
{
    public static readonly Portal.Api.QueryParameter[] Parameters =
    [
        new("q", Microsoft.OpenApi.JsonSchemaType.String, "Free text in the title, buyer or description (case-insensitive)."),
        new("tab", Microsoft.OpenApi.JsonSchemaType.String, "all (default), draft, bidding, evaluation, awarded, contracted, unsuccessful or imported."),
        new("category", Microsoft.OpenApi.JsonSchemaType.String, "A category key."),
        new("reservedForSmes", Microsoft.OpenApi.JsonSchemaType.Boolean, "Tenders with a lot reserved for SMEs (true) or without one (false)."),
        new("deadlineFrom", Microsoft.OpenApi.JsonSchemaType.String, "First day of the deadline, in China time (YYYY-MM-DD).", "date"),
        new("deadlineTo", Microsoft.OpenApi.JsonSchemaType.String, "Last day of the deadline, in China time (YYYY-MM-DD).", "date"),
        new("sort", Microsoft.OpenApi.JsonSchemaType.String, "newest (default), deadline, budget or title."),
        new("descending", Microsoft.OpenApi.JsonSchemaType.Boolean, "Descending order (default true)."),
        new("page", Microsoft.OpenApi.JsonSchemaType.Integer, "1-based page number (default 1; past the last page, the last)."),
        new("pageSize", Microsoft.OpenApi.JsonSchemaType.Integer, "Tenders a page, 1-100 (default 20)."),
    ];

    public static (TenderListQuery? Query, Dictionary<string, Phrase[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, Phrase[]>();
        var tab = Choice(query, "tab", TenderTab.All, errors, "Use all, draft, bidding, evaluation, awarded, contracted, unsuccessful or imported.");
        var sort = Choice(query, "sort", TenderSort.Newest, errors, "Use newest, deadline, budget or title.");
        var category = query["category"] is [{ Length: > 0 } key] ? key : null;
        if (category is not null && Categories.All.All(c => c.Key != category))
        {
            errors["category"] = [Phrase.Of("Unknown category.")];
        }
        var parsed = new TenderListQuery(
            Text: query["q"].ToString(),
            Tab: tab,
            Category: category,
            ReservedForSmes: Flag(query, "reservedForSmes", errors),
            DeadlineFrom: Day(query, "deadlineFrom", errors),
            DeadlineTo: Day(query, "deadlineTo", errors),
            Sort: sort,
            Descending: Flag(query, "descending", errors) ?? true,
            Page: Whole(query, "page", 1, 100_000, errors) ?? 1,
            PageSize: Whole(query, "pageSize", 1, TenderListQuery.MaxPageSize, errors) ?? 20);
        if (parsed.DeadlineFrom > parsed.DeadlineTo)
        {
            errors["deadlineFrom"] = [Phrase.Of("The first day comes after the last.")];
        }
        return errors.Count > 0 ? (null, errors) : (parsed, errors);
    }

    private static T Choice<T>(IQueryCollection query, string name, T fallback, Dictionary<string, Phrase[]> errors, string message) where T : struct, Enum
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return fallback;
        }
        if (raw.All(char.IsAsciiLetter) && Enum.TryParse<T>(raw, ignoreCase: true, out var value))
        {
            return value;
        }
        errors[name] = [Phrase.Of(message)];
        return fallback;
    }

    private static bool? Flag(IQueryCollection query, string name, Dictionary<string, Phrase[]> errors)
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return null;
        }
        if (bool.TryParse(raw, out var value))
        {
            return value;
        }
        errors[name] = [Phrase.Of("Use true or false.")];
        return null;
    }

    private static DateOnly? Day(IQueryCollection query, string name, Dictionary<string, Phrase[]> errors)
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return null;
        }
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[name] = [Phrase.Of("Use a day as YYYY-MM-DD.")];
        return null;
    }

    private static int? Whole(IQueryCollection query, string name, int min, int max, Dictionary<string, Phrase[]> errors)
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return null;
        }
        if (int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [new Phrase("Use a whole number from {0} to {1}.", min, max)];
        return null;
    }
}

/// <summary>The answer of <c>GET /api/v1/tenders</c>: a page of tenders with their lots, and the count of each tab.</summary>
public sealed record TenderListView(int Total, int Page, int PageSize, IReadOnlyList<TenderListItem> Items, IReadOnlyDictionary<string, int> Tabs)
{
    public static TenderListView From(TenderListPage page) => new(
        page.Total, page.Page, page.PageSize,
        page.Items.Select(t => new TenderListItem(
            t.Id, t.Title, t.Buyer, t.BudgetYuan, t.Category, t.Status.ToString().ToLowerInvariant(), t.DeadlineUtc,
            t.Lots.Select(l => new TenderListLot(l.Id, l.Number, l.Title, l.ValueYuan, l.ReservedForSmes, LotStatuses.ToKey(l.Status))).ToList())).ToList(),
        page.TabCounts.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value));
}

public sealed record TenderListItem(Guid Id, string Title, string Buyer, decimal BudgetYuan, string Category, string Status, DateTime? Deadline, IReadOnlyList<TenderListLot> Lots);

public sealed record TenderListLot(Guid Id, int Number, string Title, decimal ValueYuan, bool ReservedForSmes, string Status);
