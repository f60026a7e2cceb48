using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Tenders;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// Two evaluators declare no conflict and score a lot's bids in the browser; the officer reads the ranking and awards
/// it to the small enterprise; the award notice shows on the public lot page; after the standstill the officer records
/// the contract, an official approves and disburses the SME's subsidy, and the ledger shows it once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationTests(BrowserFixture browser)
{
    /// <summary>
    /// A lot not reserved for SMEs with the demo SME's and the large firm's sealed bids, assigned to both evaluators,
    /// past its deadline and opened: the portal's clock is moved past the deadline, the opening job run and each bid
    /// decrypted by its bidder. The test puts the clock back when it ends.
    /// </summary>
    private async Task<(Guid LotId, string Title)> OpenedLotAsync()
    {
        var app = browser.App;
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await TenderApi.CreateTenderAsync(officer);
        var title = $"标段1：门禁评审 {Guid.NewGuid():N}"[..16];
        var lotId = (await TenderApi.AddLotAsync(officer, tenderId, reservedForSmes: false, title: title)).GetProperty("id").GetGuid();
        // The browser tests' minimum bidding period is one minute.
        var deadline = app.Clock.GetUtcNow().AddSeconds(65);
        await TenderApi.PublishAsync(officer, tenderId, deadline);
        var assigned = await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/evaluators", new { emails = new[] { "evaluator@demo.local", "evaluator2@demo.local" } });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var keys = new List<(string Email, byte[] Key)>();
        foreach (var (email, price) in new[] { ("sme@demo.local", 850_000m), ("large@demo.local", 800_000m) })
        {
            using var bidder = await app.CreateClientForAsync(email);
            var (bid, key) = await SealedBids.SubmitAsync(bidder, lotId, price, $"{email}：人脸识别门禁方案，三年运维。");
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
            keys.Add((email, key));
        }
        await SealedBids.OpenAsync(app, deadline, lotId, [.. keys]);
        Assert.Equal(LotStatus.Closed, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
        return (lotId, title);
    }

    private static async Task EvaluateAsync(IPage page, string email, string title, (decimal Technical, decimal Service) sme, (decimal Technical, decimal Service) large, string? screenshot = null)
    {
        await SignInTests.SignInAsync(page, email, PortalApp.DemoPassword);
        await page.OpenAsync("/evaluation");
        await page.GetByTestId("evaluate-lot").GetByText(title, new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/evaluation/lots/*");
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("declaration-form")).ToContainTextAsync("Declaration on conflicts of interest");
        await Assertions.Expect(page.GetByTestId("bidder")).ToHaveCountAsync(2);
        await page.GetByTestId("declare").ClickAsync();
        await Assertions.Expect(page.GetByTestId("declared")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("others-hidden")).ToBeVisibleAsync();
        // Each bid's proposal names its bidder's account (see ClosedLotAsync).
        foreach (var (bidder, scores) in new[] { ("sme@demo.local", sme), ("large@demo.local", large) })
        {
            var bid = page.GetByTestId("bid-to-score").Filter(new() { HasText = bidder });
            await bid.GetByTestId("score-input").Nth(0).FillAsync(scores.Technical.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await bid.GetByTestId("comment-input").Nth(0).FillAsync("方案完整");
            await bid.GetByTestId("score-input").Nth(1).FillAsync(scores.Service.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await bid.GetByTestId("submit-scores").ClickAsync();
            await Assertions.Expect(bid.GetByTestId("my-score")).ToHaveTextAsync([scores.Technical.ToString(System.Globalization.CultureInfo.InvariantCulture), scores.Service.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await Assertions.Expect(bid.GetByTestId("submit-scores")).ToHaveCountAsync(0);
        }
        await Assertions.Expect(page.GetByTestId("others-hidden")).ToHaveCountAsync(0);
        if (screenshot is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, screenshot), FullPage = true });
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoEvaluatorsScoreTheOfficerAwardsToTheSmallEnterpriseAndItsSubsidyIsPaidOnceAfterTheContract()
    {
        try
        {
            await EvaluatesAwardsAndPaysAsync();
        }
        finally
        {
            browser.App.Clock.Reset();
        }
    }

    private async Task EvaluatesAwardsAndPaysAsync()
    {
        var (lotId, title) = await OpenedLotAsync();

        await EvaluateAsync(await browser.NewPageAsync("en"), "evaluator@demo.local", title, sme: (80, 70), large: (90, 85));
        await EvaluateAsync(await browser.NewPageAsync("en"), "evaluator2@demo.local", title, sme: (85, 75), large: (70, 80), screenshot: "evaluation-scored.png");

        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        var tenderId = await browser.App.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.TenderId).SingleAsync());
        await officer.OpenAsync($"/tenders/{tenderId}");
        await officer.GetByTestId("lot-evaluation").ClickAsync();
        await officer.WaitForURLAsync($"**/lots/{lotId}/evaluation");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(officer.GetByTestId("evaluator-state")).ToHaveTextAsync(["Submitted", "Submitted"]);
        await Assertions.Expect(officer.GetByTestId("ranking-provisional")).ToHaveCountAsync(0);
        // Small: 30.00 + 41.25 + 14.50 = 85.75 (its price evaluated 10% lower); large: 28.69 + 40.00 + 16.50 = 85.19.
        await Assertions.Expect(officer.GetByTestId("total-score")).ToHaveTextAsync(["85.75", "85.19"]);
        await Assertions.Expect(officer.GetByTestId("ranked-bid").First).ToContainTextAsync("Small");
        await Assertions.Expect(officer.GetByTestId("award-justification")).ToHaveCountAsync(0);
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-ranking.png"), FullPage = true });
        await officer.GetByTestId("award").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("awarded")).ToContainTextAsync("Standstill period until");
        await officer.Context.CloseAsync();

        var lot = await browser.App.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));
        Assert.Equal(LotStatus.Awarded, lot.Status);
        var winnerSupplier = await browser.App.WithDbAsync(db => db.Bids.Where(b => b.Id == lot.AwardedBidId)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => s.Name).SingleAsync());

        var visitor = await browser.NewPageAsync("zh-CN");
        await visitor.GotoAsync($"/lots/{lotId}");
        await Assertions.Expect(visitor.GetByTestId("award-notice")).ToContainTextAsync("中标公告");
        await Assertions.Expect(visitor.GetByTestId("award-winner")).ToHaveTextAsync(winnerSupplier);
        await Assertions.Expect(visitor.GetByTestId("award-notice")).ToContainTextAsync("小型");
        await Assertions.Expect(visitor.GetByTestId("award-price")).ToHaveTextAsync("¥850,000");
        await Assertions.Expect(visitor.GetByTestId("award-total")).ToHaveTextAsync("85.75");
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "award-notice.png"), FullPage = true });
        await visitor.Context.CloseAsync();

        // Past the standstill period (20 seconds in the browser tests) on the portal's clock.
        browser.App.Clock.Advance(lot.StandstillEndsAtUtc!.Value - browser.App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        await SubsidyLedgerSteps.RecordContractAndPaySubsidyAsync(browser, lotId, title);
    }
}
