using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Bids;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The portal with the keyboard only: no click, no fill — Tab to move, typing, Enter to follow a link or press a
/// button, Space to tick a box. A user who cannot use a mouse signs in, searches the lots and submits a sealed bid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the focused element matches the selector (at most <paramref name="limit"/> times).</summary>
    private static async Task TabToAsync(IPage page, string selector, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"{limit} presses of Tab did not reach {selector}; the focus is on {focused}.");
    }

    /// <summary>Signs in on the sign-in page with the keyboard: Tab to the e-mail, type, Tab, type the password, Enter.</summary>
    private static async Task SignInWithKeysAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'password'"));
        await page.Keyboard.TypeAsync(PortalApp.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task AnSmeSignsInSearchesTheLotsAndSubmitsASealedBidWithTheKeyboardOnly()
    {
        using var officer = await browser.App.CreateClientForAsync("officer@demo.local");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var title = $"标段1：键盘投标测试 {marker}";
        var tenderId = await TenderApi.CreateTenderAsync(officer);
        var lotId = (await TenderApi.AddLotAsync(officer, tenderId, reservedForSmes: true, title: title)).GetProperty("id").GetGuid();
        await TenderApi.PublishAsync(officer, tenderId, browser.App.Clock.GetUtcNow().AddMinutes(5));

        var page = await browser.NewPageAsync();
        try
        {
            await SignInWithKeysAsync(page, "sme@demo.local");

            // The lot list: Tab to the search field, type the need, Tab to the lot found and follow it with Enter.
            await page.OpenAsync("/lots");
            await TabToAsync(page, "[data-testid='lot-search'] input, input[data-testid='lot-search']");
            await page.Keyboard.TypeAsync(marker);
            await Assertions.Expect(page.GetByTestId("lot-link")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("lot-link")).ToHaveTextAsync(title);
            await TabToAsync(page, "[data-testid='lot-link']");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync($"**/lots/{lotId}");
            await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
            await Assertions.Expect(page.GetByTestId("eligibility-verdict")).ToHaveTextAsync("符合资格");
            // The lot page as a supplier sees it, with the bid form, passes axe too.
            await Axe.AssertNoSeriousViolationsAsync(page, "lot page with the bid form");

            // The bid: price and proposal typed, sealed with Enter, the key kept with Space, submitted with Enter.
            await TabToAsync(page, "[data-testid='bid-price']");
            await page.Keyboard.TypeAsync("654321");
            await TabToAsync(page, "[data-testid='bid-proposal']", limit: 3);
            await page.Keyboard.TypeAsync("人脸识别门禁，三年运维。");
            await TabToAsync(page, "[data-testid='seal-bid']", limit: 5);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("key-panel")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("opening-key")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9+/]{43}=$"));
            await Axe.AssertNoSeriousViolationsAsync(page, "lot page with the opening key shown");
            // The key file link is reachable by Tab (a link with an address) and saves the key with Enter.
            await TabToAsync(page, "[data-testid='key-file']", limit: 10);
            var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
            Assert.Equal($"sealed-bid-key-{lotId}.txt", download.SuggestedFilename);
            await TabToAsync(page, "[data-testid='key-kept']", limit: 3);
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(page.GetByTestId("submit-bid")).ToBeEnabledAsync();
            await TabToAsync(page, "[data-testid='submit-bid']", limit: 3);
            await page.Keyboard.PressAsync("Enter");

            await Assertions.Expect(page.GetByTestId("key-panel")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync();
            var bid = await browser.App.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
            Assert.Equal(BidStatus.Sealed, bid.Status);
            Assert.Null(bid.PriceYuan);
            await Assertions.Expect(page.GetByTestId("receipt-hash")).ToHaveTextAsync(bid.Sha256!);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
