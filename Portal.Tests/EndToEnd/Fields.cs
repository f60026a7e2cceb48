using Microsoft.Playwright;

namespace Portal.Tests.EndToEnd;

/// <summary>Typing into MudBlazor fields so that the server really has the value before the test goes on.</summary>
public static class Fields
{
    /// <summary>The input of a MudBlazor field, whether the test id landed on the input or on its container.</summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>
    /// Types a value and leaves the field, until the field still shows it: on a loaded machine a render caused by the
    /// previous field can arrive while typing and put the old value back, and a form saved then misses the value.
    /// </summary>
    public static async Task CommitAsync(ILocator input, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            await input.FillAsync(value);
            await input.BlurAsync();
            await input.Page.WaitForTimeoutAsync(300);
            var shown = (await input.InputValueAsync()).Replace(",", "");
            if (shown.StartsWith(value, StringComparison.Ordinal) || attempt == 3)
            {
                Assert.StartsWith(value, shown);
                return;
            }
        }
    }

    public static Task CommitAsync(IPage page, string testId, string value) => CommitAsync(Input(page, testId), value);
}
