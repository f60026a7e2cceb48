using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
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
/// PDF attachments of sealed bids through the API, on SQLite and PostgreSQL: what is accepted is stored with its
/// SHA-256 and sealed into the receipt; every refusal says why and leaves neither a row nor a file behind.
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

    /// <summary>An open lot on which the demo SME has an active bid; the bid's first receipt.</summary>
    private async Task<(Guid LotId, DateTimeOffset Deadline, JsonElement Receipt)> LotWithBidAsync(HttpClient sme)
    {
        var (lotId, deadline) = await OpenLotAsync();
        var bid = await sme.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids", new { priceYuan = 850_000m, proposal = "人脸识别门禁，大字版界面。" });
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        return (lotId, deadline, await bid.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Task<HttpResponseMessage> AttachAsync(HttpClient client, Guid lotId, byte[] bytes, string fileName = "技术方案.pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PostAsync($"/api/v1/lots/{lotId}/bids/mine/attachments", form);
    }

    private static async Task<JsonElement> AttachedAsync(HttpClient client, Guid lotId, byte[] bytes, string fileName = "技术方案.pdf")
    {
        var response = await AttachAsync(client, lotId, bytes, fileName);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<List<BidAttachment>> StoredAttachmentsAsync(Guid lotId) =>
        app.WithDbAsync(db => db.Bids.AsNoTracking().Where(b => b.LotId == lotId).SelectMany(b => b.Attachments).ToListAsync());

    private Task<Bid> StoredBidAsync(Guid lotId) => app.WithDbAsync(db => db.Bids.AsNoTracking().SingleAsync(b => b.LotId == lotId));

    private string FileOf(Guid bidId, Guid attachmentId) => Path.Combine(AttachmentsDirectory, bidId.ToString("N"), attachmentId.ToString("N") + ".pdf");

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
    public async Task APdfIsStoredWithItsSha256AndSealedIntoANewReceipt()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, first) = await LotWithBidAsync(sme);
        var pdf = TestPdf.Create("Technical proposal: face recognition gates");

        var attached = await AttachedAsync(sme, lotId, pdf);
        var mine = await sme.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids/mine");

        var bidId = first.GetProperty("bidId").GetGuid();
        var id = attached.GetProperty("id").GetGuid();
        var receipt = attached.GetProperty("receipt");
        Assert.Equal("技术方案.pdf", attached.GetProperty("fileName").GetString());
        Assert.Equal(pdf.Length, attached.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(Sha256Of(pdf), attached.GetProperty("sha256").GetString());
        Assert.Equal(Sha256Of(pdf), Sha256Of(await File.ReadAllBytesAsync(FileOf(bidId, id))));
        Assert.Equal(bidId, receipt.GetProperty("bidId").GetGuid());
        Assert.Equal(2, receipt.GetProperty("version").GetInt32());
        Assert.NotEqual(first.GetProperty("sha256").GetString(), receipt.GetProperty("sha256").GetString());
        Assert.Equal(receipt.GetProperty("sha256").GetString(), mine.GetProperty("sha256").GetString());
        var listed = Assert.Single(mine.GetProperty("attachments").EnumerateArray());
        Assert.Equal((id, Sha256Of(pdf)), (listed.GetProperty("id").GetGuid(), listed.GetProperty("sha256").GetString()));
        var stored = Assert.Single(await StoredAttachmentsAsync(lotId));
        Assert.Equal((id, pdf.Length), (stored.Id, stored.SizeBytes));
    }

    public static TheoryData<string, byte[], string> NotPdfs => new()
    {
        { "x.pdf", Encoding.UTF8.GetBytes("This is a text file named like a PDF.\n%%EOF"), "not a PDF" },
        { "scan.pdf", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "not a PDF" },
        { "cut.pdf", TestPdf.Create("cut short")[..200], "%%EOF" },
        { "empty.pdf", [], "not a PDF" },
    };

    [Theory]
    [MemberData(nameof(NotPdfs))]
    public async Task BytesThatAreNotAPdfAreRefusedWhateverTheirNameAndNothingIsWritten(string fileName, byte[] bytes, string reason)
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);

        var response = await AttachAsync(sme, lotId, bytes, fileName);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        await AssertNothingWrittenAsync(lotId, version: 1);
    }

    [Theory]
    [InlineData(64 * 1024 + 1)]
    [InlineData(1024 * 1024)]
    public async Task AFileOverTheLimitIsRefusedNamingTheLimitAndNothingIsWritten(int size)
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);

        var response = await AttachAsync(sme, lotId, TestPdf.Create("large", minimumBytes: size));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "64 KB");
        await AssertNothingWrittenAsync(lotId, version: 1);
    }

    [Fact]
    public async Task AFileJustAtTheLimitIsAccepted()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);
        var pdf = TestPdf.Create("at the limit", minimumBytes: 64 * 1024);

        var attached = await AttachedAsync(sme, lotId, pdf);

        Assert.Equal(64 * 1024, pdf.Length);
        Assert.Equal(64 * 1024, attached.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task WithoutAnActiveBidThereIsNothingToAttachTo()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (noBidLot, _) = await OpenLotAsync();
        var (withdrawnLot, _, _) = await LotWithBidAsync(sme);
        Assert.Equal(HttpStatusCode.OK, (await sme.DeleteAsync($"/api/v1/lots/{withdrawnLot}/bids/mine")).StatusCode);
        var pdf = TestPdf.Create("no bid");

        await AssertProblemAsync(await AttachAsync(sme, noBidLot, pdf), HttpStatusCode.Conflict, "no bid");
        await AssertProblemAsync(await AttachAsync(sme, withdrawnLot, pdf), HttpStatusCode.Conflict, "withdrawn");
        Assert.Equal(HttpStatusCode.NotFound, (await AttachAsync(sme, Guid.NewGuid(), pdf)).StatusCode);
        await AssertNothingWrittenAsync(noBidLot, version: 0);
        await AssertNothingWrittenAsync(withdrawnLot, version: 2);
    }

    [Fact]
    public async Task AfterTheDeadlineNoDocumentIsAttachedOrRemovedAndTheLotCloses()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, deadline, _) = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lotId, TestPdf.Create("on time"));

        PassDeadline(deadline);
        using var smeAfter = await app.CreateClientForAsync(Sme);
        var late = await AttachAsync(smeAfter, lotId, TestPdf.Create("too late"));
        var removal = await smeAfter.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine/attachments/{attached.GetProperty("id").GetGuid()}");

        await AssertProblemAsync(late, HttpStatusCode.Conflict, "deadline");
        await AssertProblemAsync(removal, HttpStatusCode.Conflict, "deadline");
        Assert.Equal(LotStatus.Closed, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync()));
        Assert.Equal(attached.GetProperty("id").GetGuid(), Assert.Single(await StoredAttachmentsAsync(lotId)).Id);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(AttachmentsDirectory, attached.GetProperty("receipt").GetProperty("bidId").GetGuid().ToString("N"))));
    }

    [Fact]
    public async Task AttachmentsAreSealedFromEveryoneButTheBidderUntilTheDeadline()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, deadline, _) = await LotWithBidAsync(sme);
        await AssignEvaluatorAsync(lotId, "evaluator@demo.local");
        var pdf = TestPdf.Create("Sealed price breakdown");
        var attached = await AttachedAsync(sme, lotId, pdf);
        var url = $"/api/v1/lots/{lotId}/bids/{attached.GetProperty("receipt").GetProperty("bidId").GetGuid()}/attachments/{attached.GetProperty("id").GetGuid()}";

        foreach (var email in new[] { "officer@demo.local", "evaluator@demo.local", "large@demo.local", "admin@demo.local" })
        {
            using var client = await app.CreateClientForAsync(email);
            await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.Forbidden, email == "large@demo.local" || email == "admin@demo.local" ? "only the bidder" : "sealed until the deadline");
        }
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        var own = await sme.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await own.Content.ReadAsByteArrayAsync());

        PassDeadline(deadline);

        foreach (var email in new[] { "officer@demo.local", "evaluator@demo.local" })
        {
            using var client = await app.CreateClientForAsync(email);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        }
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var bids = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}/bids");
        Assert.Equal(Sha256Of(pdf), Assert.Single(bids.GetProperty("items")[0].GetProperty("attachments").EnumerateArray()).GetProperty("sha256").GetString());
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
        var (lotId, _, _) = await LotWithBidAsync(sme);
        var attached = await AttachedAsync(sme, lotId, TestPdf.Create("original"));
        var bidId = attached.GetProperty("receipt").GetProperty("bidId").GetGuid();
        var id = attached.GetProperty("id").GetGuid();
        await File.WriteAllBytesAsync(FileOf(bidId, id), TestPdf.Create("tampered"));

        var response = await sme.GetAsync($"/api/v1/lots/{lotId}/bids/{bidId}/attachments/{id}");

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "does not match the SHA-256");
    }

    [Fact]
    public async Task RemovingAnAttachmentDeletesItsFileAndRenewsTheReceipt()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);
        var kept = await AttachedAsync(sme, lotId, TestPdf.Create("kept"), "kept.pdf");
        var removed = await AttachedAsync(sme, lotId, TestPdf.Create("removed"), "removed.pdf");
        var bidId = removed.GetProperty("receipt").GetProperty("bidId").GetGuid();
        var removedId = removed.GetProperty("id").GetGuid();

        var response = await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine/attachments/{removedId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, receipt.GetProperty("version").GetInt32());
        Assert.NotEqual(removed.GetProperty("receipt").GetProperty("sha256").GetString(), receipt.GetProperty("sha256").GetString());
        Assert.False(File.Exists(FileOf(bidId, removedId)));
        Assert.True(File.Exists(FileOf(bidId, kept.GetProperty("id").GetGuid())));
        var bid = await StoredBidAsync(lotId);
        Assert.Equal((receipt.GetProperty("sha256").GetString(), "kept.pdf"), (bid.Sha256, Assert.Single(bid.Attachments).FileName));
        Assert.Equal(HttpStatusCode.BadRequest, (await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine/attachments/{removedId}")).StatusCode);
    }

    [Fact]
    public async Task WithdrawingABidDeletesTheFilesOfItsAttachments()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);
        var attached = new[] { await AttachedAsync(sme, lotId, TestPdf.Create("one")), await AttachedAsync(sme, lotId, TestPdf.Create("two")) };
        var bidId = attached[0].GetProperty("receipt").GetProperty("bidId").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine")).StatusCode);

        Assert.All(attached, a => Assert.False(File.Exists(FileOf(bidId, a.GetProperty("id").GetGuid()))));
        Assert.Empty(await StoredAttachmentsAsync(lotId));
    }

    [Fact]
    public async Task TheEleventhAttachmentAndTheSameDocumentTwiceAreRefused()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);
        for (var i = 1; i <= Bid.MaxAttachments; i++)
        {
            await AttachedAsync(sme, lotId, TestPdf.Create($"document {i}"), $"document-{i}.pdf");
        }

        var eleventh = await AttachAsync(sme, lotId, TestPdf.Create("document 11"));
        await sme.DeleteAsync($"/api/v1/lots/{lotId}/bids/mine/attachments/{(await StoredAttachmentsAsync(lotId))[0].Id}");
        var again = await AttachAsync(sme, lotId, TestPdf.Create("document 2"), "copy.pdf");

        await AssertProblemAsync(eleventh, HttpStatusCode.Conflict, "at most 10");
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "document-2.pdf");
        Assert.Equal(Bid.MaxAttachments - 1, (await StoredAttachmentsAsync(lotId)).Count);
        var bidDirectory = Path.Combine(AttachmentsDirectory, (await StoredBidAsync(lotId)).Id.ToString("N"));
        Assert.Equal(Bid.MaxAttachments - 1, Directory.EnumerateFiles(bidDirectory).Count());
    }

    [Fact]
    public async Task AnUploadWithoutAFileFieldIsABadRequest()
    {
        using var sme = await app.CreateClientForAsync(Sme);
        var (lotId, _, _) = await LotWithBidAsync(sme);

        var form = new MultipartFormDataContent { { new StringContent("not a file"), "note" } };
        var response = await sme.PostAsync($"/api/v1/lots/{lotId}/bids/mine/attachments", form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "field named file");
        await AssertNothingWrittenAsync(lotId, version: 1);
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
