using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The /audit page in a browser: an official sees the changes with their actor, verifies an intact chain, and after a
/// row is edited directly in the database the same button names that row. The row is put back afterwards (the
/// browser tests share one portal).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTrailPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficialVerifiesTheChainAndSeesTheExactRowEditedInTheDatabase()
    {
        var app = browser.App;
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        await Features.TenderApi.CreateTenderAsync(officer);
        var sequence = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        var page = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(page, "official@demo.local", PortalApp.DemoPassword);

        await page.GetByTestId("nav-audit").ClickAsync();
        await page.WaitForURLAsync("**/audit");
        await Assertions.Expect(page.GetByTestId("audit-sequence").First).ToHaveTextAsync(sequence.ToString());
        await Assertions.Expect(page.GetByTestId("audit-row-actor").First).ToHaveTextAsync("officer@demo.local");
        await page.GetByTestId("audit-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verify-ok")).ToContainTextAsync("The chain is intact");

        var actor = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == sequence).Select(e => e.ActorName).SingleAsync());
        await SetActorAsync(app, sequence, "someone-else@demo.local");
        try
        {
            await page.GetByTestId("audit-verify").ClickAsync();

            var failure = page.GetByTestId("audit-break");
            await Assertions.Expect(failure).ToHaveCountAsync(1);
            await Assertions.Expect(failure).ToHaveAttributeAsync("data-sequence", sequence.ToString());
            await Assertions.Expect(failure).ToHaveAttributeAsync("data-kind", "edited");
            await Assertions.Expect(failure).ToContainTextAsync($"#{sequence}");
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "audit-trail-tampered.png"),
                FullPage = true,
            });
        }
        finally
        {
            await SetActorAsync(app, sequence, actor);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheApiReferenceRendersFromTheAppsOwnScript()
    {
        var page = await browser.NewPageAsync("en");
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.App.BaseAddress.ToString(), StringComparison.Ordinal) && request.Url.StartsWith("http", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };
        // Anything outside the app fails, as it would without internet.
        await page.Context.RouteAsync(url => !url.StartsWith(browser.App.BaseAddress.ToString(), StringComparison.Ordinal), route => route.AbortAsync());

        await page.GotoAsync("/api/docs");

        await Assertions.Expect(page.GetByText("SME procurement portal API").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "api-docs.png") });
        await Assertions.Expect(page.GetByText("/api/v1/auth/token").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Audit", new PageGetByTextOptions { Exact = true }).First).ToBeVisibleAsync();
        Assert.DoesNotContain(external, url => url.EndsWith(".js", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private static Task<int> SetActorAsync(PortalApp app, long sequence, string actor) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "ActorName" = {actor} WHERE "Sequence" = {sequence}"""));
}
