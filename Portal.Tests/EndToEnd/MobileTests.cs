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

    /// <summary>
    /// Elements of the page that reach past the viewport's right edge: a table or paper that clips them hides the
    /// overflow from the page's scroll width, not from the reader.
    /// </summary>
    internal static Task<string[]> CutOffAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const width = document.documentElement.clientWidth;
            const cut = e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.right > width + 1 && getComputedStyle(e).visibility !== 'hidden'
                    && !e.closest('input, textarea, .mud-input-slot, .mud-popover');
            };
            // The innermost ones: a row is cut off because a cell is, the cell because of what it holds.
            return [...document.querySelectorAll('.mud-main-content *, .mud-appbar *')]
                .filter(e => cut(e) && ![...e.children].some(cut))
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].slice(0, 3).join('.') + ' "' + (e.textContent || '').trim().slice(0, 30) + '" right=' + Math.round(e.getBoundingClientRect().right));
        }
        """);

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
            // Nor is anything cut off at the right edge (the app bar's title gives way to its buttons).
            var cut = await CutOffAsync(page);
            Assert.True(cut.Length == 0, string.Join("\n", cut));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"mobile-{name}.png"), FullPage = true });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"mobile-{name}-top.png") });

            await Axe.AssertNoSeriousViolationsAsync(page, $"{name} at {PhoneWidth} px");

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
    public async Task ALibrarySearchWithMarkedSnippetsFitsAPhone()
    {
        var page = await NewPhonePageAsync(browser);
        try
        {
            await page.OpenAsync("/suppliers");
            await page.Locator("[data-testid='search-text'] input, input[data-testid='search-text']").FillAsync("垃圾分类 满溢检测");
            await Assertions.Expect(page.GetByTestId("result-snippet").First.Locator("mark").First).ToBeVisibleAsync();
            Assert.Equal(0, await HorizontalOverflowAsync(page));
            var cut = await CutOffAsync(page);
            Assert.True(cut.Length == 0, string.Join("\n", cut));
            // A snippet reads as lines of text: its marked words are not stacked one above the other.
            var snippet = await page.GetByTestId("result-snippet").First.BoundingBoxAsync();
            Assert.True(snippet!.Width > 250, $"The snippet is {snippet.Width} px wide.");
            await page.GetByTestId("result-name").First.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "mobile-library-search.png") });
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
            var cut = await CutOffAsync(phone);
            Assert.True(cut.Length == 0, string.Join("\n", cut));
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "matches-zh-390.png"), FullPage = true });
            var snippet = await phone.Locator("[data-testid='matches'] td.snippet").First.BoundingBoxAsync();
            Assert.True(snippet!.Width > 250, $"The snippet is {snippet.Width} px wide.");
            await phone.GetByTestId("match-name").First.ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "matches-zh-390-first.png") });
        }
        finally
        {
            await desktop.Context.CloseAsync();
            await phone.Context.CloseAsync();
        }
    }
}
