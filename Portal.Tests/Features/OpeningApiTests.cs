using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// The opening (开标) through the API, on SQLite and PostgreSQL: bids sealed with <see cref="ReferenceSealer"/> as a
/// bidder's own system seals them, the job run directly with the clock moved (never waited for), each bidder unsealing
/// its bid with its key in the window, bids left sealed void at its end, and the opening record.
/// </summary>
public abstract class OpeningApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : OpeningApp
{
    private const string Sme = "sme@demo.local";
    private const string Large = "large@demo.local";
    private const string Officer = "officer@demo.local";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private sealed record PublishedLot(Guid LotId, DateTimeOffset Deadline, string Title);

    private sealed record SealedBid(Guid BidId, byte[] Key, SealedPart Envelope, JsonElement Receipt);

    /// <summary>A published lot open to firms of every size (a title of its own, to find its notifications), 14 days to its deadline.</summary>
    private async Task<PublishedLot> PublishedLotAsync(params string[] evaluators)
    {
        using var officer = await app.CreateClientForAsync(Officer);
        var tenderId = await CreateTenderAsync(officer);
        var title = $"标段1：开标门禁 {Guid.NewGuid().ToString("N")[..8]}";
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false, title: title)).GetProperty("id").GetGuid();
        var deadline = app.Clock.GetUtcNow().AddDays(14);
        await PublishAsync(officer, tenderId, deadline);
        if (evaluators.Length > 0)
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/evaluators", new { emails = evaluators })).StatusCode);
        }
        return new PublishedLot(lotId, deadline, title);
    }

    /// <summary>Seals <paramref name="plaintext"/> (or a valid bid) under a new key and submits it as <paramref name="email"/>; asserts the 201.</summary>
    private async Task<SealedBid> BidAsync(string email, Guid lotId, decimal priceYuan = 850_000m, string proposal = "实施方案：分三期完成门禁改造。", byte[]? plaintext = null)
    {
        using var bidder = await app.CreateClientForAsync(email);
        var key = ReferenceSealer.NewKey();
        var body = plaintext is null ? ReferenceSealer.SealBid(key, lotId, priceYuan, proposal) : ReferenceSealer.SealPlaintext(key, lotId, plaintext);
        var response = await bidder.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new SealedBid(receipt.GetProperty("bidId").GetGuid(), key, body.Sealed, receipt);
    }

    /// <summary>Uploads an attachment already sealed (iv ‖ ciphertext ‖ tag) as <paramref name="email"/>; asserts the 201.</summary>
    private async Task<JsonElement> AttachAsync(string email, Guid lotId, string fileName, byte[] upload)
    {
        using var bidder = await app.CreateClientForAsync(email);
        var form = new MultipartFormDataContent
        {
            { new StringContent(fileName), "fileName" },
            { new ByteArrayContent(upload), "file", "sealed.bin" },
        };
        var response = await bidder.PostAsync($"/api/v1/lots/{lotId}/bids/mine/attachments", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> UnsealAsync(string email, Guid lotId, byte[] key, string? language = "en")
    {
        using var bidder = await app.CreateClientForAsync(email, language: language);
        return await SealedBids.UnsealAsync(bidder, lotId, key);
    }

    private async Task<HttpResponseMessage> UnsealWithAsync(string email, Guid lotId, object body)
    {
        using var bidder = await app.CreateClientForAsync(email);
        return await bidder.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids/mine/unseal", body);
    }

    private async Task<JsonElement> UnsealedAsync(string email, Guid lotId, byte[] key, string? language = "en")
    {
        var response = await UnsealAsync(email, lotId, key, language);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Moves the clock just past the deadline and runs the opening job.</summary>
    private async Task BeginOpeningAsync(PublishedLot lot)
    {
        PassDeadline(lot);
        await SealedBids.RunOpeningJobAsync(app);
        Assert.Equal(LotStatus.Opening, await LotStatusAsync(lot.LotId));
    }

    private void PassDeadline(PublishedLot lot) => app.Clock.Advance(lot.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

    private void PassWindow(PublishedLot lot) => app.Clock.Advance(lot.Deadline + Window - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

    private Task<LotStatus> LotStatusAsync(Guid lotId) => app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync());

    private Task<Bid> StoredBidAsync(Guid bidId) => app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.Id == bidId));

    private Task<int> BidCountAsync(Guid lotId) => app.WithDbAsync(db => db.Bids.CountAsync(b => b.LotId == lotId));

    private Task<string> UserIdAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>The keys of the opening's notifications about <paramref name="lotId"/> that <paramref name="email"/> got (alerts of new lots left out).</summary>
    private async Task<List<string?>> NotificationKeysAsync(string email, Guid lotId)
    {
        var userId = await UserIdAsync(email);
        var link = $"/lots/{lotId}";
        return await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId && n.Link == link && n.Key!.StartsWith("opening")).Select(n => n.Key).ToListAsync());
    }

    /// <summary>The e-mail to <paramref name="email"/> whose subject holds <paramref name="subjectPart"/>, waited for up to 30 seconds (Hangfire sends it).</summary>
    private async Task<ReceivedMail?> MailAsync(string email, string subjectPart)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mail = app.Mail.Received.FirstOrDefault(m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase) && (m.Message.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal));
            if (mail is not null || DateTime.UtcNow > until)
            {
                return mail;
            }
            await Task.Delay(200);
        }
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    /// <summary>Nothing of the bid changed: still sealed, same version, no key kept, no content.</summary>
    private async Task AssertStillSealedAsync(SealedBid bid, int version)
    {
        var stored = await StoredBidAsync(bid.BidId);
        Assert.Equal((BidStatus.Sealed, version), (stored.Status, stored.Version));
        Assert.Null(stored.OpeningKey);
        Assert.Null(stored.OpenedAtUtc);
        Assert.Null(stored.PriceYuan);
        Assert.Null(stored.Proposal);
    }

    [Fact]
    public async Task TheJobBeginsTheOpeningAtTheDeadlineNotBeforeAndTellsTheBidders()
    {
        var lot = await PublishedLotAsync();
        await BidAsync(Sme, lot.LotId, 876_543.21m);

        await SealedBids.RunOpeningJobAsync(app);
        Assert.Equal(LotStatus.Open, await LotStatusAsync(lot.LotId));
        app.Clock.Advance(lot.Deadline - app.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await SealedBids.RunOpeningJobAsync(app);
        Assert.Equal(LotStatus.Open, await LotStatusAsync(lot.LotId));
        Assert.Empty(await NotificationKeysAsync(Sme, lot.LotId));

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await SealedBids.RunOpeningJobAsync(app);
        await SealedBids.RunOpeningJobAsync(app);

        var stored = await app.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot.LotId));
        Assert.Equal(LotStatus.Opening, stored.Status);
        Assert.Equal(lot.Deadline.UtcDateTime + Window, stored.OpeningEndsAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.OpeningStartedAtUtc!.Value, TimeSpan.FromMinutes(1));
        using var anonymous = app.CreateHttpClient();
        Assert.Equal("opening", (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}")).GetProperty("status").GetString());
        // Told once, however often the job runs; the firm without a bid is not told.
        Assert.Equal([$"opening:{lot.LotId:N}"], await NotificationKeysAsync(Sme, lot.LotId));
        Assert.Empty(await NotificationKeysAsync(Large, lot.LotId));
        var note = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Key == $"opening:{lot.LotId:N}"));
        Assert.Contains("decrypt", note.Body);
        Assert.DoesNotContain("876543", note.Body + note.Title);
        Assert.DoesNotContain("876,543", note.Body + note.Title);
        var mail = await MailAsync(Sme, $"“{lot.Title}”的投标");
        Assert.NotNull(mail);
        Assert.StartsWith("开标", mail.Message.Subject);
        Assert.Contains($"/lots/{lot.LotId}", mail.Message.TextBody);
    }

    [Fact]
    public async Task ABidderUnsealsItsBidAndTheOfficerThenDownloadsItsAttachmentAsTheOriginalPdf()
    {
        var lot = await PublishedLotAsync();
        var bid = await BidAsync(Sme, lot.LotId, 812_345.67m, "人脸识别门禁，大字版界面，含三年运维。");
        var pdf = TestPdf.Create("Technical proposal: face recognition gates");
        var upload = ReferenceSealer.SealAttachment(bid.Key, lot.LotId, "技术方案.pdf", pdf);
        var attached = await AttachAsync(Sme, lot.LotId, "技术方案.pdf", upload);
        var download = $"/api/v1/lots/{lot.LotId}/bids/{bid.BidId}/attachments/{attached.GetProperty("id").GetGuid()}";

        // The receipt is the one the bidder computes itself, over the ciphertexts and the sealed upload.
        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, bid.Envelope), bid.Receipt.GetProperty("sha256").GetString());
        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, bid.Envelope, ("技术方案.pdf", upload)), attached.GetProperty("receipt").GetProperty("sha256").GetString());
        using (var officerBefore = await app.CreateClientForAsync(Officer))
        {
            await AssertProblemAsync(await officerBefore.GetAsync(download), HttpStatusCode.Forbidden, "sealed until the deadline");
        }
        await AssertProblemAsync(await UnsealAsync(Sme, lot.LotId, bid.Key), HttpStatusCode.Conflict, "opening");
        await AssertStillSealedAsync(bid, version: 2);

        await BeginOpeningAsync(lot);
        using (var officerInWindow = await app.CreateClientForAsync(Officer))
        {
            await AssertProblemAsync(await officerInWindow.GetAsync(download), HttpStatusCode.Conflict, "sealed");
        }
        var opened = await UnsealedAsync(Sme, lot.LotId, bid.Key);

        Assert.Equal("opened", opened.GetProperty("status").GetString());
        Assert.Equal(bid.BidId, opened.GetProperty("bidId").GetGuid());
        Assert.Equal(812_345.67m, opened.GetProperty("priceYuan").GetDecimal());
        Assert.Equal("人脸识别门禁，大字版界面，含三年运维。", opened.GetProperty("proposal").GetString());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("reasonCode").ValueKind);
        var listed = Assert.Single(opened.GetProperty("attachments").EnumerateArray());
        Assert.Equal(("技术方案.pdf", (long)pdf.Length, download),
            (listed.GetProperty("fileName").GetString(), listed.GetProperty("sizeBytes").GetInt64(), listed.GetProperty("download").GetString()));
        var stored = await StoredBidAsync(bid.BidId);
        Assert.Equal((BidStatus.Opened, 812_345.67m, 3), (stored.Status, stored.PriceYuan, stored.Version));
        using var officer = await app.CreateClientForAsync(Officer);
        var file = await officer.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        using (var bidder = await app.CreateClientForAsync(Sme))
        {
            Assert.Equal(pdf, await bidder.GetByteArrayAsync(download));
        }
        // The only bid is opened: the opening is complete, and its parties are told.
        Assert.Equal(LotStatus.Closed, await LotStatusAsync(lot.LotId));
        Assert.Contains($"opening-record:{lot.LotId:N}", await NotificationKeysAsync(Sme, lot.LotId));
        Assert.Contains($"opening-record:{lot.LotId:N}", await NotificationKeysAsync(Officer, lot.LotId));
        var bids = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/bids");
        Assert.Equal(812_345.67m, Assert.Single(bids.GetProperty("items").EnumerateArray()).GetProperty("priceYuan").GetDecimal());
    }

    [Fact]
    public async Task AKeyThatDoesNotOpenTheBidIsRefusedNamingKeyAndTheBidStaysSealed()
    {
        var lot = await PublishedLotAsync();
        var bid = await BidAsync(Sme, lot.LotId);
        await BeginOpeningAsync(lot);

        await AssertNamesFieldAsync(await UnsealAsync(Sme, lot.LotId, ReferenceSealer.NewKey()), HttpStatusCode.BadRequest, "key");
        await AssertNamesFieldAsync(await UnsealAsync(Sme, lot.LotId, bid.Key[..16]), HttpStatusCode.BadRequest, "key");
        await AssertNamesFieldAsync(await UnsealAsync(Sme, lot.LotId, [.. bid.Key, 0]), HttpStatusCode.BadRequest, "key");
        await AssertNamesFieldAsync(await UnsealWithAsync(Sme, lot.LotId, new { key = "not base64!" }), HttpStatusCode.BadRequest, "key");
        await AssertNamesFieldAsync(await UnsealWithAsync(Sme, lot.LotId, new { }), HttpStatusCode.BadRequest, "key");

        await AssertStillSealedAsync(bid, version: 1);
        Assert.Equal(LotStatus.Opening, await LotStatusAsync(lot.LotId));
        // The bidder tries again within the window with its own key.
        Assert.Equal("opened", (await UnsealedAsync(Sme, lot.LotId, bid.Key)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnsealingIsForTheBidderOnlyAndOnlyOnce()
    {
        var lot = await PublishedLotAsync();
        var bid = await BidAsync(Sme, lot.LotId);
        await BeginOpeningAsync(lot);

        await AssertProblemAsync(await UnsealAsync(Large, lot.LotId, bid.Key), HttpStatusCode.Forbidden, "no bid");
        using (var officer = await app.CreateClientForAsync(Officer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SealedBids.UnsealAsync(officer, lot.LotId, bid.Key)).StatusCode);
        }
        using (var anonymous = app.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SealedBids.UnsealAsync(anonymous, lot.LotId, bid.Key)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await UnsealAsync(Sme, Guid.NewGuid(), bid.Key)).StatusCode);
        await AssertStillSealedAsync(bid, version: 1);

        await UnsealedAsync(Sme, lot.LotId, bid.Key);
        var again = await UnsealAsync(Sme, lot.LotId, bid.Key);

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already opened");
        Assert.Equal((BidStatus.Opened, 2), ((await StoredBidAsync(bid.BidId)).Status, (await StoredBidAsync(bid.BidId)).Version));
    }

    [Fact]
    public async Task ARequestJustAfterTheDeadlineBeginsTheOpeningItselfAndNoneIsTakenAfterTheWindow()
    {
        var lot = await PublishedLotAsync();
        var early = await BidAsync(Sme, lot.LotId);
        var late = await BidAsync(Large, lot.LotId, 790_000m);

        // The job has not run yet: the unsealing begins the opening.
        PassDeadline(lot);
        Assert.Equal("opened", (await UnsealedAsync(Sme, lot.LotId, early.Key)).GetProperty("status").GetString());
        Assert.Equal(LotStatus.Opening, await LotStatusAsync(lot.LotId));
        Assert.Contains($"opening:{lot.LotId:N}", await NotificationKeysAsync(Large, lot.LotId));

        PassWindow(lot);
        await AssertProblemAsync(await UnsealAsync(Large, lot.LotId, late.Key), HttpStatusCode.Conflict, "window has ended");
        await AssertStillSealedAsync(late, version: 1);
    }

    public static TheoryData<string, string, string> InvalidContents => new()
    {
        { "this is not JSON", "notBidContent", "不是投标" },
        { """{"priceYuan":"850000","proposal":"方案"}""", "notBidContent", "不是投标" },
        { """{"priceYuan":0,"proposal":"方案"}""", "priceNotPositive", "不大于零" },
        { """{"priceYuan":-5,"proposal":"方案"}""", "priceNotPositive", "不大于零" },
        { """{"priceYuan":1000.001,"proposal":"方案"}""", "priceNotInFen", "两位小数" },
        { """{"priceYuan":1000,"proposal":"  "}""", "proposalMissing", "没有技术方案" },
    };

    [Theory]
    [MemberData(nameof(InvalidContents))]
    public async Task ABidThatOpensButFailsItsChecksIsInvalidWithTheReason(string plaintext, string reasonCode, string reason)
    {
        var lot = await PublishedLotAsync();
        var bid = await BidAsync(Sme, lot.LotId, plaintext: Encoding.UTF8.GetBytes(plaintext));
        await BeginOpeningAsync(lot);

        // The reason is written in the reader's language: the portal's default, zh-CN, for a client that asks for none.
        var opened = await UnsealedAsync(Sme, lot.LotId, bid.Key, language: null);

        Assert.Equal("invalid", opened.GetProperty("status").GetString());
        Assert.Equal(reasonCode, opened.GetProperty("reasonCode").GetString());
        Assert.Contains(reason, opened.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("priceYuan").ValueKind);
        var stored = await StoredBidAsync(bid.BidId);
        Assert.Equal((BidStatus.Invalid, (decimal?)null), (stored.Status, stored.PriceYuan));
        // An invalid bid is opened all the same: the opening completes, and the record says why.
        Assert.Equal(LotStatus.Closed, await LotStatusAsync(lot.LotId));
        using var officer = await app.CreateClientForAsync(Officer, language: null);
        var row = Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/opening")).GetProperty("bids").EnumerateArray());
        Assert.Equal(("invalid", reasonCode), (row.GetProperty("status").GetString(), row.GetProperty("reasonCode").GetString()));
        Assert.Contains(reason, row.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AnAttachmentThatIsNotAPdfOrDoesNotOpenMakesTheBidInvalidNamingIt()
    {
        var notPdfLot = await PublishedLotAsync();
        var notPdf = await BidAsync(Sme, notPdfLot.LotId);
        await AttachAsync(Sme, notPdfLot.LotId, "x.pdf", ReferenceSealer.SealAttachment(notPdf.Key, notPdfLot.LotId, "x.pdf", Encoding.UTF8.GetBytes("A text file named like a PDF.\n%%EOF")));
        var otherKeyLot = await PublishedLotAsync();
        var otherKey = await BidAsync(Sme, otherKeyLot.LotId);
        await AttachAsync(Sme, otherKeyLot.LotId, "报价单.pdf", ReferenceSealer.SealAttachment(ReferenceSealer.NewKey(), otherKeyLot.LotId, "报价单.pdf", TestPdf.Create("price list")));
        app.Clock.Advance(otherKeyLot.Deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await SealedBids.RunOpeningJobAsync(app);

        var first = await UnsealedAsync(Sme, notPdfLot.LotId, notPdf.Key);
        var second = await UnsealedAsync(Sme, otherKeyLot.LotId, otherKey.Key);

        Assert.Equal(("invalid", "attachmentNotPdf"), (first.GetProperty("status").GetString(), first.GetProperty("reasonCode").GetString()));
        Assert.Contains("x.pdf", first.GetProperty("reason").GetString());
        Assert.Equal(("invalid", "attachmentNotOpened"), (second.GetProperty("status").GetString(), second.GetProperty("reasonCode").GetString()));
        Assert.Contains("报价单.pdf", second.GetProperty("reason").GetString());
        Assert.Equal(BidStatus.Invalid, (await StoredBidAsync(notPdf.BidId)).Status);
        Assert.Equal(BidStatus.Invalid, (await StoredBidAsync(otherKey.BidId)).Status);
    }

    [Fact]
    public async Task AtTheEndOfTheWindowBidsLeftSealedAreVoidTheLotClosesAndEveryoneIsTold()
    {
        var lot = await PublishedLotAsync();
        var opened = await BidAsync(Sme, lot.LotId, 850_000m);
        var left = await BidAsync(Large, lot.LotId, 790_000m);
        await BeginOpeningAsync(lot);
        await UnsealedAsync(Sme, lot.LotId, opened.Key);
        Assert.Equal(LotStatus.Opening, await LotStatusAsync(lot.LotId));

        app.Clock.Advance(lot.Deadline + Window - app.Clock.GetUtcNow() - TimeSpan.FromSeconds(5));
        await SealedBids.RunOpeningJobAsync(app);
        Assert.Equal(LotStatus.Opening, await LotStatusAsync(lot.LotId));
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        await SealedBids.RunOpeningJobAsync(app);

        Assert.Equal(LotStatus.Closed, await LotStatusAsync(lot.LotId));
        var voided = await StoredBidAsync(left.BidId);
        Assert.Equal((BidStatus.Void, OpeningFault.NotDecrypted, (decimal?)null), (voided.Status, voided.Fault, voided.PriceYuan));
        Assert.Equal(BidStatus.Opened, (await StoredBidAsync(opened.BidId)).Status);
        foreach (var email in new[] { Sme, Large, Officer })
        {
            Assert.Contains($"opening-record:{lot.LotId:N}", await NotificationKeysAsync(email, lot.LotId));
        }
        Assert.NotNull(await MailAsync(Officer, $"“{lot.Title}”开标记录已公布"));
        using var officer = await app.CreateClientForAsync(Officer);
        var bids = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/bids")).GetProperty("items").EnumerateArray().ToList();
        var voidRow = bids.Single(b => b.GetProperty("id").GetGuid() == left.BidId);
        Assert.Equal(("void", "notDecrypted", JsonValueKind.Null), (voidRow.GetProperty("status").GetString(), voidRow.GetProperty("reasonCode").GetString(), voidRow.GetProperty("priceYuan").ValueKind));
        // Too late for the bidder who did not decrypt: its bid stays void.
        await AssertProblemAsync(await UnsealAsync(Large, lot.LotId, left.Key), HttpStatusCode.Conflict, "not decrypted within the opening window");
        Assert.Equal(BidStatus.Void, (await StoredBidAsync(left.BidId)).Status);
    }

    [Fact]
    public async Task APortalRestartedInTheMiddleOfAnOpeningCompletesIt()
    {
        var lot = await PublishedLotAsync();
        var opened = await BidAsync(Sme, lot.LotId, 850_000m);
        var left = await BidAsync(Large, lot.LotId, 790_000m);
        await BeginOpeningAsync(lot);
        await UnsealedAsync(Sme, lot.LotId, opened.Key);

        // The portal is down while the window ends; a second start on the same database (its own index directory:
        // the running portal holds the lock on the first one) runs the job at start.
        PassWindow(lot);
        await using (var restarted = app.WithWebHostBuilder(b => b.UseSetting("Storage:DataDirectory", Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")))))
        {
            _ = restarted.Services;
            Assert.Equal(LotStatus.Closed, await LotStatusAsync(lot.LotId));
        }

        Assert.Equal(BidStatus.Void, (await StoredBidAsync(left.BidId)).Status);
        var kept = await StoredBidAsync(opened.BidId);
        Assert.Equal((BidStatus.Opened, 850_000m), (kept.Status, kept.PriceYuan));
        Assert.Contains($"opening-record:{lot.LotId:N}", await NotificationKeysAsync(Large, lot.LotId));
    }

    [Fact]
    public async Task TheOpeningRecordListsEveryBidderWithItsStatusPriceAndReceipt()
    {
        var lot = await PublishedLotAsync();
        var opened = await BidAsync(Sme, lot.LotId, 850_000m);
        var left = await BidAsync(Large, lot.LotId, 790_000m);
        using (var officerBefore = await app.CreateClientForAsync(Officer))
        {
            await AssertProblemAsync(await officerBefore.GetAsync($"/api/v1/lots/{lot.LotId}/opening"), HttpStatusCode.Conflict, "opening");
        }
        await BeginOpeningAsync(lot);
        using (var officerInWindow = await app.CreateClientForAsync(Officer))
        {
            // During the window the record shows the bids still sealed, without a price.
            var during = await officerInWindow.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/opening");
            Assert.All(during.GetProperty("bids").EnumerateArray(), b =>
                Assert.Equal(("sealed", JsonValueKind.Null), (b.GetProperty("status").GetString(), b.GetProperty("priceYuan").ValueKind)));
        }
        await UnsealedAsync(Sme, lot.LotId, opened.Key);
        PassWindow(lot);
        await SealedBids.RunOpeningJobAsync(app);

        using var officer = await app.CreateClientForAsync(Officer);
        var record = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/opening");

        var names = await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == lot.LotId)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { b.Id, s.Name }).ToDictionaryAsync(x => x.Id, x => x.Name));
        Assert.Equal(lot.LotId, record.GetProperty("lotId").GetGuid());
        Assert.Equal(lot.Deadline.UtcDateTime + Window, record.GetProperty("windowEndsAt").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(lot.Deadline.UtcDateTime, record.GetProperty("openedAt").GetDateTime(), TimeSpan.FromMinutes(2));
        var rows = record.GetProperty("bids").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        foreach (var (bid, status, size, price) in new[] { (opened, "opened", "small", (decimal?)850_000m), (left, "void", "large", null) })
        {
            var row = rows.Single(r => r.GetProperty("sha256").GetString() == bid.Receipt.GetProperty("sha256").GetString());
            Assert.Equal(names[bid.BidId], row.GetProperty("supplierName").GetString());
            Assert.Equal(size, row.GetProperty("sizeClass").GetString());
            Assert.Equal(status, row.GetProperty("status").GetString());
            Assert.Equal(price, row.GetProperty("priceYuan").ValueKind == JsonValueKind.Null ? null : row.GetProperty("priceYuan").GetDecimal());
            Assert.Equal(bid.Receipt.GetProperty("submittedAt").GetDateTime(), row.GetProperty("submittedAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
            Assert.Equal(ReferenceSealer.Receipt(lot.LotId, bid.Envelope), row.GetProperty("sha256").GetString());
        }
        var voidRow = rows.Single(r => r.GetProperty("status").GetString() == "void");
        Assert.False(string.IsNullOrWhiteSpace(voidRow.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("status").GetString() == "opened").GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task TheOpeningRecordIsForTheLotsPartiesUntilTheAwardThenPublic()
    {
        var lot = await PublishedLotAsync("evaluator@demo.local");
        var bid = await BidAsync(Sme, lot.LotId);
        await SealedBids.OpenAsync(app, lot.Deadline, lot.LotId, (Sme, bid.Key));
        var url = $"/api/v1/lots/{lot.LotId}/opening";

        using (var anonymous = app.CreateHttpClient())
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
            Assert.DoesNotContain("850000", await response.Content.ReadAsStringAsync());
        }
        foreach (var email in new[] { Large, "evaluator2@demo.local" })
        {
            using var other = await app.CreateClientForAsync(email);
            var response = await other.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} got {response.StatusCode}");
        }
        foreach (var email in new[] { Sme, Officer, "evaluator@demo.local", "official@demo.local", "admin@demo.local" })
        {
            using var reader = await app.CreateClientForAsync(email);
            var response = await reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} got {response.StatusCode}");
            Assert.Equal(850_000m, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bids")[0].GetProperty("priceYuan").GetDecimal());
        }

        var awarded = await AwardedLots.ArrangeAsync(app);
        using var visitor = app.CreateHttpClient();
        var open = await visitor.GetAsync($"/api/v1/lots/{awarded.LotId}/opening");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var row = Assert.Single((await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bids").EnumerateArray());
        Assert.Equal(("opened", awarded.PriceYuan), (row.GetProperty("status").GetString(), row.GetProperty("priceYuan").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/v1/lots/{Guid.NewGuid()}/opening")).StatusCode);
    }

    /// <summary>Bodies of <c>POST /lots/{id}/bids</c> whose envelope is malformed, and the field the 400 (or 413) names.</summary>
    public static TheoryData<string, string, HttpStatusCode> MalformedEnvelopes
    {
        get
        {
            var iv = Convert.ToBase64String(new byte[12]);
            var ciphertext = Convert.ToBase64String(new byte[64]);
            string Body(string? format, string? ivText, string? ciphertextText) =>
                JsonSerializer.Serialize(new { @sealed = new { format, iv = ivText, ciphertext = ciphertextText } });
            return new()
            {
                { "{}", "sealed", HttpStatusCode.BadRequest },
                { """{"priceYuan":850000,"proposal":"方案"}""", "sealed", HttpStatusCode.BadRequest },
                { Body(null, iv, ciphertext), "sealed.format", HttpStatusCode.BadRequest },
                { Body("sealed-bid/2", iv, ciphertext), "sealed.format", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", null, ciphertext), "sealed.iv", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", "not*base64", ciphertext), "sealed.iv", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", Convert.ToBase64String(new byte[8]), ciphertext), "sealed.iv", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", Convert.ToBase64String(new byte[16]), ciphertext), "sealed.iv", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", iv, null), "sealed.ciphertext", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", iv, "@@@@"), "sealed.ciphertext", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", iv, Convert.ToBase64String(new byte[16])), "sealed.ciphertext", HttpStatusCode.BadRequest },
                { Body("sealed-bid/1", iv, Convert.ToBase64String(new byte[SealedEnvelope.MaxCiphertextBytes + 1])), "sealed.ciphertext", HttpStatusCode.RequestEntityTooLarge },
            };
        }
    }

    [Theory]
    [MemberData(nameof(MalformedEnvelopes))]
    public async Task AMalformedEnvelopeIsRefusedNamingTheFieldAndNothingIsWritten(string body, string field, HttpStatusCode status)
    {
        var lot = await PublishedLotAsync();
        using var sme = await app.CreateClientForAsync(Sme);

        var response = await sme.PostAsync($"/api/v1/lots/{lot.LotId}/bids", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode is >= 400 and < 500);
        await AssertNamesFieldAsync(response, status, field);
        Assert.Equal(0, await BidCountAsync(lot.LotId));
    }

    [Fact]
    public async Task AMalformedEnvelopeDoesNotTouchTheBidItWouldReplace()
    {
        var lot = await PublishedLotAsync();
        var bid = await BidAsync(Sme, lot.LotId);
        using var sme = await app.CreateClientForAsync(Sme);

        var response = await sme.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/bids",
            new { @sealed = new { format = "sealed-bid/1", iv = Convert.ToBase64String(new byte[12]), ciphertext = Convert.ToBase64String(new byte[10]) } });

        await AssertNamesFieldAsync(response, HttpStatusCode.BadRequest, "sealed.ciphertext");
        var stored = await StoredBidAsync(bid.BidId);
        Assert.Equal((1, bid.Receipt.GetProperty("sha256").GetString()), (stored.Version, stored.Sha256));
    }
}

public sealed class SqliteOpeningApiTests(SqliteOpeningApp app) : OpeningApiTests<SqliteOpeningApp>(app);

public sealed class PostgresOpeningApiTests(PostgresOpeningApp app) : OpeningApiTests<PostgresOpeningApp>(app);

/// <summary>
/// Own app instances: these tests move the clock past deadlines and windows; and the portal sends its e-mail to a test
/// SMTP server of its own.
/// </summary>
public abstract class OpeningApp(DatabaseProvider provider) : PortalApp(provider)
{
    public SmtpSink Mail { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Smtp:Host", "127.0.0.1"),
        ("Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Smtp:From", "portal@example.test"),
        ("Smtp:PortalUrl", "https://portal.example.test"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Mail.Dispose();
    }
}

public sealed class SqliteOpeningApp() : OpeningApp(DatabaseProvider.Sqlite);

public sealed class PostgresOpeningApp() : OpeningApp(DatabaseProvider.Postgres);
