using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Suppliers;

namespace Portal.Tests.EndToEnd;

/// <summary>A new SME registers, is told what is wrong with each field, and creates its company profile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupplierOnboardingTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnSmeRegistersAndCreatesItsProfileWithMessagesNextToBadFields()
    {
        var page = await browser.NewPageAsync("en");
        var email = $"onboarding-{Guid.NewGuid():N}@example.cn";

        await page.GotoAsync("/account/register");
        await page.Locator("#email").FillAsync("not-an-email");
        await page.Locator("#password").FillAsync("short");
        await page.Locator("#confirm").FillAsync("short");
        await page.GetByTestId("register-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".portal-field:has(#email) .validation-message")).ToContainTextAsync("Enter a valid email address");
        await Assertions.Expect(page.Locator(".portal-field:has(#password) .validation-message").First).ToContainTextAsync("at least 8 characters");

        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("Str0ng#Pass");
        await page.Locator("#confirm").FillAsync("Str0ng#Pass");
        await page.GetByTestId("register-submit").ClickAsync();
        await page.WaitForURLAsync("**/supplier/profile");
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToHaveCountAsync(1);

        await Fields.Input(page, "name").FillAsync("杭州安居适老科技有限公司");
        await Fields.Input(page, "region").FillAsync("杭州市");
        await Fields.Input(page, "creditCode").FillAsync("91330106MA2CJX7K3A");
        await Fields.Input(page, "creditCode").BlurAsync();
        await Assertions.Expect(Field(page, "creditCode")).ToContainTextAsync("check character");
        var validCode = "91330106MA2CJX7K3" + CreditCode.CheckCharacter("91330106MA2CJX7K3");
        await Fields.Input(page, "creditCode").FillAsync(validCode);
        await Fields.Input(page, "creditCode").BlurAsync();
        await Assertions.Expect(Field(page, "creditCode")).Not.ToContainTextAsync("check character");

        await ChooseAsync(page, "industry", "Software and IT services");
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Fields.CommitAsync(page, "employees", "35");
        await Fields.CommitAsync(page, "revenueYuan", "6000000");
        await Assertions.Expect(page.GetByTestId("size-class")).ToContainTextAsync("Small");

        await ChooseAsync(page, "categories", "Elderly care and monitoring");
        await page.Keyboard.PressAsync("Escape");
        // Typed until kept: the categories choice just before can re-render the form while the text arrives.
        await Fields.CommitAsync(page, "capabilities", "独居老人毫米波雷达跌倒监测与紧急呼叫平台，对接社区养老服务中心。");
        await page.GetByTestId("save-profile").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Profile saved.");
        var saved = await browser.App.WithDbAsync(db => db.Suppliers.AsNoTracking().SingleAsync(s => s.CreditCode == validCode));
        Assert.Equal(SizeClass.Small, saved.SizeClass);
        Assert.Equal(["elderly-care"], saved.Categories);
        Assert.NotNull(saved.OwnerUserId);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "profile-created.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>The whole field (input, helper and error text) around a test id.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"[data-testid='{testId}']") }).Last;

    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await Field(page, testId).Locator(".mud-input-control-input-container").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = item }).First.ClickAsync();
    }
}
