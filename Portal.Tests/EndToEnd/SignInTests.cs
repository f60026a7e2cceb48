using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, string> _navigationByRole = new()
    {
        ["Sme"] = "nav-sme",
        ["Officer"] = "nav-officer",
        ["Evaluator"] = "nav-evaluator",
        ["Official"] = "nav-official",
        ["Admin"] = "nav-admin",
    };

    /// <summary>Each role's own page and an element that shows it rendered with data.</summary>
    private static readonly Dictionary<string, (string Path, string TestId)> _pageByRole = new()
    {
        ["Sme"] = ("/supplier/profile", "size-class"),
        ["Officer"] = ("/tenders", "tender"),
        ["Evaluator"] = ("/evaluation", "assigned-lots"),
        ["Official"] = ("/dashboard", "reserved-share"),
        ["Admin"] = ("/admin/users", "users"),
    };

    [Theory]
    [MemberData(nameof(DemoAccountData))]
    public async Task EachDemoAccountSignsInAndSeesItsOwnNavigation(string email, string role)
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, email, PortalApp.DemoPassword);

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
        foreach (var (otherRole, testId) in _navigationByRole)
        {
            if (otherRole == role)
            {
                await Assertions.Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            }
            else
            {
                await Assertions.Expect(page.GetByTestId(testId)).ToHaveCountAsync(0);
            }
        }
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"signed-in-{email.Split('@')[0]}.png"),
            FullPage = true,
        });

        var (path, pageTestId) = _pageByRole[role];
        await page.Locator($"a[href='{path.TrimStart('/')}']").ClickAsync();
        await page.WaitForURLAsync($"**{path}");
        await Assertions.Expect(page.GetByTestId(pageTestId).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"page-{email.Split('@')[0]}.png"),
            FullPage = true,
        });
        await page.Context.CloseAsync();
    }

    public static TheoryData<string, string> DemoAccountData() => DemoAccounts.Theory();

    [Fact]
    public async Task AWrongPasswordShowsAMessageAndStaysOnTheSignInPage()
    {
        var page = await browser.NewPageAsync("en");
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync("officer@demo.local");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("The email or password is incorrect.");
        Assert.Contains("/account/login", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedOutVisitorsOfAProtectedPageAreSentToSignIn()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tenders");
        await page.WaitForURLAsync(url => url.Contains("/account/login?", StringComparison.Ordinal)
            && url.Contains("returnUrl=%2Ftenders", StringComparison.OrdinalIgnoreCase));
        await SignInFormAsync(page, "officer@demo.local", PortalApp.DemoPassword);
        await page.WaitForURLAsync("**/tenders");
        await Assertions.Expect(page.GetByTestId("tender").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCultureSwitchChangesTheLanguageAndIsRemembered()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1, .mud-typography-h4").First).ToHaveTextAsync("中小企业采购门户");

        await page.Locator("[data-culture='en']").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-typography-h4").First).ToHaveTextAsync("SME Procurement Portal");
        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.GetByTestId("login-submit")).ToHaveTextAsync("Sign in");
        await page.Context.CloseAsync();
    }

    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await SignInFormAsync(page, email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToHaveCountAsync(1);
    }

    private static async Task SignInFormAsync(IPage page, string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
