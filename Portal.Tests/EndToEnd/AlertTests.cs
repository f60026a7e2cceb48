using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain;
using Portal.Features.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>An SME keeps its alerts on the "My alerts" page; the bell counts new messages as the SME moves about.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnSmeSavesAnAlertAfterBeingToldWhatIsMissingDeletesItAndTheBellCountsOnNavigation()
    {
        var sme = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
        await sme.GetByTestId("nav-alerts").ClickAsync();
        await sme.WaitForURLAsync("**/alerts");
        var words = $"智能督导 {Guid.NewGuid():N}"[..13];

        await sme.GetByTestId("add-alert").ClickAsync();
        await Assertions.Expect(sme.GetByTestId("alert-form")).ToContainTextAsync("Enter search words, choose a category to follow, or both.");
        await sme.GetByTestId("alert-query").FillAsync(words);
        await sme.GetByTestId("alert-reserved").CheckAsync();
        await sme.GetByTestId("add-alert").ClickAsync();
        var saved = sme.GetByTestId("alert").Filter(new() { HasText = words });
        await Assertions.Expect(saved).ToContainTextAsync("Reserved lots only");
        await Assertions.Expect(sme.GetByTestId("alert-query")).ToHaveValueAsync("");
        await Assertions.Expect(sme.GetByTestId("alert-form")).Not.ToContainTextAsync("Enter search words");
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "alerts.png"), FullPage = true });
        var smeUserId = await browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
        Assert.True(await browser.App.WithDbAsync(db => db.LotAlerts.AnyAsync(a => a.UserId == smeUserId && a.Query == words && a.ReservedOnly)));

        // A message arrives while the SME is on the page (as from a background job); moving on shows it in the bell.
        var unreadBefore = await browser.App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == smeUserId && n.ReadAtUtc == null));
        await browser.App.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification(smeUserId, Phrase.Of("New lot: test"), Phrase.Of("A message from a job."), "/lots", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await sme.GetByTestId("nav-lots").ClickAsync();
        await sme.WaitForURLAsync("**/lots");
        await Assertions.Expect(sme.GetByTestId("notification-badge").Locator(".mud-badge"))
            .ToHaveTextAsync((unreadBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await sme.GetByTestId("nav-alerts").ClickAsync();
        await sme.WaitForURLAsync("**/alerts");
        await saved.GetByTestId("delete-alert").ClickAsync();
        await Assertions.Expect(saved).ToHaveCountAsync(0);
        Assert.False(await browser.App.WithDbAsync(db => db.LotAlerts.AnyAsync(a => a.UserId == smeUserId && a.Query == words)));
        await sme.Context.CloseAsync();
    }
}
