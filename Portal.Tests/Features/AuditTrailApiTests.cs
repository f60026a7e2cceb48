using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Infrastructure;

using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// The hash-chained audit trail through the API, on SQLite and PostgreSQL: state changes are recorded with their actor
/// and before → after, bid receipts quote their entry's hash, the chain verifies, and parallel writers never fork it.
/// </summary>
public abstract class AuditTrailApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static async Task<JsonElement> EntriesAsync(HttpClient reader, string entityType, Guid entityId) =>
        await reader.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType={entityType}&entityId={entityId}");

    [Fact]
    public async Task ATenderCreatedAndRenamedIsRecordedWithItsOfficerAndTheTitleBeforeAndAfter()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        var tenderId = await CreateTenderAsync(officer);

        var renamed = await officer.PutAsJsonAsync($"/api/v1/tenders/{tenderId}", new
        {
            title = "上城区老旧小区智能门禁改造（二期）",
            description = "老旧小区出入口人脸识别门禁与适老化改造。",
            buyer = "杭州市上城区住房和城乡建设局",
            budgetYuan = 1_800_000m,
            category = "community-apps",
        });
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);

        var items = (await EntriesAsync(admin, "Tender", tenderId)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["modified", "created"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.All(items, i => Assert.Equal("officer@demo.local", i.GetProperty("actor").GetString()));
        var title = items[0].GetProperty("changes").GetProperty("Title");
        Assert.Equal("上城区老旧小区智能门禁改造", title.GetProperty("before").GetString());
        Assert.Equal("上城区老旧小区智能门禁改造（二期）", title.GetProperty("after").GetString());
        Assert.False(items[0].GetProperty("changes").TryGetProperty("Buyer", out _));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("changes").GetProperty("Title").GetProperty("before").ValueKind);
        Assert.Equal(items[1].GetProperty("hash").GetString(), items[0].GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task ABidReceiptCarriesTheHashOfTheAuditEntryThatRecordedTheBid()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId)).GetProperty("id").GetGuid();
        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = app.Clock.GetUtcNow().AddDays(14) });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var (response, _) = await SealedBids.SubmitAsync(sme, lotId, 850_000m, "方案");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var bidId = receipt.GetProperty("bidId").GetGuid();
        Assert.Equal(64, receipt.GetProperty("sha256").GetString()!.Length);
        Assert.True(receipt.TryGetProperty("submittedAt", out _));
        using var official = await app.CreateClientForAsync("official@demo.local");
        var entry = (await EntriesAsync(official, "Bid", bidId)).GetProperty("items")[0];
        Assert.Equal(entry.GetProperty("hash").GetString(), receipt.GetProperty("auditHash").GetString());
        Assert.Equal("sme@demo.local", entry.GetProperty("actor").GetString());
        // The entry records the sealed bid by its receipt; the price is sealed, so the trail cannot hold it.
        Assert.Equal(receipt.GetProperty("sha256").GetString(), entry.GetProperty("changes").GetProperty("Sha256").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("changes").GetProperty("PriceYuan").GetProperty("after").ValueKind);
        Assert.DoesNotContain("850000", entry.GetRawText());
    }

    [Fact]
    public async Task ASealedBidsBytesAreRecordedAsTheirSha256AndItsPriceOnlyOnceOpened()
    {
        Guid lotId;
        DateTimeOffset deadline;
        byte[] key;
        Guid bidId;
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        using (var sme = await app.CreateClientForAsync("sme@demo.local"))
        {
            var tenderId = await CreateTenderAsync(officer);
            lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
            deadline = app.Clock.GetUtcNow().AddDays(14);
            await PublishAsync(officer, tenderId, deadline);
            (var response, key) = await SealedBids.SubmitAsync(sme, lotId, 851_234.56m, "审计中的技术方案");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            bidId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bidId").GetGuid();
        }
        var stored = await app.WithDbAsync(db => db.Bids.AsNoTracking().Where(b => b.Id == bidId).Select(b => new { b.SealedIv, b.SealedCiphertext }).SingleAsync());
        string Sha(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using (var admin = await app.CreateClientForAsync("admin@demo.local"))
        {
            var created = (await EntriesAsync(admin, "Bid", bidId)).GetProperty("items").EnumerateArray().Single().GetProperty("changes");
            Assert.Equal(Sha(stored.SealedIv!), created.GetProperty("SealedIv").GetProperty("after").GetString());
            Assert.Equal(Sha(stored.SealedCiphertext!), created.GetProperty("SealedCiphertext").GetProperty("after").GetString());
            Assert.Equal(JsonValueKind.Null, created.GetProperty("PriceYuan").GetProperty("after").ValueKind);
            Assert.Equal(JsonValueKind.Null, created.GetProperty("Proposal").GetProperty("after").ValueKind);
            Assert.DoesNotContain(Convert.ToBase64String(stored.SealedCiphertext!), created.GetRawText());
        }

        await SealedBids.OpenAsync(app, deadline, lotId, ("sme@demo.local", key));

        using var official = await app.CreateClientForAsync("official@demo.local");
        var opened = (await EntriesAsync(official, "Bid", bidId)).GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("changes").TryGetProperty("PriceYuan", out _) && i.GetProperty("action").GetString() == "modified").GetProperty("changes");
        Assert.Equal(851_234.56m, decimal.Parse(opened.GetProperty("PriceYuan").GetProperty("after").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("审计中的技术方案", opened.GetProperty("Proposal").GetProperty("after").GetString());
        Assert.Equal(Sha(key), opened.GetProperty("OpeningKey").GetProperty("after").GetString());
        Assert.DoesNotContain(Convert.ToBase64String(key), opened.GetRawText());
    }

    [Fact]
    public async Task ARegisteredAccountIsRecordedWithoutItsPasswordHashOrSecurityStamp()
    {
        using var anonymous = app.CreateHttpClient();
        var email = $"audit-{Guid.NewGuid():N}@example.com";
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Secret#2026" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        var items = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=PortalUser&pageSize=200")).GetProperty("items");
        var created = items.EnumerateArray().Single(i =>
            i.GetProperty("changes").TryGetProperty("Email", out var e) && e.GetProperty("after").GetString() == email);

        Assert.Equal("***", created.GetProperty("changes").GetProperty("PasswordHash").GetProperty("after").GetString());
        Assert.Equal("***", created.GetProperty("changes").GetProperty("SecurityStamp").GetProperty("after").GetString());
        Assert.Equal("anonymous", created.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task TwentySimultaneousChangesChainOneAfterAnotherAndTheChainVerifies()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        var tenders = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CreateTenderAsync(officer)));

        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        Assert.Equal(verification.GetProperty("headSequence").GetInt64(), verification.GetProperty("checked").GetInt64());
        var sequences = await app.WithDbAsync(db =>
        {
            var ids = tenders.Select(t => t.ToString()).ToList();
            return db.AuditEntries.Where(e => e.EntityType == "Tender" && ids.Contains(e.EntityId)).Select(e => e.Sequence).ToListAsync();
        });
        Assert.Equal(20, sequences.Distinct().Count());
    }

    [Fact]
    public async Task OnlyAdminsAndOfficialsReadTheTrail()
    {
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var anonymous = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task AnInvalidPageIsRefusedNamingTheField()
    {
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        var response = await admin.GetAsync("/api/v1/audit?pageSize=5000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _), problem.ToString());
    }
}

public sealed class SqliteAuditTrailApiTests(SqliteAuditApp app) : AuditTrailApiTests<SqliteAuditApp>(app);

public sealed class PostgresAuditTrailApiTests(PostgresAuditApp app) : AuditTrailApiTests<PostgresAuditApp>(app);

public sealed class SqliteAuditApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresAuditApp() : PortalApp(DatabaseProvider.Postgres);

/// <summary>
/// Tampering with the trail directly in the database, as a DBA could: an edited field and a deleted row are each
/// reported by the verification at their exact sequence number. Own app: the chain is broken on purpose here.
/// </summary>
public abstract class AuditTamperingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnEditedAndThenADeletedRowAreEachReportedAtTheirSequence()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        var tenderId = (await CreateTenderAsync(officer)).ToString();
        var sequence = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Tender" && e.EntityId == tenderId)
            .Select(e => e.Sequence).SingleAsync());
        await CreateTenderAsync(officer);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify")).GetProperty("intact").GetBoolean());

        var original = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == sequence).Select(e => e.ActorName).SingleAsync());
        await ExecuteAsync($"""UPDATE "AuditEntries" SET "ActorName" = 'someone-else@demo.local' WHERE "Sequence" = {sequence}""");
        var edited = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.False(edited.GetProperty("intact").GetBoolean());
        var editBreak = Assert.Single(edited.GetProperty("breaks").EnumerateArray());
        Assert.Equal("edited", editBreak.GetProperty("kind").GetString());
        Assert.Equal(sequence, editBreak.GetProperty("fromSequence").GetInt64());

        await ExecuteAsync($"""UPDATE "AuditEntries" SET "ActorName" = '{original}' WHERE "Sequence" = {sequence}""");
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify")).GetProperty("intact").GetBoolean());

        await ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = {sequence}""");
        var deleted = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.False(deleted.GetProperty("intact").GetBoolean());
        var deleteBreak = Assert.Single(deleted.GetProperty("breaks").EnumerateArray());
        Assert.Equal("deleted", deleteBreak.GetProperty("kind").GetString());
        Assert.Equal(sequence, deleteBreak.GetProperty("fromSequence").GetInt64());
        Assert.Equal(sequence, deleteBreak.GetProperty("toSequence").GetInt64());
    }

    private Task ExecuteAsync(string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
}

public sealed class SqliteAuditTamperingTests(SqliteAuditTamperApp app) : AuditTamperingTests<SqliteAuditTamperApp>(app);

public sealed class PostgresAuditTamperingTests(PostgresAuditTamperApp app) : AuditTamperingTests<PostgresAuditTamperApp>(app);

public sealed class SqliteAuditTamperApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresAuditTamperApp() : PortalApp(DatabaseProvider.Postgres);
