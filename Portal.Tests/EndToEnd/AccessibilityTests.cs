using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The twelve main pages judged by axe-core in Chromium, as their users see them (zh-CN, signed in where the page
/// needs it): no serious or critical violation (labels, contrast, landmarks, names of buttons and links, language).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string> MainPages() =>
    [
        "home", "sign-in", "lots", "lot", "library", "supplier", "company-profile", "tenders", "tender-editor", "matches",
        "dashboard", "subsidy-ledger",
    ];

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task TheMainPageHasNoSeriousOrCriticalViolation(string name)
    {
        var page = await browser.NewPageAsync();
        try
        {
            await OpenMainPageAsync(browser, page, name);
            await Axe.AssertNoSeriousViolationsAsync(page, name);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The open lot reserved for SMEs about waste sorting (the demo data's matching example).</summary>
    internal static Task<Guid> WasteLotAsync(BrowserFixture browser) => browser.App.WithDbAsync(db => db.Lots.AsNoTracking()
        .Where(l => l.Status == LotStatus.Open && l.ReservedForSmes && l.Title.Contains("垃圾分类")).Select(l => l.Id).FirstAsync());

    /// <summary>Signs in as the page's user, opens it and waits until its data is shown.</summary>
    internal static async Task OpenMainPageAsync(BrowserFixture browser, IPage page, string name)
    {
        var user = name switch
        {
            "company-profile" => "sme@demo.local",
            "tenders" or "tender-editor" or "matches" => "officer@demo.local",
            "dashboard" or "subsidy-ledger" => "official@demo.local",
            _ => null,
        };
        if (user is not null)
        {
            await SignInTests.SignInAsync(page, user, PortalApp.DemoPassword);
        }
        switch (name)
        {
            case "home":
                await page.OpenAsync("/");
                break;
            case "sign-in":
                await page.GotoAsync("/account/login");
                await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
                return;
            case "lots":
                await page.OpenAsync("/lots");
                await Assertions.Expect(page.GetByTestId("lot-link").First).ToBeVisibleAsync();
                break;
            case "lot":
                await page.OpenAsync($"/lots/{await WasteLotAsync(browser)}");
                await Assertions.Expect(page.GetByTestId("lot-status")).ToBeVisibleAsync();
                break;
            case "library":
                await page.OpenAsync("/suppliers");
                await Assertions.Expect(page.GetByTestId("result-name").First).ToBeVisibleAsync();
                break;
            case "supplier":
                var supplierId = await browser.App.WithDbAsync(db => db.Suppliers.AsNoTracking()
                    .Where(s => s.OwnerUserId != null).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync());
                await page.OpenAsync($"/suppliers/{supplierId}");
                await Assertions.Expect(page.GetByTestId("supplier-name")).ToBeVisibleAsync();
                break;
            case "company-profile":
                await page.OpenAsync("/supplier/profile");
                await Assertions.Expect(page.GetByTestId("size-class")).ToBeVisibleAsync();
                break;
            case "tenders":
                await page.OpenAsync("/tenders");
                await Assertions.Expect(page.GetByTestId("tender").First).ToBeVisibleAsync();
                break;
            case "tender-editor":
                await page.OpenAsync("/tenders/new");
                await Assertions.Expect(page.GetByTestId("tender-title")).ToBeVisibleAsync();
                break;
            case "matches":
                await page.OpenAsync($"/lots/{await WasteLotAsync(browser)}/matches");
                await Assertions.Expect(page.GetByTestId("match-name").First).ToBeVisibleAsync();
                break;
            case "dashboard":
                await page.OpenAsync("/dashboard");
                await Assertions.Expect(page.GetByTestId("reserved-share")).ToBeVisibleAsync();
                break;
            case "subsidy-ledger":
                await page.OpenAsync("/subsidies");
                await Assertions.Expect(page.GetByTestId("ledger").Or(page.GetByTestId("no-grants")).First).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Not one of the main pages.");
        }
        // No progress bar left: the page shows its data, not its loading state.
        await Assertions.Expect(page.Locator(".mud-progress-linear-indeterminate, .mud-progress-circular")).ToHaveCountAsync(0);
    }
}
