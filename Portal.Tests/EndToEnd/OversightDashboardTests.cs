using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Suppliers;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Tests.EndToEnd;

/// <summary>An official opens the dashboard from the menu, chooses a period and reads the charts and their figures.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OversightDashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficialChoosesAPeriodAndSeesSharesConcentrationAndSubsidySpend()
    {
        // An award to the demo SME and one to the large firm, with the SME's contract (and so its grant) recorded, through
        // the API; the clock is put back afterwards so that the other browser tests keep real time (the awards then lie a
        // little ahead, which the chosen period covers).
        var app = browser.App;
        var now = app.Clock.GetUtcNow();
        var sme = await AwardedLots.ArrangeAsync(app, priceYuan: 830_000m);
        await AwardedLots.RecordContractAsync(app, sme, 820_000m);
        await AwardedLots.ArrangeAsync(app, winnerEmail: "large@demo.local", priceYuan: 610_000m, pastStandstill: false);
        app.Clock.Advance(now - app.Clock.GetUtcNow());
        var from = Day(now.AddYears(-1));
        var to = Day(now.AddDays(90));

        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "official@demo.local", PortalApp.DemoPassword);
        await page.GetByTestId("nav-dashboard").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("reserved-share")).ToBeVisibleAsync();
        await Fields.CommitAsync(page, "period-from", from);
        await Fields.CommitAsync(page, "period-to", to);
        await page.GetByTestId("period-show").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/dashboard\\?from={from}&to={to}$"));

        // What the database holds for the period (other browser tests may have awarded lots too).
        var awards = await AwardedLots.AwardedValuesSinceAsync(app, now.UtcDateTime.AddYears(-1).AddDays(-1));
        var total = awards.Sum(a => a.ValueYuan);
        var shares = awards.GroupBy(a => a.SupplierId).Select(g => g.Sum(a => a.ValueYuan) / total).OrderDescending().ToList();
        var trend = page.GetByTestId("participation-trend");
        await Assertions.Expect(trend).ToContainTextAsync("中小企业所占授予金额与合同数量比例");
        await Assertions.Expect(trend).ToContainTextAsync(Yuan(total));
        await Assertions.Expect(page.GetByTestId("sme-share-value")).ToHaveTextAsync(Percent(awards.Where(a => a.SizeClass != SizeClass.Large).Sum(a => a.ValueYuan) / total));
        await Assertions.Expect(trend.Locator("path.mud-chart-line")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("cr3")).ToHaveTextAsync(Percent(shares.Take(3).Sum()));
        await Assertions.Expect(page.GetByTestId("hhi")).ToHaveTextAsync(Hhi(shares.Sum(s => s * 100 * s * 100)));
        await Assertions.Expect(page.GetByTestId("top-supplier").First).ToContainTextAsync(Percent(shares[0]));

        var year = now.ToOffset(TimeSpan.FromHours(8)).Year;
        var budget = await app.WithDbAsync(db => db.SubsidyProgrammes.Where(p => p.Year == year).Select(p => p.AnnualBudgetYuan).SingleAsync());
        var row = page.Locator($"[data-testid='subsidy-row'][data-year='{year}']");
        await Assertions.Expect(row.GetByTestId("subsidy-budget")).ToHaveTextAsync(Yuan(budget));
        await Assertions.Expect(page.GetByTestId("subsidy-spend").Locator(".mud-chart-bar").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-link")).ToHaveAttributeAsync("href", "reports");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard.png"), FullPage = true });

        // A period that ends before it starts is explained, in Chinese, and nothing is charted.
        await Fields.CommitAsync(page, "period-from", to);
        await Fields.CommitAsync(page, "period-to", from);
        await page.GetByTestId("period-show").ClickAsync();
        await Assertions.Expect(page.GetByTestId("period-error")).ToHaveTextAsync("起始日期不能晚于截止日期。");
        await Assertions.Expect(page.GetByTestId("concentration")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static string Day(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
