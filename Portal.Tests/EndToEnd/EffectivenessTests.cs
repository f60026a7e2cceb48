using Microsoft.Playwright;
using Portal.Domain.Effectiveness;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An officer marks a recorded contract's system delivered and records its usage with the form; after the month ends
/// an official presses "rate now" and sees the month rated and paid; the SME winner reads it, read-only, in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EffectivenessTests(BrowserFixture browser)
{
    private static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task AnOfficerDeliversAndObservesAndAnOfficialSeesTheMonthRatedAfterRateNow()
    {
        var app = browser.App;
        var lot = await AwardedLots.ArrangeAsync(app);
        await AwardedLots.RecordContractAsync(app, lot, 800_000m);
        var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime);

        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.GotoAsync($"/lots/{lot.LotId}/contract");
        await WaitInteractiveAsync(officer);
        await Assertions.Expect(officer.GetByTestId("delivery-form")).ToBeVisibleAsync();
        await Fields.CommitAsync(officer, "system-name", "Old estates access platform");
        await Fields.CommitAsync(officer, "system-fee", "12000");
        await officer.GetByTestId("mark-delivered").ClickAsync();
        await officer.WaitForURLAsync("**/systems/*");
        await WaitInteractiveAsync(officer);
        await Assertions.Expect(officer.GetByTestId("system-title")).ToHaveTextAsync("Old estates access platform");
        var systemId = Guid.Parse(officer.Url.Split('/').Last());

        // Usage 45% against 60% misses by 25%: below, 10% of ¥12,000 = ¥1,200; the four KPIs not reported deduct 10%
        // each (¥4,800). Payment ¥12,000 − ¥6,000 = ¥6,000.
        await Assertions.Expect(Fields.Input(officer, "observation-period")).ToHaveValueAsync(month.ToString());
        await Fields.CommitAsync(officer, "observation-value", "45");
        await officer.GetByTestId("record-observation").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("observation")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.GetByTestId("observation")).ToContainTextAsync("45%");
        await Assertions.Expect(officer.GetByTestId("trends")).ToBeVisibleAsync();
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("system-observed.png"), FullPage = true });
        await officer.Context.CloseAsync();

        app.Clock.Advance(month.EndUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        var official = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(official, "official@demo.local", PortalApp.DemoPassword);
        await official.GotoAsync($"/systems/{systemId}");
        await WaitInteractiveAsync(official);
        await Assertions.Expect(official.GetByTestId("no-statements")).ToBeVisibleAsync();
        await official.GetByTestId("rate-now").ClickAsync();
        var statement = official.GetByTestId("statement");
        await Assertions.Expect(statement).ToHaveCountAsync(1);
        await Assertions.Expect(statement).ToContainTextAsync(month.ToString());
        await Assertions.Expect(statement.GetByTestId("band-usageRate")).ToHaveTextAsync("Below");
        await Assertions.Expect(statement.GetByTestId("band-satisfaction")).ToHaveTextAsync("Missing");
        await Assertions.Expect(statement.GetByTestId("payment")).ToHaveTextAsync("¥6,000");
        await official.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("system-rated.png"), FullPage = true });

        await official.GotoAsync("/systems");
        await Assertions.Expect(official.GetByTestId("systems").Locator("tbody tr").Filter(new() { HasText = "Old estates access platform" })).ToContainTextAsync("¥6,000");
        await official.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("systems-list.png"), FullPage = true });
        await official.Context.CloseAsync();

        // The SME winner reads its own system, in Chinese, without the officer's tools.
        var sme = await browser.NewPageAsync("zh-CN");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
        await sme.GotoAsync($"/systems/{systemId}");
        await WaitInteractiveAsync(sme);
        await Assertions.Expect(sme.GetByTestId("statement").GetByTestId("band-usageRate")).ToHaveTextAsync("未达标");
        await Assertions.Expect(sme.GetByTestId("statement").GetByTestId("payment")).ToHaveTextAsync("¥6,000");
        await Assertions.Expect(sme.GetByTestId("observation-form")).ToHaveCountAsync(0);
        await Assertions.Expect(sme.GetByTestId("api-key")).ToHaveCountAsync(0);
        await Assertions.Expect(sme.GetByTestId("rate-now")).ToHaveCountAsync(0);
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("system-sme-zh.png"), FullPage = true });
        await sme.Context.CloseAsync();
    }
}
