using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Tests.Features;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// Sealed bidding in the browser (电子招标投标办法 Art. 31, 34, 35): an SME seals its bid and documents on its own
/// device, keeps the opening key, and decrypts the bid with it at the opening; the portal holds ciphertext only until
/// then. A wrong key leaves a bid sealed; a bid nobody decrypts is void in the opening record. The deadlines pass by
/// moving the portal's clock and running the opening job, never by waiting.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BiddingTests(BrowserFixture browser)
{
    private static readonly string Base64Key = "^[A-Za-z0-9+/]{43}=$";

    /// <summary>A tender with one lot published by the officer through the API, its deadline 90 seconds away on the portal's clock.</summary>
    private async Task<(Guid LotId, DateTimeOffset Deadline)> PublishedLotAsync(bool reservedForSmes, string title)
    {
        using var officer = await browser.App.CreateClientForAsync("officer@demo.local");
        var tenderId = await TenderApi.CreateTenderAsync(officer);
        var lotId = (await TenderApi.AddLotAsync(officer, tenderId, reservedForSmes, title: title)).GetProperty("id").GetGuid();
        // The browser tests' minimum bidding period is one minute.
        var deadline = browser.App.Clock.GetUtcNow().AddSeconds(90);
        await TenderApi.PublishAsync(officer, tenderId, deadline);
        return (lotId, deadline);
    }

    /// <summary>Moves the portal's clock a minute past the deadline and runs the opening job as Hangfire would.</summary>
    private async Task BeginOpeningAsync(Guid lotId, DateTimeOffset deadline)
    {
        browser.App.Clock.Advance(deadline - browser.App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await SealedBids.RunOpeningJobAsync(browser.App);
        Assert.Equal(LotStatus.Opening, await browser.App.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
    }

    private static async Task OpenLotAsync(IPage page, Guid lotId)
    {
        await page.OpenAsync($"/lots/{lotId}");
        await Assertions.Expect(page.GetByTestId("eligibility")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Reloads and waits for the circuit: a key typed into the prerendered panel would be lost when the interactive
    /// render replaces it.
    /// </summary>
    private static async Task ReloadAsync(IPage page)
    {
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
    }

    private static FilePayload Pdf(string name, byte[] bytes) => new() { Name = name, MimeType = "application/pdf", Buffer = bytes };

    /// <summary>Fills the bid form and seals it: the opening key the page shows (base64 of 32 bytes).</summary>
    private static async Task<string> SealAsync(IPage page, string price, string proposal, params FilePayload[] documents)
    {
        await page.GetByTestId("bid-price").FillAsync(price);
        await page.GetByTestId("bid-proposal").FillAsync(proposal);
        await page.GetByTestId("bid-files").SetInputFilesAsync(documents);
        await page.GetByTestId("seal-bid").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("opening-key")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(Base64Key));
        return await page.GetByTestId("opening-key").InnerTextAsync();
    }

    /// <summary>Ticks "kept" (the submit button is disabled until then) and submits; the key panel closes.</summary>
    private static async Task SubmitSealedAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("submit-bid")).ToBeDisabledAsync();
        await page.GetByTestId("key-kept").CheckAsync();
        await Assertions.Expect(page.GetByTestId("submit-bid")).ToBeEnabledAsync();
        await page.GetByTestId("submit-bid").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-panel")).ToBeHiddenAsync();
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    private Task<string> SupplierNameAsync(string email) => browser.App.WithDbAsync(db =>
        db.Users.Where(u => u.Email == email).Join(db.Suppliers, u => u.Id, s => s.OwnerUserId, (u, s) => s.Name).SingleAsync());

    [Fact]
    public async Task AnSmeSealsItsBidInTheBrowserKeepsTheKeyFileAndDecryptsItWithTheFileAtTheOpening()
    {
        var app = browser.App;
        var (lotId, deadline) = await PublishedLotAsync(reservedForSmes: true, "标段1：人脸识别门禁（密封投标）");
        var pdf = TestPdf.Create("Face recognition access control: technical documents");
        var marker = Guid.NewGuid().ToString("N")[..12];
        var proposal = $"人脸识别门禁与大字版界面，三年运维。方案编号 {marker}";
        try
        {
            var sme = await browser.NewPageAsync();
            var circuit = new CircuitWatch(sme);
            await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
            await OpenLotAsync(sme, lotId);
            await Assertions.Expect(sme.GetByTestId("eligibility-verdict")).ToHaveTextAsync("符合资格");
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToContainTextAsync("提交投标");

            // Nothing is sealed without a price: the sealing module says why, in the page's language.
            await sme.GetByTestId("seal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToHaveTextAsync("请输入以元为单位的报价：大于零，最多两位小数（分）。");
            await Assertions.Expect(sme.GetByTestId("key-panel")).ToBeHiddenAsync();

            // A document that is not a PDF is refused in the browser, before any key is drawn.
            await sme.GetByTestId("bid-price").FillAsync("876543");
            await sme.GetByTestId("bid-proposal").FillAsync(proposal);
            await sme.GetByTestId("bid-files").SetInputFilesAsync(Pdf("营业执照.pdf", "PK\u0003\u0004 a zip file renamed"u8.ToArray()));
            await sme.GetByTestId("seal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToContainTextAsync("该文件不是 PDF");
            await Assertions.Expect(sme.GetByTestId("key-panel")).ToBeHiddenAsync();

            var key = await SealAsync(sme, "876543", proposal, Pdf("技术方案.pdf", pdf));
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToHaveCountAsync(0);
            await Assertions.Expect(sme.GetByTestId("seal-bid")).ToBeHiddenAsync();
            await Assertions.Expect(sme.GetByTestId("key-panel")).ToContainTextAsync("平台不会保存");
            await ShotAsync(sme, "bid-sealed-key.png");

            // The key file holds the key shown, and nothing has been sent yet.
            var download = await sme.RunAndWaitForDownloadAsync(() => sme.GetByTestId("key-file").ClickAsync());
            Assert.Equal($"sealed-bid-key-{lotId}.txt", download.SuggestedFilename);
            var keyFile = await File.ReadAllBytesAsync(await download.PathAsync());
            var keyText = Encoding.UTF8.GetString(keyFile).Trim();
            Assert.Equal(44, keyText.Length);
            Assert.Equal(key, keyText);
            Assert.Equal(32, Convert.FromBase64String(keyText).Length);
            await Assertions.Expect(sme.GetByTestId("submit-bid")).ToBeDisabledAsync();
            Assert.Equal(0, await app.WithDbAsync(db => db.Bids.CountAsync(b => b.LotId == lotId)));

            await SubmitSealedAsync(sme);
            await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("只有您的开标密钥能在开标时打开它");
            await Assertions.Expect(sme.GetByTestId("attachment-name")).ToHaveTextAsync("技术方案.pdf");
            await Assertions.Expect(sme.GetByTestId("opening-key")).ToHaveTextAsync("");
            await Assertions.Expect(sme.GetByTestId("bid-price")).ToHaveValueAsync("");
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToContainTextAsync("替换您的投标");

            // The portal holds ciphertext only: no price, no proposal, no key, and a sealed file that is not the PDF.
            var stored = await app.WithDbAsync(db => db.Bids.AsNoTracking().Include(b => b.Attachments).SingleAsync(b => b.LotId == lotId));
            Assert.Equal(BidStatus.Sealed, stored.Status);
            Assert.Null(stored.PriceYuan);
            Assert.Null(stored.Proposal);
            Assert.Null(stored.OpeningKey);
            Assert.Equal(12, stored.SealedIv!.Length);
            Assert.True(stored.SealedCiphertext!.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0);
            Assert.True(stored.SealedCiphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(proposal)) < 0);
            Assert.True(stored.SealedCiphertext.AsSpan().IndexOf("876543"u8) < 0);
            var attachment = Assert.Single(stored.Attachments);
            Assert.Equal("技术方案.pdf", attachment.FileName);
            var sealedFile = await File.ReadAllBytesAsync(app.Services.GetRequiredService<AttachmentStore>().PathOf(stored.Id, attachment.Id));
            Assert.Equal(pdf.Length + 12 + 16, sealedFile.Length);
            Assert.NotEqual(pdf, sealedFile);
            Assert.True(sealedFile.AsSpan().IndexOf("%PDF-"u8) < 0);
            Assert.True(sealedFile.AsSpan().IndexOf("Face recognition"u8) < 0);
            // The receipt the page shows is the one the specification gives for what the browser sealed.
            var envelope = new SealedPart("sealed-bid/1", Convert.ToBase64String(stored.SealedIv), Convert.ToBase64String(stored.SealedCiphertext!));
            Assert.Equal(ReferenceSealer.Receipt(lotId, envelope, (attachment.FileName, sealedFile)), stored.Sha256);
            await Assertions.Expect(sme.GetByTestId("receipt-hash")).ToHaveTextAsync(stored.Sha256);
            // Nor did the price, the proposal or the key travel over the Blazor circuit, either way.
            circuit.AssertCarriedNone("876543", "876,543", marker, key);

            // A large firm is refused on a lot reserved for SMEs.
            var large = await browser.NewPageAsync();
            await SignInTests.SignInAsync(large, "large@demo.local", PortalApp.DemoPassword);
            await OpenLotAsync(large, lotId);
            await Assertions.Expect(large.GetByTestId("eligibility-verdict")).ToHaveTextAsync("不符合资格");
            await Assertions.Expect(large.GetByTestId("bid-refused")).ToBeVisibleAsync();
            await Assertions.Expect(large.GetByTestId("bid-form")).ToHaveCountAsync(0);
            await large.Context.CloseAsync();

            // The deadline passes: the opening begins and the SME decrypts its bid with the key file.
            await BeginOpeningAsync(lotId, deadline);
            await ReloadAsync(sme);
            await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("开标中");
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToHaveCountAsync(0);
            await Assertions.Expect(sme.GetByTestId("unseal-panel")).ToContainTextAsync("第三十五条");
            await Assertions.Expect(sme.GetByTestId("opening-record")).ToContainTextAsync("开标进行中");
            await Assertions.Expect(sme.GetByTestId("opening-bid-status")).ToHaveTextAsync("尚未解密");
            await Assertions.Expect(sme.GetByTestId("opening-bid-price")).ToHaveTextAsync("—");
            await ShotAsync(sme, "bid-unseal-panel.png");

            await sme.GetByTestId("unseal-key-file").SetInputFilesAsync(new FilePayload { Name = download.SuggestedFilename, MimeType = "text/plain", Buffer = keyFile });
            await Assertions.Expect(sme.GetByTestId("unseal-key")).ToHaveValueAsync(key);
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("opened-bid")).ToHaveTextAsync("您的投标已在开标时解密：¥876,543。");
            await Assertions.Expect(sme.GetByTestId("unseal-panel")).ToHaveCountAsync(0);
            // Its only bid open, the lot's opening is complete and its record shows the price.
            await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("已截止");
            await Assertions.Expect(sme.GetByTestId("opening-times")).ToContainTextAsync("记录完成于");
            await Assertions.Expect(sme.GetByTestId("opening-bid")).ToHaveCountAsync(1);
            await Assertions.Expect(sme.GetByTestId("opening-bid-status")).ToHaveTextAsync("已解密");
            await Assertions.Expect(sme.GetByTestId("opening-bid-price")).ToHaveTextAsync("¥876,543");
            var opened = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));
            Assert.Equal(BidStatus.Opened, opened.Status);
            Assert.Equal(876_543m, opened.PriceYuan);
            Assert.Equal(proposal, opened.Proposal);

            // The document the browser sealed downloads decrypted, byte for byte, once the bid is open.
            var href = await sme.GetByTestId("attachment-name").GetAttributeAsync("href");
            var document = await sme.Context.APIRequest.GetAsync(href!);
            Assert.Equal(200, document.Status);
            Assert.Equal("application/pdf", document.Headers["content-type"]);
            Assert.Equal(pdf, await document.BodyAsync());
            // The key went to the portal through the API at the opening, never over the circuit.
            circuit.AssertCarriedNone(key);
            await sme.Context.CloseAsync();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task AWrongKeyLeavesTheBidSealedABidNeverDecryptedIsVoidAndTheOfficerReadsTheOpenedDocument()
    {
        var app = browser.App;
        var (lotId, deadline) = await PublishedLotAsync(reservedForSmes: false, "标段2：门禁开标记录");
        var pdf = TestPdf.Create("Access control: implementation plan");
        var smeName = await SupplierNameAsync("sme@demo.local");
        var largeName = await SupplierNameAsync("large@demo.local");
        try
        {
            var sme = await browser.NewPageAsync();
            await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
            await OpenLotAsync(sme, lotId);
            var key = await SealAsync(sme, "812000", "门禁改造实施方案：分三期完成，三年运维。", Pdf("实施方案.pdf", pdf));
            await SubmitSealedAsync(sme);
            await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("第 ");
            await Assertions.Expect(sme.GetByTestId("attachment-name")).ToHaveTextAsync("实施方案.pdf");
            // The large firm's own system seals its bid through the API; it will not decrypt it.
            using (var large = await app.CreateClientForAsync("large@demo.local"))
            {
                var (submitted, _) = await SealedBids.SubmitAsync(large, lotId, 790_000m, "门禁方案（大型企业）。");
                Assert.Equal(System.Net.HttpStatusCode.Created, submitted.StatusCode);
            }

            await BeginOpeningAsync(lotId, deadline);
            await ReloadAsync(sme);
            await Assertions.Expect(sme.GetByTestId("unseal-panel")).ToBeVisibleAsync();

            // A key that is not this bid's is refused and the bid stays sealed; so is text that is no key at all.
            await sme.GetByTestId("unseal-key").FillAsync(Convert.ToBase64String(ReferenceSealer.NewKey()));
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToContainTextAsync("此密钥无法打开您的投标");
            await Assertions.Expect(sme.GetByTestId("unseal-panel")).ToBeVisibleAsync();
            await Assertions.Expect(sme.GetByTestId("opened-bid")).ToHaveCountAsync(0);
            await sme.GetByTestId("unseal-key").FillAsync("这不是密钥");
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToContainTextAsync("开标密钥不是有效的 base64");
            var smeBid = await app.WithDbAsync(db => db.Bids.AsNoTracking().Include(b => b.Attachments)
                .SingleAsync(b => b.LotId == lotId && db.Suppliers.Any(s => s.Id == b.SupplierId && s.Name == smeName)));
            Assert.Equal(BidStatus.Sealed, smeBid.Status);
            Assert.Null(smeBid.PriceYuan);
            Assert.Null(smeBid.OpeningKey);

            // The right key, pasted, opens it: the bid the browser sealed opens on the portal.
            await sme.GetByTestId("unseal-key").FillAsync(key);
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("opened-bid")).ToContainTextAsync("¥812,000");
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToHaveCountAsync(0);
            var rows = sme.GetByTestId("opening-bid");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.Filter(new() { HasText = smeName }).GetByTestId("opening-bid-status")).ToHaveTextAsync("已解密");
            await Assertions.Expect(rows.Filter(new() { HasText = smeName }).GetByTestId("opening-bid-price")).ToHaveTextAsync("¥812,000");
            await Assertions.Expect(rows.Filter(new() { HasText = largeName }).GetByTestId("opening-bid-status")).ToHaveTextAsync("尚未解密");
            await Assertions.Expect(rows.Filter(new() { HasText = largeName }).GetByTestId("opening-bid-price")).ToHaveTextAsync("—");
            await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("开标中");
            await sme.Context.CloseAsync();

            // The window ends with the large firm's bid still sealed: it is void, treated as withdrawn (Art. 35).
            var windowEnds = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.OpeningEndsAtUtc!.Value).SingleAsync());
            app.Clock.Advance(windowEnds - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
            await SealedBids.RunOpeningJobAsync(app);
            Assert.Equal(LotStatus.Closed, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));

            var officer = await browser.NewPageAsync();
            await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
            await officer.OpenAsync($"/lots/{lotId}");
            var record = officer.GetByTestId("opening-record");
            await Assertions.Expect(record).ToContainTextAsync("记录完成于");
            var officerRows = record.GetByTestId("opening-bid");
            await Assertions.Expect(officerRows).ToHaveCountAsync(2);
            await Assertions.Expect(officerRows.Filter(new() { HasText = smeName }).GetByTestId("opening-bid-status")).ToHaveTextAsync("已解密");
            await Assertions.Expect(officerRows.Filter(new() { HasText = smeName }).GetByTestId("opening-bid-price")).ToHaveTextAsync("¥812,000");
            var voidStatus = officerRows.Filter(new() { HasText = largeName }).GetByTestId("opening-bid-status");
            await Assertions.Expect(voidStatus).ToContainTextAsync("作废：未解密");
            await Assertions.Expect(voidStatus).ToContainTextAsync("未在开标解密时间内解密：视为撤回投标（《电子招标投标办法》第三十五条）。");
            await Assertions.Expect(officerRows.Filter(new() { HasText = largeName }).GetByTestId("opening-bid-price")).ToHaveTextAsync("—");
            await ShotAsync(officer, "opening-record.png");
            Assert.Equal(BidStatus.Void, await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == lotId && b.Id != smeBid.Id).Select(b => b.Status).SingleAsync()));

            // The officer reads the SME's document decrypted.
            var document = await officer.Context.APIRequest.GetAsync($"api/v1/lots/{lotId}/bids/{smeBid.Id}/attachments/{smeBid.Attachments.Single().Id}");
            Assert.Equal(200, document.Status);
            Assert.Equal("application/pdf", document.Headers["content-type"]);
            Assert.Equal(pdf, await document.BodyAsync());
            await officer.Context.CloseAsync();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task AnOfficerPublishesAReservedLotAnSmeIsToldSealsAndReplacesItsBidAndTheOpeningBeginsAtTheDeadline()
    {
        var app = browser.App;
        var officer = await browser.NewPageAsync("en");
        await SignInTests.SignInAsync(officer, "officer@demo.local", PortalApp.DemoPassword);
        await officer.OpenAsync("/tenders");
        await officer.GetByTestId("new-tender").ClickAsync();
        await officer.WaitForURLAsync("**/tenders/new");
        await Assertions.Expect(officer.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
        var title = $"老旧小区垃圾分类智能督导 {Guid.NewGuid():N}"[..20];
        await Fields.CommitAsync(officer, "tender-title", title);
        await Fields.CommitAsync(officer, "tender-buyer", "杭州市拱墅区城市管理局");
        await Fields.CommitAsync(officer, "tender-budget", "1500000");
        await Fields.CommitAsync(officer, "tender-description", "老旧小区桶站的垃圾分类督导与整改。");
        await officer.GetByTestId("tender-category").ClickAsync();
        await officer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Smart waste sorting" }).First.ClickAsync();
        await Fields.CommitAsync(officer, "lot-title", "标段1：垃圾分类智能督导");
        await Fields.CommitAsync(officer, "lot-value", "1200000");
        await Fields.CommitAsync(officer, "lot-description", "小区桶站AI督导摄像头与语音劝导，混投抓拍、整改跟踪与居民积分。");
        await Fields.CommitAsync(officer, "lot-min-project", "500000");
        await Assertions.Expect(officer.GetByTestId("reservation-advice")).ToContainTextAsync("100%");
        // The deadline a little over a minute away (the browser tests' minimum bidding period is one minute).
        var deadline = app.Clock.GetUtcNow().AddSeconds(80).ToOffset(TimeSpan.FromHours(8));
        deadline = deadline.AddSeconds(60 - deadline.Second);
        await officer.GetByTestId("tender-deadline").FillAsync(deadline.ToString("yyyy-MM-dd'T'HH:mm"));
        await officer.GetByTestId("publish").ClickAsync();
        await officer.WaitForURLAsync("**/lots/*");
        await Assertions.Expect(officer.GetByTestId("lot-status")).ToHaveTextAsync("Open for bids");
        var lotUrl = new Uri(officer.Url).AbsolutePath;
        await ShotAsync(officer, "lot-published.png");
        await officer.Context.CloseAsync();

        try
        {
            // Publication tells the SME whose company profile (it sorts waste) fits the lot and which may bid.
            var lotId = Guid.Parse(lotUrl.Split('/').Last());
            var smeUserId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
            var told = false;
            for (var attempt = 0; attempt < 30 && !told; attempt++)
            {
                told = await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == smeUserId && n.Key == $"alert:{lotId}"));
                await Task.Delay(TimeSpan.FromSeconds(told ? 0 : 1));
            }
            Assert.True(told, "The SME was not notified within 30 seconds of the publication.");
            var unread = await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == smeUserId && n.ReadAtUtc == null));
            var sme = await browser.NewPageAsync("en");
            await SignInTests.SignInAsync(sme, "sme@demo.local", PortalApp.DemoPassword);
            await Assertions.Expect(sme.GetByTestId("notification-badge").Locator(".mud-badge")).ToHaveTextAsync(unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await sme.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-alert-bell.png") });
            await sme.GetByTestId("notification-badge").Locator("a").ClickAsync();
            await sme.WaitForURLAsync("**/notifications");
            var notification = sme.GetByTestId("notification").Filter(new() { HasText = "New lot: 标段1：垃圾分类智能督导" });
            await Assertions.Expect(notification).ToContainTextAsync("matches the profile of 杭州绿源智能分类科技有限公司");
            await Assertions.Expect(notification.Locator("a")).ToHaveAttributeAsync("href", lotUrl.TrimStart('/'));
            await Assertions.Expect(sme.GetByTestId("notification-badge").Locator(".mud-badge")).ToHaveCountAsync(0);
            await ShotAsync(sme, "lot-alert-notification.png");

            await notification.Locator("a").ClickAsync();
            await sme.WaitForURLAsync($"**{lotUrl}");
            await Assertions.Expect(sme.Locator("#circuit-state[data-interactive='true']")).ToBeAttachedAsync();
            await Assertions.Expect(sme.GetByTestId("eligibility-verdict")).ToHaveTextAsync("Eligible");
            await Assertions.Expect(sme.GetByTestId("eligibility-requirement").First).ToContainTextAsync("SME-reserved lot");
            var firstKey = await SealAsync(sme, "1100000", "AI督导摄像头与整改台账。", Pdf("technical-offer.pdf", TestPdf.Create("Waste sorting: technical offer")));
            await Assertions.Expect(sme.GetByTestId("submit-bid")).ToHaveTextAsync("Submit bid");
            await SubmitSealedAsync(sme);
            await Assertions.Expect(sme.GetByTestId("receipt")).ToContainTextAsync("Your sealed bid was received");
            await Assertions.Expect(sme.GetByTestId("attachment-name")).ToHaveTextAsync("technical-offer.pdf");
            var firstReceipt = await sme.GetByTestId("receipt-hash").InnerTextAsync();
            var firstCiphertext = await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == lotId).Select(b => b.SealedCiphertext).SingleAsync());

            // The replacement is sealed under a new key; the documents sealed under the old one go.
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToContainTextAsync("Replace your bid");
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToContainTextAsync("choose your documents again");
            var secondKey = await SealAsync(sme, "1060000", "AI督导摄像头、语音劝导与整改台账。");
            Assert.NotEqual(firstKey, secondKey);
            await Assertions.Expect(sme.GetByTestId("submit-bid")).ToHaveTextAsync("Replace bid");
            await SubmitSealedAsync(sme);
            await Assertions.Expect(sme.GetByTestId("receipt-hash")).Not.ToHaveTextAsync(firstReceipt);
            await Assertions.Expect(sme.GetByTestId("no-attachments")).ToBeVisibleAsync();
            await ShotAsync(sme, "lot-bid.png");
            var replaced = await app.WithDbAsync(db => db.Bids.AsNoTracking().Include(b => b.Attachments).SingleAsync(b => b.LotId == lotId));
            Assert.Equal(BidStatus.Sealed, replaced.Status);
            Assert.Empty(replaced.Attachments);
            Assert.NotEqual(firstCiphertext, replaced.SealedCiphertext);
            Assert.Null(replaced.PriceYuan);

            // At the deadline the opening begins: the form is gone, the old key no longer opens the bid, the new one does.
            await BeginOpeningAsync(lotId, deadline);
            await ReloadAsync(sme);
            await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("Opening of bids");
            await Assertions.Expect(sme.GetByTestId("bid-form")).ToHaveCountAsync(0);
            await sme.GetByTestId("unseal-key").FillAsync(firstKey);
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("bid-error")).ToContainTextAsync("This key does not open your bid");
            await sme.GetByTestId("unseal-key").FillAsync(secondKey);
            await sme.GetByTestId("unseal-bid").ClickAsync();
            await Assertions.Expect(sme.GetByTestId("opened-bid")).ToHaveTextAsync("Your bid was decrypted at the opening: ¥1,060,000.");
            await Assertions.Expect(sme.GetByTestId("lot-status")).ToHaveTextAsync("Closed");
            await Assertions.Expect(sme.GetByTestId("opening-bid-status")).ToHaveTextAsync("Decrypted");
            await ShotAsync(sme, "lot-opened.png");
            await sme.Context.CloseAsync();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    /// <summary>What the page's Blazor circuit carried, both ways, to show that a bid's secrets never travel over it.</summary>
    private sealed class CircuitWatch
    {
        private readonly List<string> _frames = [];

        public CircuitWatch(IPage page) => page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) => Add(frame);
            socket.FrameReceived += (_, frame) => Add(frame);
        };

        private void Add(IWebSocketFrame frame)
        {
            // Blazor's MessagePack frames carry strings as UTF-8.
            var text = frame.Text ?? (frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : "");
            lock (_frames)
            {
                _frames.Add(text);
            }
        }

        public void AssertCarriedNone(params string[] secrets)
        {
            lock (_frames)
            {
                Assert.True(_frames.Count > 10, $"The circuit carried only {_frames.Count} frames: is it a WebSocket?");
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(_frames, frame => frame.Contains(secret, StringComparison.Ordinal));
                }
            }
        }
    }
}
