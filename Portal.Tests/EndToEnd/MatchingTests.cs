using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>An officer finds eligible SMEs for a lot and invites one.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MatchingTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficerFiltersToEligibleSuppliersAndInvitesOne()
    {
        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.GotoAsync("/tenders");
        // A click before the circuit is connected would be lost.
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        // /tenders is paged: the seeded tender is found by its title.
        await Fields.Input(officer, "tender-search").FillAsync("城市运行管理服务平台");
        await Assertions.Expect(officer.GetByTestId("tender-total")).ToHaveTextAsync("Tenders found: 1");
        var lotRow = officer.Locator("tr").Filter(new LocatorFilterOptions { HasText = "标段4" }).First;
        await lotRow.GetByTestId("find-suppliers").ClickAsync();
        await officer.WaitForURLAsync("**/matches");
        await Assertions.Expect(officer.GetByTestId("match-name").First).ToBeVisibleAsync();

        await officer.Locator("input[data-testid='eligible-only'], [data-testid='eligible-only'] input").First.CheckAsync();
        await Assertions.Expect(officer.GetByTestId("match-eligibility").Filter(new LocatorFilterOptions { HasText = "Not eligible" })).ToHaveCountAsync(0);
        var first = officer.Locator("tr").Filter(new LocatorFilterOptions { Has = officer.GetByTestId("invite") }).First;
        var invitedName = await first.GetByTestId("match-name").InnerTextAsync();
        await first.GetByTestId("invite").ClickAsync();
        await Assertions.Expect(officer.Locator(".mud-snackbar")).ToContainTextAsync("invited");
        var invitedRow = officer.Locator("tr").Filter(new LocatorFilterOptions { Has = officer.GetByTestId("match-name").GetByText(invitedName, new() { Exact = true }) });
        await Assertions.Expect(invitedRow).ToContainTextAsync("Invited");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-matches.png"), FullPage = true });
        await officer.Context.CloseAsync();
    }
}
