using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// An officer is warned of a term that shuts out SMEs, saves a draft, edits it, publishes it, then changes it only
/// through an amendment notice that extends the deadline and shows on the public lot page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TenderChangesTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficerEditsADraftPublishesItAndAmendsItWithALaterDeadline()
    {
        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.GotoAsync("/tenders/new");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        var title = $"社区养老呼叫平台 {Guid.NewGuid():N}"[..18];
        await Fields.CommitAsync(officer, "tender-title", title);
        await Fields.CommitAsync(officer, "tender-buyer", "杭州市上城区民政局");
        await Fields.CommitAsync(officer, "tender-budget", "1800000");
        await Fields.CommitAsync(officer, "tender-description", "独居老人紧急呼叫与上门服务调度。");
        await officer.GetByTestId("tender-category").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Elderly care" }).First.ClickAsync();
        await Fields.CommitAsync(officer, "lot-title", "标段1：呼叫平台");
        await Fields.CommitAsync(officer, "lot-value", "1500000");
        await Fields.CommitAsync(officer, "lot-description", "一键呼叫终端、值守平台与服务调度。");
        await officer.GetByTestId("requirement-kind").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Other condition" }).First.ClickAsync();
        await Fields.CommitAsync(officer, "lot-statement", "注册资本不低于5000万元");
        await Assertions.Expect(officer.GetByTestId("fairness-warning")).ToContainTextAsync("registered capital");
        await officer.GetByTestId("save-draft").ClickAsync();
        await officer.WaitForURLAsync("**/tenders/*-*");
        await Assertions.Expect(officer.GetByTestId("tender-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(officer.GetByTestId("fairness-warning")).ToContainTextAsync("Art. 5");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "tender-draft-warned.png"), FullPage = true });

        // The officer takes the advice: the capital bar becomes a service commitment, the lot gets a new title.
        await officer.GetByTestId("edit-tender").ClickAsync();
        await officer.WaitForURLAsync("**/edit");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(officer.GetByTestId("lot-statement")).ToHaveValueAsync("注册资本不低于5000万元");
        await Fields.CommitAsync(officer, "lot-statement", "7×24小时值守，30分钟内上门响应");
        await Assertions.Expect(officer.GetByTestId("fairness-warning")).ToHaveCountAsync(0);
        await Fields.CommitAsync(officer, "lot-title", "标段1：一键呼叫与值守平台");
        var deadline = DateTimeOffset.UtcNow.AddDays(12).ToOffset(TimeSpan.FromHours(8));
        await officer.GetByTestId("tender-deadline").FillAsync(deadline.ToString("yyyy-MM-dd'T'HH:mm"));
        await officer.GetByTestId("publish").ClickAsync();
        await officer.WaitForURLAsync("**/lots/*");
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "标段1：一键呼叫与值守平台" })).ToBeVisibleAsync();
        var lotUrl = new Uri(officer.Url).AbsolutePath;

        await officer.OpenAsync("/tenders");
        await officer.GetByTestId("tender-link").Filter(new() { HasText = title }).ClickAsync();
        await officer.WaitForURLAsync("**/tenders/*-*");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(officer.GetByTestId("tender-status")).ToHaveTextAsync("Published");
        var extended = deadline.AddDays(5);
        await officer.GetByTestId("amendment-notice").FillAsync("澄清：呼叫终端须支持方言语音识别；截止时间顺延五天。");
        await officer.GetByTestId("amendment-deadline").FillAsync(extended.ToString("yyyy-MM-dd'T'HH:mm"));
        await officer.GetByTestId("publish-amendment").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("amendment")).ToContainTextAsync("Amendment 1");
        await Assertions.Expect(officer.GetByTestId("tender-deadline-shown")).ToContainTextAsync(extended.ToString("yyyy-MM-dd HH:mm"));

        var sme = await browser.NewPageAsync("en");
        await sme.GotoAsync(lotUrl);
        await Assertions.Expect(sme.GetByTestId("amendment")).ToContainTextAsync("方言语音识别");
        await Assertions.Expect(sme.GetByTestId("amendment")).ToContainTextAsync($"to {extended:yyyy-MM-dd HH:mm}");
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-amended.png"), FullPage = true });
        await sme.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }
}
