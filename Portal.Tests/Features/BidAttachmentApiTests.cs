using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;

using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// PDF attachments of sealed bids through the API, on SQLite and PostgreSQL: each is sealed by the bidder under its
/// bid's key (iv ‖ ciphertext ‖ tag), stored as uploaded with its SHA-256 and sealed into the receipt, and read
/// decrypted only from the opening on; every refusal says why and leaves neither a row nor a file behind.
/// </summary>
public abstract class BidAttachmentApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Sme = "sme@demo.local";

    private string AttachmentsDirectory => Path.Combine(app.Services.GetRequiredService<StorageOptions>().DataDirectory, "attachments");

    /// <summary>A published lot reserved for SMEs, without requirements, closing in 14 days; and its deadline.</summary>
    private async Task<(Guid LotId, DateTimeOffset Deadline)> OpenLotAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var deadline = app.Clock.GetUtcNow().AddDays(14);
        var tender = await scope.ServiceProvider.GetRequiredService<TenderService>().CreateWithLotsAsync(
            new TenderInput("社区智能门禁", "老旧小区出入口门禁改造。", "杭州市上城区住房和城乡建设局", 1_000_000m, "community-apps"),
            [new LotInput("标段1：门禁", "人脸识别门禁。", 900_000m, true, [], [new("价格", 30, true), new("技术", 70, false)])],
            deadline);
        return (tender.Lots.Single().Id, deadline);
    }

    /// <summary>An open lot on which the demo SME has an active sealed bid: the bid's first receipt, its envelope and key.</summary>
    private async Task<SealedLot> LotWithBidAsync(HttpClient sme)
    {
        var (lotId, deadline) = await OpenLotAsync();
        var key = ReferenceSealer.NewKey();
        var body = ReferenceSealer.SealBid(key, lotId, 850_000m, "人脸识别门禁，大字版界面。");
        var bid = await sme.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids", body);
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        return new SealedLot(lotId, deadline, await bid.Content.ReadFromJsonAsync<JsonElement>(), body.Sealed, key);
    }

    private sealed record SealedLot(Guid LotId, DateTimeOffset Deadline, JsonElement Receipt, SealedPart Envelope, byte[] Key)
    {
        public Guid BidId => Receipt.GetProperty("bidId").GetGuid();

        public byte[] Seal(string fileName, byte[] document) => ReferenceSealer.SealAttachment(Key, LotId, fileName, document);
    }

    /// <summary>Uploads bytes as they are: <c>fileName</c> first, then <c>file</c>.</summary>
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid lotId, byte[] upload, string fileName = "技术方案.pdf")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(fileName), "fileName" },
            { new ByteArrayContent(upload), "file", "sealed.bin" },
        };
        return client.PostAsync($"/api/v1/lots/{lotId}/bids/mine/attachments", form);
    }

    /// <summary>Seals a document under the bid's key and uploads it; asserts the 201.</summary>
    private static async Task<JsonElement> AttachedAsync(HttpClient client, SealedLot lot, byte[] document, string fileName = "技术方案.pdf") =>
        await UploadedAsync(client, lot.LotId, lot.Seal(fileName, document), fileName);

    private static async Task<JsonElement> UploadedAsync(HttpClient client, Guid lotId, byte[] upload, string fileName)
    {
        var response = await UploadAsync(client, lotId, upload, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<List<BidAttachment>> StoredAttachmentsAsync(Guid lotId) =>
        app.WithDbAsync(db => db.Bids.AsNoTracking().Where(b => b.LotId == lotId).SelectMany(b => b.Attachments).ToListAsync());

    private Task<Bid> StoredBidAsync(Guid lotId) => app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));

    private string FileOf(Guid bidId, Guid attachmentId) => app.Services.GetRequiredService<AttachmentStore>().PathOf(bidId, attachmentId);

    /// <summary>Nothing of a refused upload is left: no row, no file of the bid, no temporary file.</summary>
    private async Task AssertNothingWrittenAsync(Guid lotId, int version)
    {
        Assert.Empty(await StoredAttachmentsAsync(lotId));
        var bid = await app.WithDbAsync(db => db.Bids.AsNoTracking().SingleOrDefaultAsync(b => b.LotId == lotId));
        if (bid is not null)
        {
            Assert.Equal(version, bid.Version);
            var bidDirectory = Path.Combine(AttachmentsDirectory, bid.Id.ToString("N"));
            Assert.False(Directory.Exists(bidDirectory) && Directory.EnumerateFiles(bidDirectory).Any(), "a file was left for the bid");
        }
        var incoming = Path.Combine(AttachmentsDirectory, "incoming");
        Assert.False(Directory.Exists(incoming) && Directory.EnumerateFiles(incoming).Any(), "a temporary file was left");
    }

    private async Task AssignEvaluatorAsync(Guid lotId, string email) => await app.WithDbAsync(async db =>
    {
        var lot = await db.Lots.SingleAsync(l => l.Id == lotId);
        lot.AssignEvaluators([(await db.Users.SingleAsync(u => u.Email == email)).Id]);
        return await db.SaveChangesAsync();
    });

    private void PassDeadline(DateTimeOffset deadline) => app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task ASealedPdfIsStoredAsUploadedWithItsSha256AndSealedIntoANewReceipt()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var pdf = TestPdf.Create("Technical proposal: face recognition gates");
        var upload = lot.Seal("技术方案.pdf", pdf);

        var attached = await UploadedAsync(sme, lot.LotId, upload, "技术方案.pdf");
        var mine = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/bids/mine");

        var id = attached.GetProperty("id").GetGuid();
        var receipt = attached.GetProperty("receipt");
        Assert.Equal("技术方案.pdf", attached.GetProperty("fileName").GetString());
        Assert.Equal(upload.Length, attached.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(Sha256Of(upload), attached.GetProperty("sha256").GetString());
        // The portal keeps the upload as sealed: the file is the ciphertext, not the document.
        var stored = await File.ReadAllBytesAsync(FileOf(lot.BidId, id));
        Assert.Equal(upload, stored);
        Assert.False(stored.AsSpan().IndexOf("%PDF-"u8) >= 0, "the stored file holds the PDF in plain");
        Assert.Equal(lot.BidId, receipt.GetProperty("bidId").GetGuid());
        Assert.Equal(2, receipt.GetProperty("version").GetInt32());
        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, lot.Envelope, ("技术方案.pdf", upload)), receipt.GetProperty("sha256").GetString());
        Assert.NotEqual(lot.Receipt.GetProperty("sha256").GetString(), receipt.GetProperty("sha256").GetString());
        Assert.Equal(receipt.GetProperty("sha256").GetString(), mine.GetProperty("sha256").GetString());
        var listed = Assert.Single(mine.GetProperty("attachments").EnumerateArray());
        Assert.Equal((id, Sha256Of(upload)), (listed.GetProperty("id").GetGuid(), listed.GetProperty("sha256").GetString()));
        var row = Assert.Single(await StoredAttachmentsAsync(lot.LotId));
        Assert.Equal((id, (long)upload.Length), (row.Id, row.SizeBytes));
    }

    [Fact]
    public async Task TheReceiptCoversEveryAttachmentInTheOrderAttached()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var one = lot.Seal("one.pdf", TestPdf.Create("one"));
        var two = lot.Seal("two.pdf", TestPdf.Create("two"));

        await UploadedAsync(sme, lot.LotId, one, "one.pdf");
        var last = await UploadedAsync(sme, lot.LotId, two, "two.pdf");

        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, lot.Envelope, ("one.pdf", one), ("two.pdf", two)), last.GetProperty("receipt").GetProperty("sha256").GetString());
        Assert.Equal(last.GetProperty("receipt").GetProperty("sha256").GetString(), (await StoredBidAsync(lot.LotId)).Sha256);
    }

    public static TheoryData<int> TooShort => new() { 0, 1, 12 + 16 };

    [Theory]
    [MemberData(nameof(TooShort))]
    public async Task AnUploadTooShortToBeSealedIsRefusedNamingFileAndNothingIsWritten(int length)
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);

        var response = await UploadAsync(sme, lot.LotId, new byte[length]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        await AssertNothingWrittenAsync(lot.LotId, version: 1);
    }

    [Theory]
    [InlineData(64 * 1024 + 1)]
    [InlineData(1024 * 1024)]
    public async Task ADocumentOverTheLimitIsRefusedNamingTheLimitAndNothingIsWritten(int size)
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);

        var response = await UploadAsync(sme, lot.LotId, lot.Seal("技术方案.pdf", TestPdf.Create("large", minimumBytes: size)));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "64 KB");
        await AssertNothingWrittenAsync(lot.LotId, version: 1);
    }

    [Fact]
    public async Task ADocumentJustAtTheLimitIsAccepted()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var pdf = TestPdf.Create("at the limit", minimumBytes: 64 * 1024);

        var attached = await AttachedAsync(sme, lot, pdf);

        Assert.Equal(64 * 1024, pdf.Length);
        // Stored as sealed: the document with its 12-byte iv and 16-byte tag.
        Assert.Equal(64 * 1024 + 28, attached.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task WithoutAnActiveBidThereIsNothingToAttachTo()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (noBidLot, _) = await OpenLotAsync();
        var withdrawn = await LotWithBidAsync(sme);
        Assert.Equal(HttpStatusCode.OK, (await sme.DeleteAsync($"/api/v1/lots/{withdrawn.LotId}/bids/mine")).StatusCode);
        var upload = withdrawn.Seal("技术方案.pdf", TestPdf.Create("no bid"));

        await AssertProblemAsync(await UploadAsync(sme, noBidLot, upload), HttpStatusCode.Conflict, "no bid");
        await AssertProblemAsync(await UploadAsync(sme, withdrawn.LotId, upload), HttpStatusCode.Conflict, "withdrawn");
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(sme, Guid.NewGuid(), upload)).StatusCode);
        await AssertNothingWrittenAsync(noBidLot, version: 0);
        await AssertNothingWrittenAsync(withdrawn.LotId, version: 2);
    }

    [Fact]
    public async Task AfterTheDeadlineNoDocumentIsAttachedOrRemoved()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lot, TestPdf.Create("on time"));

        PassDeadline(lot.Deadline);
        using var smeAfter = await app.CreateClientForAsync(Sme);
        var late = await UploadAsync(smeAfter, lot.LotId, lot.Seal("late.pdf", TestPdf.Create("too late")), "late.pdf");
        var removal = await smeAfter.DeleteAsync($"/api/v1/lots/{lot.LotId}/bids/mine/attachments/{attached.GetProperty("id").GetGuid()}");

        await AssertProblemAsync(late, HttpStatusCode.Conflict, "deadline");
        await AssertProblemAsync(removal, HttpStatusCode.Conflict, "deadline");
        Assert.Equal(attached.GetProperty("id").GetGuid(), Assert.Single(await StoredAttachmentsAsync(lot.LotId)).Id);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(AttachmentsDirectory, lot.BidId.ToString("N"))));
        Assert.Equal(2, (await StoredBidAsync(lot.LotId)).Version);
    }

    [Fact]
    public async Task AttachmentsAreReadByNobodyBeforeTheOpeningAndDecryptedForTheLotsReadersAfterIt()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        await AssignEvaluatorAsync(lot.LotId, "evaluator@demo.local");
        var pdf = TestPdf.Create("Sealed price breakdown");
        var attached = await AttachedAsync(sme, lot, pdf);
        var url = $"/api/v1/lots/{lot.LotId}/bids/{lot.BidId}/attachments/{attached.GetProperty("id").GetGuid()}";

        foreach (var email in new[] { "officer@demo.local", "evaluator@demo.local", "large@demo.local", "admin@demo.local" })
        {
            using var client = await app.CreateClientForAsync(email);
            await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.Forbidden, email == "large@demo.local" || email == "admin@demo.local" ? "only the bidder" : "sealed until the deadline");
        }
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        // Not even its bidder reads it through the portal before the opening: the portal holds no key.
        await AssertProblemAsync(await sme.GetAsync(url), HttpStatusCode.Conflict, "sealed");

        await SealedBids.OpenAsync(app, lot.Deadline, lot.LotId, (Sme, lot.Key));

        foreach (var email in new[] { "officer@demo.local", "evaluator@demo.local", Sme })
        {
            using var client = await app.CreateClientForAsync(email);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        }
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var bids = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/bids");
        Assert.Equal(attached.GetProperty("sha256").GetString(), Assert.Single(bids.GetProperty("items")[0].GetProperty("attachments").EnumerateArray()).GetProperty("sha256").GetString());
        foreach (var email in new[] { "large@demo.local", "evaluator2@demo.local", "official@demo.local" })
        {
            using var client = await app.CreateClientForAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task AStoredFileThatNoLongerMatchesItsSealedHashIsNotServed()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lot, TestPdf.Create("original"));
        var id = attached.GetProperty("id").GetGuid();
        await SealedBids.OpenAsync(app, lot.Deadline, lot.LotId, (Sme, lot.Key));
        await File.WriteAllBytesAsync(FileOf(lot.BidId, id), lot.Seal("技术方案.pdf", TestPdf.Create("tampered")));

        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var response = await officer.GetAsync($"/api/v1/lots/{lot.LotId}/bids/{lot.BidId}/attachments/{id}");

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "does not match the SHA-256");
    }

    [Fact]
    public async Task AFileAlteredBeforeTheOpeningMakesTheBidInvalid()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lot, TestPdf.Create("original"));
        // Even re-sealed under the bid's own key: the receipt holds the SHA-256 of what was uploaded.
        await File.WriteAllBytesAsync(FileOf(lot.BidId, attached.GetProperty("id").GetGuid()), lot.Seal("技术方案.pdf", TestPdf.Create("swapped")));
        PassDeadline(lot.Deadline);
        await SealedBids.RunOpeningJobAsync(app);

        using var smeAfter = await app.CreateClientForAsync(Sme);
        var opened = await (await SealedBids.UnsealAsync(smeAfter, lot.LotId, lot.Key)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("invalid", "attachmentAltered"), (opened.GetProperty("status").GetString(), opened.GetProperty("reasonCode").GetString()));
        Assert.Contains("技术方案.pdf", opened.GetProperty("reason").GetString());
        Assert.Equal(BidStatus.Invalid, (await StoredBidAsync(lot.LotId)).Status);
    }

    [Fact]
    public async Task RemovingAnAttachmentDeletesItsFileAndRenewsTheReceipt()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var keptUpload = lot.Seal("kept.pdf", TestPdf.Create("kept"));
        var kept = await UploadedAsync(sme, lot.LotId, keptUpload, "kept.pdf");
        var removed = await AttachedAsync(sme, lot, TestPdf.Create("removed"), "removed.pdf");
        var removedId = removed.GetProperty("id").GetGuid();

        var response = await sme.DeleteAsync($"/api/v1/lots/{lot.LotId}/bids/mine/attachments/{removedId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, receipt.GetProperty("version").GetInt32());
        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, lot.Envelope, ("kept.pdf", keptUpload)), receipt.GetProperty("sha256").GetString());
        Assert.False(File.Exists(FileOf(lot.BidId, removedId)));
        Assert.True(File.Exists(FileOf(lot.BidId, kept.GetProperty("id").GetGuid())));
        var bid = await StoredBidAsync(lot.LotId);
        Assert.Equal((receipt.GetProperty("sha256").GetString(), "kept.pdf"), (bid.Sha256, Assert.Single(bid.Attachments).FileName));
        Assert.Equal(HttpStatusCode.BadRequest, (await sme.DeleteAsync($"/api/v1/lots/{lot.LotId}/bids/mine/attachments/{removedId}")).StatusCode);
    }

    [Fact]
    public async Task WithdrawingABidDeletesTheFilesOfItsAttachments()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var attached = new[] { await AttachedAsync(sme, lot, TestPdf.Create("one"), "one.pdf"), await AttachedAsync(sme, lot, TestPdf.Create("two"), "two.pdf") };

        Assert.Equal(HttpStatusCode.OK, (await sme.DeleteAsync($"/api/v1/lots/{lot.LotId}/bids/mine")).StatusCode);

        Assert.All(attached, a => Assert.False(File.Exists(FileOf(lot.BidId, a.GetProperty("id").GetGuid()))));
        Assert.Empty(await StoredAttachmentsAsync(lot.LotId));
    }

    [Fact]
    public async Task ReplacingABidDropsTheDocumentsSealedUnderItsOldKey()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lot, TestPdf.Create("sealed under the first key"));
        var newKey = ReferenceSealer.NewKey();
        var newBody = ReferenceSealer.SealBid(newKey, lot.LotId, 820_000m, "新方案");

        var replaced = await sme.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/bids", newBody);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var receipt = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((lot.BidId, 3, 1), (receipt.GetProperty("bidId").GetGuid(), receipt.GetProperty("version").GetInt32(), receipt.GetProperty("droppedAttachments").GetInt32()));
        Assert.Equal(ReferenceSealer.Receipt(lot.LotId, newBody.Sealed), receipt.GetProperty("sha256").GetString());
        Assert.Empty(await StoredAttachmentsAsync(lot.LotId));
        Assert.False(File.Exists(FileOf(lot.BidId, attached.GetProperty("id").GetGuid())));
        var mine = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lot.LotId}/bids/mine");
        Assert.Empty(mine.GetProperty("attachments").EnumerateArray());
        // Attached again under the new key, the document opens with the bid.
        var pdf = TestPdf.Create("sealed under the new key");
        await UploadedAsync(sme, lot.LotId, ReferenceSealer.SealAttachment(newKey, lot.LotId, "技术方案.pdf", pdf), "技术方案.pdf");
        await SealedBids.OpenAsync(app, lot.Deadline, lot.LotId, (Sme, newKey));
        Assert.Equal(BidStatus.Opened, (await StoredBidAsync(lot.LotId)).Status);
    }

    [Fact]
    public async Task TheEleventhAttachmentAndTheSameNameTwiceAreRefused()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);
        for (var i = 1; i <= Bid.MaxAttachments; i++)
        {
            await AttachedAsync(sme, lot, TestPdf.Create($"document {i}"), $"document-{i}.pdf");
        }

        var eleventh = await UploadAsync(sme, lot.LotId, lot.Seal("document-11.pdf", TestPdf.Create("document 11")), "document-11.pdf");
        await sme.DeleteAsync($"/api/v1/lots/{lot.LotId}/bids/mine/attachments/{(await StoredAttachmentsAsync(lot.LotId))[0].Id}");
        var again = await UploadAsync(sme, lot.LotId, lot.Seal("document-2.pdf", TestPdf.Create("document 2 again")), "document-2.pdf");

        await AssertProblemAsync(eleventh, HttpStatusCode.Conflict, "at most 10");
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already has a document with this name");
        Assert.Equal(Bid.MaxAttachments - 1, (await StoredAttachmentsAsync(lot.LotId)).Count);
        var bidDirectory = Path.Combine(AttachmentsDirectory, lot.BidId.ToString("N"));
        Assert.Equal(Bid.MaxAttachments - 1, Directory.EnumerateFiles(bidDirectory).Count());
    }

    [Fact]
    public async Task AnUploadWithoutAFileFieldIsABadRequest()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var lot = await LotWithBidAsync(sme);

        var form = new MultipartFormDataContent { { new StringContent("not a file"), "note" } };
        var response = await sme.PostAsync($"/api/v1/lots/{lot.LotId}/bids/mine/attachments", form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "field named file");
        await AssertNothingWrittenAsync(lot.LotId, version: 1);
    }
}

public sealed class SqliteBidAttachmentApiTests(SqliteAttachmentApp app) : BidAttachmentApiTests<SqliteAttachmentApp>(app);

public sealed class PostgresBidAttachmentApiTests(PostgresAttachmentApp app) : BidAttachmentApiTests<PostgresAttachmentApp>(app);

/// <summary>Own app instances: these tests move the clock and use a 64 KB attachment limit.</summary>
public sealed class SqliteAttachmentApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Procurement:MaxAttachmentBytes", "65536")];
}

public sealed class PostgresAttachmentApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Procurement:MaxAttachmentBytes", "65536")];
}
