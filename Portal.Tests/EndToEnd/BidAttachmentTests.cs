using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Bidding;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>An SME attaches PDFs to its sealed bid on the lot page (in Chinese), is told why a fake PDF is refused, downloads and removes one.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BidAttachmentTests(BrowserFixture browser)
{
    /// <summary>A new open lot reserved for SMEs on which the demo SME has an active bid.</summary>
    private async Task<Guid> LotWithBidAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var tender = await scope.ServiceProvider.GetRequiredService<TenderService>().CreateWithLotsAsync(
            new TenderInput("智慧社区适老化改造", "老旧小区适老化与无障碍改造。", "杭州市拱墅区民政局", 800_000m, "community-apps"),
            [new LotInput("标段1：适老化改造", "一键呼叫与跌倒报警。", 600_000m, true, [], [new("价格", 30, true), new("技术", 70, false)])],
            DateTimeOffset.UtcNow.AddDays(3));
        var lotId = tender.Lots.Single().Id;
        var smeUserId = await browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
        await scope.ServiceProvider.GetRequiredService<BidService>().SubmitAsync(lotId, smeUserId, 580_000m, "一键呼叫终端与平台，三年运维。");
        return lotId;
    }

    /// <summary>Clicks the add button and picks a file in the chooser it opens, as a person does.</summary>
    private static async Task ChooseFileAsync(IPage page, string name, byte[] bytes)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("add-attachment").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = bytes });
    }

    [Fact]
    public async Task AnSmeAttachesAPdfIsToldWhyAFakeOneIsRefusedDownloadsAndRemovesIt()
    {
        var lotId = await LotWithBidAsync();
        var pdf = TestPdf.Create("Fall detection: technical documents");
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "sme@demo.local", PortalApp.DemoPassword);
        await page.GotoAsync($"/lots/{lotId}");
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("no-attachments")).ToHaveTextAsync("尚未上传附件。");
        await Assertions.Expect(page.GetByTestId("attachments")).ToContainTextAsync("每份不超过 20 MB");
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("第 1 版");

        await ChooseFileAsync(page, "技术方案.pdf", pdf);
        await Assertions.Expect(page.GetByTestId("attachment-name")).ToHaveTextAsync("技术方案.pdf");
        await Assertions.Expect(page.GetByTestId("attachment-hash")).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("第 2 版");

        await ChooseFileAsync(page, "营业执照.pdf", "PK\u0003\u0004 a zip file renamed"u8.ToArray());
        await Assertions.Expect(page.GetByTestId("attachment-error")).ToContainTextAsync("该文件不是 PDF");
        await Assertions.Expect(page.GetByTestId("attachment")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-attachments.png"), FullPage = true });

        // The link goes to the API, which the browser reaches with its sign-in cookie.
        var href = await page.GetByTestId("attachment-name").GetAttributeAsync("href");
        var download = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.Equal(pdf, await download.BodyAsync());

        await page.GetByTestId("remove-attachment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-attachments")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("第 3 版");
        Assert.Equal(0, await browser.App.WithDbAsync(db => db.Bids.Where(b => b.LotId == lotId).SelectMany(b => b.Attachments).CountAsync()));
        await page.Context.CloseAsync();
    }
}
