using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Features;

/// <summary>
/// The officers' tender list over 120 tenders in a real SQLite file: tabs counted by the domain's statuses, search over
/// title, buyer and description, filters, sorts and pages read with Skip/Take.
/// </summary>
public sealed class TenderListingTests : IDisposable
{
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);
    private static readonly string[] Buyers = ["杭州市西湖区城市管理局", "杭州市上城区民政局", "杭州市拱墅区住房和城乡建设局"];
    private static readonly string[] Categories = ["smart-parking", "elderly-care", "smart-waste"];

    private readonly SqliteTestDatabase _database = new("tender-listing");
    private readonly ServiceProvider _services;
    private readonly TenderListing _listing;

    /// <summary>What was created: index, title, budget, deadline (null for drafts).</summary>
    private readonly List<(int Index, Guid Id, string Title, decimal Budget, DateTime? Deadline, string Category, bool Reserved)> _created = [];

    public TenderListingTests()
    {
        var services = new ServiceCollection();
        _database.Register(services);
        _services = services.BuildServiceProvider();
        _listing = new TenderListing(_services.GetRequiredService<IDbContextFactory<PortalDbContext>>());
        Seed();
    }

    /// <summary>
    /// 120 tenders, one a minute: 0–39 drafts, 40–89 open for bids (deadlines a day apart from 2026-12-10), 90–119
    /// past their deadline, in their opening. Every third is reserved for SMEs; buyers and categories rotate.
    /// </summary>
    private void Seed()
    {
        using var db = _database.NewContext();
        for (var i = 0; i < 120; i++)
        {
            var created = Now.AddMinutes(i);
            var title = i % 10 == 7 ? $"Smart Parking sensors {i:000}" : $"智慧城市项目{i:000}";
            var tender = Tender.Create(title, i % 15 == 0 ? $"含 LoRaWAN 网关 {i}" : "常规采购。", Buyers[i % 3], 1_000_000m + (i * 7919 % 120) * 10_000m, Categories[i % 3], created);
            var reserved = i % 3 == 0;
            tender.AddLot(ValidLot(valueYuan: 500_000m, reservedForSmes: reserved));
            DateTime? deadline = null;
            if (i >= 40)
            {
                // 40–89 close from 2026-12-10 16:00 UTC (2026-12-11 00:00 China time) on, a day apart; 90–119 closed
                // before "now" — published early enough to leave the bidding period.
                deadline = i < 90
                    ? new DateTime(2026, 12, 10, 16, 0, 0, DateTimeKind.Utc).AddDays(i - 40)
                    : created.AddDays(-20 + (i - 90) * 0.1);
                tender.Publish(deadline.Value, deadline.Value - TenDays - TimeSpan.FromMinutes(1), TenDays);
                if (i >= 90)
                {
                    tender.BeginOpeningIfDue(created);
                }
            }
            db.Tenders.Add(tender);
            db.Lots.AddRange(tender.Lots);
            _created.Add((i, tender.Id, title, tender.BudgetYuan, deadline, Categories[i % 3], reserved));
        }
        db.SaveChanges();
    }

    [Fact]
    public async Task TheFirstPageIsTheNewestAndTheTabsCountByStatus()
    {
        var page = await _listing.ListAsync(new TenderListQuery(PageSize: 25));

        Assert.Equal((120, 1, 5), (page.Total, page.Page, page.PageCount));
        Assert.Equal(_created.OrderByDescending(c => c.Index).Take(25).Select(c => c.Id), page.Items.Select(t => t.Id));
        Assert.Equal(120, page.TabCounts[TenderTab.All]);
        Assert.Equal(40, page.TabCounts[TenderTab.Draft]);
        Assert.Equal(50, page.TabCounts[TenderTab.Bidding]);
        Assert.Equal(30, page.TabCounts[TenderTab.Evaluation]);
        Assert.Equal(0, page.TabCounts[TenderTab.Awarded]);
        Assert.Equal(0, page.TabCounts[TenderTab.Imported]);
        Assert.All(page.Items, t => Assert.Single(t.Lots));
    }

    [Fact]
    public async Task PagesAreReadWithSkipAndTakeAndAPageTooFarIsTheLast()
    {
        var last = await _listing.ListAsync(new TenderListQuery(Page: 5, PageSize: 25));
        var beyond = await _listing.ListAsync(new TenderListQuery(Page: 99, PageSize: 25));
        var all = new List<Guid>();
        for (var p = 1; p <= 12; p++)
        {
            all.AddRange((await _listing.ListAsync(new TenderListQuery(Page: p, PageSize: 10))).Items.Select(t => t.Id));
        }

        Assert.Equal(20, last.Items.Count);
        Assert.Equal(5, beyond.Page);
        Assert.Equal(last.Items.Select(t => t.Id), beyond.Items.Select(t => t.Id));
        Assert.Equal(120, all.Distinct().Count());
    }

    [Fact]
    public async Task ATabKeepsItsTendersAndTheOtherTabsStillCount()
    {
        var drafts = await _listing.ListAsync(new TenderListQuery(Tab: TenderTab.Draft, PageSize: 100));
        var evaluation = await _listing.ListAsync(new TenderListQuery(Tab: TenderTab.Evaluation, PageSize: 100));

        Assert.Equal(40, drafts.Total);
        Assert.All(drafts.Items, t => Assert.Equal(TenderStatus.Draft, t.Status));
        Assert.Equal(120, drafts.TabCounts[TenderTab.All]);
        Assert.Equal(_created.Where(c => c.Index >= 90).Select(c => c.Id).Order(), evaluation.Items.Select(t => t.Id).Order());
        Assert.All(evaluation.Items, t => Assert.Equal(LotStatus.Opening, Assert.Single(t.Lots).Status));
    }

    [Fact]
    public async Task SearchCoversTitleBuyerAndDescriptionWhateverTheCase()
    {
        var byTitle = await _listing.ListAsync(new TenderListQuery(Text: "smart parking", PageSize: 100));
        var byBuyer = await _listing.ListAsync(new TenderListQuery(Text: "上城区民政局", PageSize: 100));
        var byDescription = await _listing.ListAsync(new TenderListQuery(Text: "lorawan", PageSize: 100));
        var searchedInATab = await _listing.ListAsync(new TenderListQuery(Text: "上城区民政局", Tab: TenderTab.Bidding, PageSize: 100));

        Assert.Equal(_created.Where(c => c.Index % 10 == 7).Select(c => c.Id).Order(), byTitle.Items.Select(t => t.Id).Order());
        Assert.Equal(40, byBuyer.Total);
        Assert.All(byBuyer.Items, t => Assert.Equal("杭州市上城区民政局", t.Buyer));
        Assert.Equal(_created.Where(c => c.Index % 15 == 0).Select(c => c.Id).Order(), byDescription.Items.Select(t => t.Id).Order());
        Assert.Equal(_created.Count(c => c.Index % 3 == 1 && c.Index is >= 40 and < 90), searchedInATab.Total);
        Assert.Equal(byBuyer.Total, searchedInATab.TabCounts[TenderTab.All]);
    }

    [Fact]
    public async Task CategoryReservationAndDeadlineFilterInChinaTime()
    {
        var parking = await _listing.ListAsync(new TenderListQuery(Category: "smart-parking", PageSize: 100));
        var reserved = await _listing.ListAsync(new TenderListQuery(ReservedForSmes: true, PageSize: 100));
        var notReserved = await _listing.ListAsync(new TenderListQuery(ReservedForSmes: false, PageSize: 100));
        // Tender 40 closes 2026-12-10 16:00 UTC, which is 2026-12-11 00:00 in China: the 11th, not the 10th.
        var onThe11th = await _listing.ListAsync(new TenderListQuery(DeadlineFrom: new DateOnly(2026, 12, 11), DeadlineTo: new DateOnly(2026, 12, 11)));
        var onThe10th = await _listing.ListAsync(new TenderListQuery(DeadlineFrom: new DateOnly(2026, 12, 10), DeadlineTo: new DateOnly(2026, 12, 10)));
        var aWeek = await _listing.ListAsync(new TenderListQuery(DeadlineFrom: new DateOnly(2026, 12, 11), DeadlineTo: new DateOnly(2026, 12, 17), PageSize: 100));

        Assert.Equal(40, parking.Total);
        Assert.All(parking.Items, t => Assert.Equal("smart-parking", t.Category));
        Assert.Equal((40, 80), (reserved.Total, notReserved.Total));
        Assert.Equal(_created[40].Id, Assert.Single(onThe11th.Items).Id);
        Assert.Equal(0, onThe10th.Total);
        Assert.Equal(7, aWeek.Total);
    }

    [Fact]
    public async Task SortsByBudgetDeadlineAndTitleEitherWay()
    {
        var cheapest = await _listing.ListAsync(new TenderListQuery(Sort: TenderSort.Budget, Descending: false, PageSize: 100));
        var dearest = await _listing.ListAsync(new TenderListQuery(Sort: TenderSort.Budget, Descending: true, PageSize: 100));
        var soonest = await _listing.ListAsync(new TenderListQuery(Sort: TenderSort.Deadline, Descending: false, PageSize: 100));
        var byTitle = await _listing.ListAsync(new TenderListQuery(Sort: TenderSort.Title, Descending: false, PageSize: 100));
        var oldest = await _listing.ListAsync(new TenderListQuery(Descending: false, PageSize: 10));

        Assert.Equal(cheapest.Items.Select(t => t.BudgetYuan).Order(), cheapest.Items.Select(t => t.BudgetYuan));
        Assert.Equal(_created.Min(c => c.Budget), cheapest.Items[0].BudgetYuan);
        Assert.Equal(_created.Max(c => c.Budget), dearest.Items[0].BudgetYuan);
        Assert.Equal(dearest.Items.Select(t => t.BudgetYuan).OrderDescending(), dearest.Items.Select(t => t.BudgetYuan));
        var deadlines = soonest.Items.Select(t => t.DeadlineUtc).ToList();
        Assert.Equal(deadlines.Where(d => d is not null).Order(), deadlines.TakeWhile(d => d is not null));
        Assert.Equal(_created.Where(c => c.Deadline is not null).Min(c => c.Deadline), deadlines[0]);
        Assert.Equal(byTitle.Items.Select(t => t.Title).Order(StringComparer.Ordinal), byTitle.Items.Select(t => t.Title));
        Assert.Equal(_created.Take(10).Select(c => c.Id), oldest.Items.Select(t => t.Id));
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }
}
