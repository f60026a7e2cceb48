using Microsoft.Playwright;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The pages an SME uses on a phone, 390 px wide (an iPhone 12–15): the navigation collapses behind the menu button
/// and no page scrolls sideways. Screenshots go to screenshots/mobile-*.png for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileTests(BrowserFixture browser)
{
    public const int PhoneWidth = 390;

    public static TheoryData<string> PhonePages() => ["lots", "lot", "company-profile", "library"];

    /// <summary>A page 390 × 844 CSS pixels, as a phone shows it.</summary>
    internal static async Task<IPage> NewPhonePageAsync(BrowserFixture browser, string locale = "zh-CN")
    {
        var page = await browser.NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        return page;
    }

    /// <summary>How far the page reaches past the viewport's right edge, in CSS pixels (0: no horizontal scroll).</summary>
    internal static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth");

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task ThePageFitsA390PixelScreenWithTheNavigationCollapsed(string name)
    {
        var page = await NewPhonePageAsync(browser);
        try
        {
            await AccessibilityTests.OpenMainPageAsync(browser, page, name);

            // The drawer is closed; the menu button opens it over the page and the page still does not scroll sideways.
            await Assertions.Expect(page.Locator(".mud-drawer.mud-drawer--open")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("nav")).Not.ToBeInViewportAsync();
            Assert.Equal(0, await HorizontalOverflowAsync(page));
            // Nor is anything in the app bar pushed out of it (the title gives way to the buttons).
            Assert.True(await page.EvaluateAsync<bool>("""
                () => [...document.querySelectorAll('.mud-appbar .mud-toolbar > *')]
                    .every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5)
                """));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"mobile-{name}.png"), FullPage = true });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"mobile-{name}-top.png") });

            await page.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("nav")).ToBeInViewportAsync();
            Assert.Equal(0, await HorizontalOverflowAsync(page));
            if (name == "lots")
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "mobile-nav-open.png") });
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheMatchesPageInChineseAtDesktopAndPhoneWidth()
    {
        var desktop = await browser.NewPageAsync();
        var phone = await NewPhonePageAsync(browser);
        try
        {
            await AccessibilityTests.OpenMainPageAsync(browser, desktop, "matches");
            await Assertions.Expect(desktop.GetByTestId("match-rank").First).ToHaveTextAsync("第1名");
            await Assertions.Expect(desktop.GetByTestId("matched-word").First).ToBeVisibleAsync();
            await Assertions.Expect(desktop.GetByTestId("match-explanation")).ToContainTextAsync("最佳匹配");
            await desktop.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "matches-zh-desktop.png"), FullPage = true });

            await AccessibilityTests.OpenMainPageAsync(browser, phone, "matches");
            await Assertions.Expect(phone.GetByTestId("match-rank").First).ToHaveTextAsync("第1名");
            Assert.Equal(0, await HorizontalOverflowAsync(phone));
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "matches-zh-390.png"), FullPage = true });
        }
        finally
        {
            await desktop.Context.CloseAsync();
            await phone.Context.CloseAsync();
        }
    }
}
