using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Tenders;
using Portal.Features.Bidding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An SME is told about a new reserved lot, finds it, sees why it is eligible, bids and replaces its bid; a large firm is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BiddingTests(BrowserFixture browser)
{
    /// <summary>An open reserved lot of the demo data that the demo SME is eligible for, and which it has not bid on.</summary>
    private async Task<(Guid Id, string Title)> EligibleReservedLotAsync()
    {
        var lots = await browser.App.WithDbAsync(db => db.Lots.AsNoTracking()
            .Where(l => l.Status == LotStatus.Open && l.ReservedForSmes).Select(l => new { l.Id, l.Title }).ToListAsync());
        var smeUserId = await browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
        await using var scope = browser.App.Services.CreateAsyncScope();
        var bids = scope.ServiceProvider.GetRequiredService<BidService>();
        foreach (var lot in lots)
        {
            if ((await bids.EligibilityAsync(lot.Id, smeUserId))!.Eligible && await bids.MineAsync(lot.Id, smeUserId) is null)
            {
                return (lot.Id, lot.Title);
            }
        }
        throw new InvalidOperationException("The demo data has no open reserved lot the demo SME may bid for.");
    }

    [Fact]
    public async Task AnSmeBidsAndReplacesItsBidWhileALargeFirmIsRefused()
    {
        var (lotId, title) = await EligibleReservedLotAsync();
        var sme = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);

        await sme.OpenAsync("/lots");
        await sme.GetByTestId("lot-filter-reserved").CheckAsync();
        await sme.GetByTestId("lot-link").GetByText(title, new() { Exact = true }).ClickAsync();
        await sme.WaitForURLAsync($"**/lots/{lotId}");
        await Assertions.Expect(sme.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(sme.GetByTestId("eligibility-verdict")).ToHaveTextAsync("Eligible");
        await Assertions.Expect(sme.GetByTestId("eligibility-requirement").First).ToContainTextAsync("SME-reserved lot");

        await sme.GetByTestId("bid-price").FillAsync("880000");
        await sme.GetByTestId("bid-proposal").FillAsync("人脸识别门禁与大字版界面，三年运维。");
        await sme.GetByTestId("submit-bid").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("¥880,000");
        await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("version 1");
        var firstHash = await sme.GetByTestId("receipt-hash").InnerTextAsync();

        await sme.GetByTestId("bid-price").FillAsync("860000");
        await sme.GetByTestId("submit-bid").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("version 2");
        await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("¥860,000");
        Assert.NotEqual(firstHash, await sme.GetByTestId("receipt-hash").InnerTextAsync());
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-bid.png"), FullPage = true });
        await sme.Context.CloseAsync();
        Assert.Equal(1, await browser.App.WithDbAsync(db => db.Bids.CountAsync(b => b.LotId == lotId)));

        var large = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(large, "large@demo.local", PortalApp.DemoPassword);
        await large.GotoAsync($"/lots/{lotId}");
        await Assertions.Expect(large.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(large.GetByTestId("eligibility-verdict")).ToHaveTextAsync("Not eligible");
        await Assertions.Expect(large.GetByTestId("eligibility")).ToContainTextAsync("large enterprises cannot bid");
        await Assertions.Expect(large.GetByTestId("bid-refused")).ToBeVisibleAsync();
        await Assertions.Expect(large.GetByTestId("bid-form")).ToHaveCountAsync(0);
        await large.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-refused.png"), FullPage = true });
        await large.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerPublishesAReservedLotAnSmeIsToldAndBidsALargeFirmIsRefusedAndTheLotClosesAtTheDeadline()
    {
        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.OpenAsync("/tenders");
        await officer.GetByTestId("new-tender").ClickAsync();
        await officer.WaitForURLAsync("**/tenders/new");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        var title = $"老旧小区垃圾分类智能督导 {Guid.NewGuid():N}"[..20];
        await Fields.CommitAsync(officer, "tender-title", title);
        await Fields.CommitAsync(officer, "tender-buyer", "杭州市拱墅区城市管理局");
        await Fields.CommitAsync(officer, "tender-budget", "1500000");
        await Fields.CommitAsync(officer, "tender-description", "老旧小区桶站的垃圾分类督导与整改。");
        await officer.GetByTestId("tender-category").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Smart waste sorting" }).First.ClickAsync();
        await Fields.CommitAsync(officer, "lot-title", "标段1：垃圾分类智能督导");
        await Fields.CommitAsync(officer, "lot-value", "1200000");
        await Fields.CommitAsync(officer, "lot-description", "小区桶站AI督导摄像头与语音劝导，混投抓拍、整改跟踪与居民积分。");
        await Fields.CommitAsync(officer, "lot-min-project", "500000");
        await Assertions.Expect(officer.GetByTestId("reservation-advice")).ToContainTextAsync("100%");
        // The deadline a little over a minute away (the browser tests' minimum bidding period is one minute).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(80).ToOffset(TimeSpan.FromHours(8));
        deadline = deadline.AddSeconds(60 - deadline.Second);
        await officer.GetByTestId("tender-deadline").FillAsync(deadline.ToString("yyyy-MM-dd'T'HH:mm"));
        await officer.GetByTestId("publish").ClickAsync();
        await officer.WaitForURLAsync("**/lots/*");
        await Assertions.Expect(officer.GetByTestId("lot-status")).ToHaveTextAsync("Open for bids");
        var lotUrl = new Uri(officer.Url).AbsolutePath;
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-published.png"), FullPage = true });

        // Publication tells the SME whose company profile (it sorts waste) fits the lot and which may bid.
        var lotId = Guid.Parse(lotUrl.Split('/').Last());
        var smeUserId = await browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
        var told = false;
        for (var attempt = 0; attempt < 30 && !told; attempt++)
        {
            told = await browser.App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == smeUserId && n.Key == $"alert:{lotId}"));
            await Task.Delay(TimeSpan.FromSeconds(told ? 0 : 1));
        }
        Assert.True(told, "The SME was not notified within 30 seconds of the publication.");
        var unread = await browser.App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == smeUserId && n.ReadAtUtc == null));
        var sme = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
        await Assertions.Expect(sme.GetByTestId("notification-badge").Locator(".mud-badge")).ToHaveTextAsync(unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-alert-bell.png") });
        await sme.GetByTestId("notification-badge").Locator("a").ClickAsync();
        await sme.WaitForURLAsync("**/notifications");
        var notification = sme.GetByTestId("notification").Filter(new() { HasText = "New lot: 标段1：垃圾分类智能督导" });
        await Assertions.Expect(notification).ToContainTextAsync("matches the profile of 杭州绿源智能分类科技有限公司");
        await Assertions.Expect(notification.Locator("a")).ToHaveAttributeAsync("href", lotUrl.TrimStart('/'));
        await Assertions.Expect(sme.GetByTestId("notification-badge").Locator(".mud-badge")).ToHaveCountAsync(0);
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-alert-notification.png"), FullPage = true });
        await sme.GotoAsync(lotUrl);
        await Assertions.Expect(sme.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(sme.GetByTestId("eligibility-verdict")).ToHaveTextAsync("Eligible");
        await sme.GetByTestId("bid-price").FillAsync("1100000");
        await sme.GetByTestId("bid-proposal").FillAsync("AI督导摄像头与整改台账。");
        await sme.GetByTestId("submit-bid").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("version 1");

        var large = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(large, "large@demo.local", PortalApp.DemoPassword);
        await large.GotoAsync(lotUrl);
        await Assertions.Expect(large.GetByTestId("eligibility-verdict")).ToHaveTextAsync("Not eligible");
        await Assertions.Expect(large.GetByTestId("bid-form")).ToHaveCountAsync(0);
        await large.Context.CloseAsync();

        // Nobody acts at the deadline: the job scheduled at publication closes the lot.
        var closed = false;
        for (var attempt = 0; attempt < 90 && !closed; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            closed = await browser.App.WithDbAsync(db => db.Lots.AnyAsync(l => l.Title == "标段1：垃圾分类智能督导" && l.Status == LotStatus.Closed
                && db.Tenders.Any(t => t.Id == l.TenderId && t.Title == title)));
        }
        Assert.True(closed, "The lot did not close within three minutes of its publication.");
        await sme.ReloadAsync();
        await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(sme.GetByTestId("bid-form")).ToHaveCountAsync(0);
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-closed.png"), FullPage = true });
        await sme.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }
}
