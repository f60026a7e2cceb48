using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>A user's preferred language (the one their e-mails are written in) follows what they chose in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PreferredLanguageTests(BrowserFixture browser)
{
    private Task<string> PreferredCultureAsync(string email) =>
        browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PreferredCulture).SingleAsync());

    [Fact]
    public async Task SigningInWithALanguageChosenAndSwitchingItLaterAreRemembered()
    {
        const string email = "evaluator2@demo.local";
        var page = await browser.NewPageAsync("zh-CN");
        // Chosen before signing in: only the cookie knows it, until the sign-in.
        await page.GotoAsync("/culture/set?culture=en&redirectUri=/account/login");
        await SignInTests.SignInAsync(page, email, PortalApp.DemoPassword);
        Assert.Equal("en", await PreferredCultureAsync(email));

        // Switched while signed in, with the top bar's switch.
        await page.Locator("[data-testid='culture-switch'] [data-culture='zh-CN']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/culture/set"));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        Assert.Equal("zh-CN", await PreferredCultureAsync(email));
        await page.Context.CloseAsync();
    }
}
