using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>The open lot page's word about bidding: a sign-in prompt for visitors, none for staff, who do not bid.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LotPagePromptTests(BrowserFixture browser)
{
    [Fact]
    public async Task VisitorsAreAskedToSignInAndStaffAreNot()
    {
        var lotId = await AccessibilityTests.WasteLotAsync(browser);
        var visitor = await browser.NewPageAsync();
        var officer = await browser.NewPageAsync();
        var official = await browser.NewPageAsync();
        try
        {
            await visitor.OpenAsync($"/lots/{lotId}");
            await Assertions.Expect(visitor.GetByTestId("sign-in-to-bid")).ToContainTextAsync("供应商登录后可查看投标资格并投标");
            await Assertions.Expect(visitor.GetByTestId("staff-hint")).ToHaveCountAsync(0);

            foreach (var (page, email) in new[] { (officer, "officer@demo.local"), (official, "official@demo.local") })
            {
                await SignInTests.SignInAsync(page, email, PortalApp.DemoPassword);
                await page.OpenAsync($"/lots/{lotId}");
                await Assertions.Expect(page.GetByTestId("lot-status")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("staff-hint")).ToContainTextAsync("供应商使用自己的账号对本标段投标");
                await Assertions.Expect(page.GetByTestId("sign-in-to-bid")).ToHaveCountAsync(0);
                await Assertions.Expect(page.GetByText("供应商登录后可查看投标资格并投标")).ToHaveCountAsync(0);
            }
        }
        finally
        {
            await visitor.Context.CloseAsync();
            await officer.Context.CloseAsync();
            await official.Context.CloseAsync();
        }
    }
}
