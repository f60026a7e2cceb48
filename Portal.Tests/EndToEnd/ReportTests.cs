using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Suppliers;
using Portal.Jobs;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An official generates the SME participation report on the reports page, watches it finish and downloads it; and the
/// effectiveness report of one delivered system chosen there, which shows as expired once the housekeeping has run a day later.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficialGeneratesTheSmeParticipationReportInTheBackgroundAndDownloadsIt()
    {
        // An award to the demo SME through the API. Arranging it moves the portal's clock past the lot's deadline; it is
        // put back afterwards so that the other browser tests keep real time (the award then lies a little ahead).
        var app = browser.App;
        var now = app.Clock.GetUtcNow();
        var lot = await AwardedLots.ArrangeAsync(app, priceYuan: 777_000m, pastStandstill: false);
        app.Clock.Reset();
        var from = now.AddYears(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = now.AddDays(60).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "official@demo.local", PortalApp.DemoPassword);
        await page.GetByTestId("nav-reports").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports$"));
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("report-kind")).ToContainTextAsync("中小企业参与及集中度");
        await Fields.CommitAsync(page, "report-from", from);
        await Fields.CommitAsync(page, "report-to", to);
        await page.GetByTestId("report-generate").ClickAsync();

        var run = page.GetByTestId("report-run").First;
        await Assertions.Expect(run).ToContainTextAsync($"{from} – {to}");
        await Assertions.Expect(run.GetByTestId("run-download")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports.png"), FullPage = true });

        // The link goes to the API, which the browser reaches with its sign-in cookie.
        var href = await run.GetByTestId("run-download").GetAttributeAsync("href");
        var download = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.Contains($"sme-participation-{from.Replace("-", "")}-{to.Replace("-", "")}.pdf", download.Headers["content-disposition"]);
        var body = await download.BodyAsync();
        var text = PdfReading.Text(body).Replace(" ", "");
        // Started from a zh-CN page: the run is written in Chinese only.
        PdfLanguage.AssertChinese(body);

        var values = await AwardedLots.AwardedValuesSinceAsync(app, now.UtcDateTime.AddYears(-1).AddDays(-1));
        Assert.Contains(Yuan(777_000m), text);
        Assert.Contains($"{Count(values.Count)}授予合同", text);
        Assert.Contains(Yuan(values.Sum(v => v.ValueYuan)) + "授予金额", text);
        Assert.Contains(Percent(values.Where(v => v.SizeClass != SizeClass.Large).Sum(v => v.ValueYuan) / values.Sum(v => v.ValueYuan)) + "中小企业金额占比", text);
        await page.Context.CloseAsync();

        // A visitor finds the award notice's PDF on the lot page.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync($"/lots/{lot.LotId}");
        var noticeLink = visitor.GetByTestId("award-notice-pdf");
        await Assertions.Expect(noticeLink).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("declaration-pdf")).ToBeVisibleAsync();
        var notice = await visitor.Context.APIRequest.GetAsync((await noticeLink.GetAttributeAsync("href"))!);
        Assert.Equal(200, notice.Status);
        Assert.Contains(Yuan(777_000m) + "中标价格", PdfReading.Text(await notice.BodyAsync()).Replace(" ", ""));
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "award-notice-pdf-links.png") });
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficialGeneratesTheEffectivenessReportOfTheDeliveredSystemChosenOnTheReportsPage()
    {
        // Arranging the systems moves the portal's clock past their lots' standstill; it goes back for the other tests.
        var app = browser.App;
        var (chosen, other) = ("Reports page access platform", "Reports page elderly care platform");
        Guid chosenId;
        try
        {
            chosenId = await AwardedLots.DeliveredSystemAsync(app, chosen);
            await AwardedLots.DeliveredSystemAsync(app, other);
        }
        finally
        {
            app.Clock.Reset();
        }

        var page = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(page, "official@demo.local", PortalApp.DemoPassword);
        await page.GotoAsync("/reports");
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("report-system")).ToHaveCountAsync(0);
        await page.GetByTestId("report-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Effectiveness of delivered systems" }).First.ClickAsync();
        await Assertions.Expect(Fields.Input(page, "report-system")).ToHaveValueAsync("All delivered systems");
        await page.GetByTestId("report-system").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = chosen }).First.ClickAsync();
        await Assertions.Expect(Fields.Input(page, "report-system")).ToHaveValueAsync(chosen);
        await page.GetByTestId("report-generate").ClickAsync();

        var run = page.GetByTestId("report-run").First;
        await Assertions.Expect(run.GetByTestId("run-system")).ToHaveTextAsync(chosen);
        await Assertions.Expect(run.GetByTestId("run-download")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-one-system.png"), FullPage = true });

        var download = await page.Context.APIRequest.GetAsync((await run.GetByTestId("run-download").GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Contains($"effectiveness-{chosenId:N}-", download.Headers["content-disposition"]);
        var body = await download.BodyAsync();
        var text = PdfReading.Text(body).Replace(" ", "");
        // Started from an English page: the run keeps the language of the official who asked, and the PDF is in English.
        PdfLanguage.AssertEnglish(body, "Effectiveness report on delivered systems");
        Assert.DoesNotContain("系统运行效果评估报告", text);
        Assert.Contains(chosen.Replace(" ", ""), text);
        Assert.DoesNotContain(other.Replace(" ", ""), text);

        // A day later the housekeeping job has deleted the PDF: the run shows as expired, without a download.
        app.Clock.Advance(TimeSpan.FromHours(25));
        try
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<HousekeepingJob>().Run();
        }
        finally
        {
            app.Clock.Reset();
        }
        await page.ReloadAsync();
        var expired = page.GetByTestId("report-run").First;
        await Assertions.Expect(expired).ToHaveAttributeAsync("data-state", "expired");
        await Assertions.Expect(expired.GetByTestId("run-expired")).ToContainTextAsync("kept for 24 hours");
        await Assertions.Expect(expired.GetByTestId("run-download")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
