using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Suppliers;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// A company finds its profile imported from another district's open data, claims it with its credit code from the
/// profile page, and an administrator approves the claim on the claims page; the company then maintains the profile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupplierClaimTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnSmeClaimsItsImportedProfileFromItsPageAndAnAdministratorApprovesIt()
    {
        var code = ClaimFixtures.NewCreditCode();
        using (var officer = await browser.App.CreateClientForAsync("officer@demo.local"))
        {
            var imported = await officer.PostAsync("/api/v1/ocds/import", new StringContent(ClaimFixtures.PackageWithTenderer(code), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
        var profile = await browser.App.WithDbAsync(db => db.Suppliers.Where(s => s.CreditCode == code).Select(s => s.Id).SingleAsync());
        var email = $"claim-{Guid.NewGuid():N}@example.cn";
        using (var anonymous = browser.App.CreateHttpClient())
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Str0ng#Pass" })).EnsureSuccessStatusCode();
        }

        var sme = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(sme, email, "Str0ng#Pass");
        await sme.OpenAsync($"/suppliers/{profile}");
        await Assertions.Expect(sme.GetByTestId("claim-panel")).ToContainTextAsync(ClaimFixtures.District);
        await Assertions.Expect(sme.Locator("body")).ToContainTextAsync($"Size declared by {ClaimFixtures.District}: medium");
        await sme.GetByTestId("claim-open").ClickAsync();
        await Fields.CommitAsync(sme, "claim-credit-code", ClaimFixtures.NewCreditCode());
        await sme.GetByTestId("claim-submit").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("claim-form")).ToContainTextAsync("not this profile");
        Assert.Equal(0, await browser.App.WithDbAsync(db => db.SupplierClaims.CountAsync(c => c.SupplierId == profile)));

        await Fields.CommitAsync(sme, "claim-credit-code", code);
        await sme.GetByTestId("claim-submit").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("claim-status")).ToContainTextAsync("waiting for an administrator");
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-sent.png"), FullPage = true });

        var admin = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(admin, "admin@demo.local", PortalApp.DemoPassword);
        await admin.OpenAsync("/admin/claims");
        var row = admin.Locator("[data-testid='claims'] tr").Filter(new LocatorFilterOptions { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync(code);
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claims-admin.png"), FullPage = true });
        await row.GetByTestId("claim-approve").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"{email} now maintains");
        await Assertions.Expect(admin.Locator("[data-testid='claims'] tr").Filter(new LocatorFilterOptions { HasText = email })).ToHaveCountAsync(0);
        // Every claim, decided ones too, is one click away.
        await admin.GetByTestId("claim-filter").GetByText("All claims").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid='claims'] tr").Filter(new LocatorFilterOptions { HasText = email })).ToContainTextAsync("Approved");

        var owner = await browser.App.WithDbAsync(db => db.Suppliers.Where(s => s.Id == profile).Select(s => s.OwnerUserId).SingleAsync());
        Assert.Equal(await browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()), owner);
        Assert.Equal(ClaimStatus.Approved, await browser.App.WithDbAsync(db => db.SupplierClaims.Where(c => c.SupplierId == profile).Select(c => c.Status).SingleAsync()));
        // The company now opens its own profile to complete it, and the bell tells it so.
        await sme.OpenAsync("/supplier/profile");
        await Assertions.Expect(Fields.Input(sme, "creditCode")).ToHaveValueAsync(code);
        await sme.OpenAsync("/notifications");
        await Assertions.Expect(sme.Locator("body")).ToContainTextAsync("is approved");
        await sme.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
