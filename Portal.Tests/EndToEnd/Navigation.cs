using Microsoft.Playwright;

namespace Portal.Tests.EndToEnd;

public static class Navigation
{
    /// <summary>
    /// Loads a page and waits until its Blazor circuit is interactive: a link clicked while blazor.web.js is still
    /// starting can be swallowed by its router, which leaves the test on the old page on a loaded machine.
    /// </summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
    }
}
