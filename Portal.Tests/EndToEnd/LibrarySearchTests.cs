using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>An SME describes a new capability; an officer finds the company by those words straight away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LibrarySearchTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficerFindsAnSmeByTheWordsItJustAddedToItsProfile()
    {
        var sme = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
        await sme.GotoAsync("/supplier/profile");
        await Assertions.Expect(sme.Locator("#circuit-state[data-interactive='true']")).ToHaveCountAsync(1);
        var capabilities = sme.Locator("textarea[data-testid='capabilities'], [data-testid='capabilities'] textarea").First;
        await capabilities.FillAsync(await capabilities.InputValueAsync() + " 新增能力：古建筑白蚁声学监测预警。");
        await sme.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(sme.Locator(".mud-snackbar")).ToContainTextAsync("Profile saved.");

        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.GetByTestId("nav-library").ClickAsync();
        await officer.WaitForURLAsync("**/suppliers");
        await officer.Locator("input[data-testid='search-text'], [data-testid='search-text'] input").First.FillAsync("古建筑白蚁监测");

        await Assertions.Expect(officer.GetByTestId("result-name").First).ToHaveTextAsync("杭州绿源智能分类科技有限公司");
        await Assertions.Expect(officer.GetByTestId("result-snippet").First.Locator("mark").First).ToBeVisibleAsync();
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "library-search.png"), FullPage = true });

        await officer.GetByTestId("result-name").First.ClickAsync();
        await Assertions.Expect(officer.GetByTestId("supplier-name")).ToHaveTextAsync("杭州绿源智能分类科技有限公司");
        await sme.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }
}
