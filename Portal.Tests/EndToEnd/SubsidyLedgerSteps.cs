using Microsoft.Playwright;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The browser steps after an award to the demo SME: the officer records the contract, which creates the SME's subsidy;
/// an official approves and disburses it on the ledger, which shows it once; the SME sees it paid on its own page.
/// Run at the end of the evaluation test, so the chain from scores to payment is one flow.
/// </summary>
internal static class SubsidyLedgerSteps
{
    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    /// <summary>For an awarded lot whose standstill is over; the contract is worth ¥823,456.78, so the grant is ¥82,345.68.</summary>
    public static async Task RecordContractAndPaySubsidyAsync(BrowserFixture browser, Guid lotId, string title)
    {
        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.GotoAsync($"/lots/{lotId}/contract");
        await WaitInteractiveAsync(officer);
        await Assertions.Expect(officer.GetByTestId("lot-status")).ToHaveTextAsync("Awarded");
        await officer.GetByTestId("contract-value-input").FillAsync("823456.78");
        await officer.GetByTestId("contract-starts").FillAsync("2027-01-01");
        await officer.GetByTestId("contract-ends").FillAsync("2027-12-31");
        await officer.GetByTestId("record-contract").ClickAsync();
        // 823,456.78 × 10% = 82,345.678 → ¥82,345.68.
        await Assertions.Expect(officer.GetByTestId("contract-grant")).ToContainTextAsync("¥82,345.68");
        await Assertions.Expect(officer.GetByTestId("lot-status")).ToHaveTextAsync("Contracted");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("contract-recorded.png"), FullPage = true });
        await officer.Context.CloseAsync();

        var official = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(official, "official@demo.local", PortalApp.DemoPassword);
        await official.GotoAsync("/subsidies");
        await WaitInteractiveAsync(official);
        var row = official.GetByTestId("ledger").Locator("tbody tr").Filter(new() { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("grant-state")).ToHaveTextAsync("Eligible");
        await row.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(row.GetByTestId("grant-state")).ToHaveTextAsync("Approved");
        await row.GetByTestId("disburse").ClickAsync();
        await official.GetByTestId("decision-text").FillAsync("CZ-2027-000888");
        await official.GetByTestId("decision-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("grant-state")).ToHaveTextAsync("Disbursed");
        await Assertions.Expect(row.GetByTestId("grant-payment")).ToContainTextAsync("CZ-2027-000888");
        await Assertions.Expect(official.GetByTestId("total-disbursed").GetByTestId("total-count")).Not.ToHaveTextAsync("0 grants");
        await Assertions.Expect(official.GetByTestId("ledger").Locator("tbody tr").Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await official.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("subsidy-ledger.png"), FullPage = true });

        // Filtered to what was paid, the grant is still there once; filtered to eligible, it is gone.
        await official.GetByTestId("filter-state").ClickAsync();
        await official.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Eligible" }).First.ClickAsync();
        await Assertions.Expect(official.GetByTestId("ledger").Locator("tbody tr").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        await official.Context.CloseAsync();

        var sme = await browser.NewPageAsync("zh-CN");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
        await sme.GotoAsync("/subsidies/mine");
        var mine = sme.GetByTestId("my-grants").Locator("tbody tr").Filter(new() { HasText = title });
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(mine.GetByTestId("grant-state")).ToHaveTextAsync("已拨付");
        await Assertions.Expect(mine).ToContainTextAsync("¥82,345.68");
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("my-subsidies.png"), FullPage = true });
        await sme.Context.CloseAsync();
    }
}
