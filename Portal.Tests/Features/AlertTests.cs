using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Alerts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>
/// Lot alerts through the API, and the job that announces a published tender's lots to the SMEs whose alerts or
/// profiles match them (with e-mail through a test SMTP server); the same tests run on SQLite and PostgreSQL.
/// Users are registered per test, so one test's alerts never see another test's tenders.
/// </summary>
public abstract class AlertTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AlertApp
{
    private static readonly object[] Criteria =
    [
        new { name = "Price", weight = 30, isPrice = true },
        new { name = "Technical solution", weight = 70, isPrice = false },
    ];

    /// <summary>A new SME user (no company profile yet) with a client carrying its token.</summary>
    private async Task<(HttpClient Client, string Email, string UserId)> NewSmeAsync()
    {
        var email = $"alerts-{Guid.NewGuid():N}@example.test";
        using (var anonymous = app.CreateHttpClient())
        {
            var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = PortalApp.DemoPassword });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (await app.CreateClientForAsync(email), email, userId);
    }

    private static async Task<Guid> CreateAlertAsync(HttpClient client, string? query, string? category = null, bool reservedOnly = false)
    {
        var response = await client.PostAsJsonAsync("/api/v1/alerts", new { query, category, reservedOnly });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private sealed record LotSpec(string Title, string Description, bool Reserved);

    /// <summary>Creates and publishes a tender with these lots through the API; the lots' ids in the same order.</summary>
    private async Task<(Guid TenderId, List<Guid> LotIds)> PublishAsync(string title, string category, params LotSpec[] lots)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var created = await officer.PostAsJsonAsync("/api/v1/tenders", new
        {
            title, description = "详见各标段。", buyer = "杭州市城市管理局", budgetYuan = 2_000_000m, category,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var lotIds = new List<Guid>();
        foreach (var lot in lots)
        {
            var added = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/lots", new
            {
                title = lot.Title, description = lot.Description, valueYuan = 900_000m, reservedForSmes = lot.Reserved, requirements = Array.Empty<object>(), criteria = Criteria,
            });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            lotIds.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var published = await officer.PostAsJsonAsync($"/api/v1/tenders/{tenderId}/publish", new { deadline = app.Clock.GetUtcNow().AddDays(14) });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return (tenderId, lotIds);
    }

    /// <summary>Runs the alert job directly (publishing has also queued it: the two may race, as on two nodes).</summary>
    private async Task<int> RunAlertJobAsync(Guid tenderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LotAlertJob>().RunAsync(tenderId);
    }

    /// <summary>The lots (among these) each user was told about.</summary>
    private Task<List<(string UserId, string Key, string Title, string Body, string Link)>> AlertNotificationsAsync(IEnumerable<Guid> lotIds)
    {
        var keys = lotIds.Select(LotAlertJob.KeyFor).ToList();
        return app.WithDbAsync(async db => (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key!))
            .Select(n => new { n.UserId, n.Key, n.Title, n.Body, n.Link }).ToListAsync())
            .Select(n => (n.UserId, n.Key!, n.Title, n.Body, n.Link)).ToList());
    }

    [Fact]
    public async Task AnSmeSavesListsAndDeletesItsOwnAlertsOnly()
    {
        var (owner, _, _) = await NewSmeAsync();
        var (other, _, _) = await NewSmeAsync();
        using var disposeOwner = owner;
        using var disposeOther = other;

        var created = await owner.PostAsJsonAsync("/api/v1/alerts", new { query = "智慧停车", category = "smart-parking", reservedOnly = true });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var mine = await owner.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        var deletedByOther = await other.DeleteAsync($"/api/v1/alerts/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/alerts/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("智慧停车", body.GetProperty("query").GetString());
        Assert.Equal("smart-parking", body.GetProperty("category").GetString());
        Assert.True(body.GetProperty("reservedOnly").GetBoolean());
        Assert.Equal(id, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, deletedByOther.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.LotAlerts.AnyAsync(a => a.Id == id)));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Empty((await owner.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/v1/alerts/{id}")).StatusCode);
    }

    /// <summary>Deleted through tracked entities, so the trail has it; sent three times at once, it is deleted and recorded once.</summary>
    [Fact]
    public async Task DeletingAnAlertIsRecordedInTheAuditTrailOnceWhenSentThreeTimesAtOnce()
    {
        var (owner, email, _) = await NewSmeAsync();
        using var disposeOwner = owner;
        var id = await CreateAlertAsync(owner, "智慧停车");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => owner.DeleteAsync($"/api/v1/alerts/{id}")));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.NotFound], responses.Select(r => r.StatusCode).Order());
        using var official = await app.CreateClientForAsync("official@demo.local");
        var items = (await official.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=LotAlert&entityId={id}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["deleted", "created"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.All(items, i => Assert.Equal(email, i.GetProperty("actor").GetString()));
        var query = items[0].GetProperty("changes").GetProperty("Query");
        Assert.Equal(("智慧停车", JsonValueKind.Null), (query.GetProperty("before").GetString(), query.GetProperty("after").ValueKind));
    }

    public static TheoryData<object, string> UnusableAlerts => new()
    {
        { new { query = "", category = "", reservedOnly = true }, "query" },
        { new { query = "?!… —— 。", reservedOnly = false }, "query" },
        { new { query = "the and of", reservedOnly = false }, "query" },
        { new { query = new string('停', LotAlert.QueryMaxLength + 1) }, "query" },
        { new { query = "停车", category = "nonsense" }, "category" },
    };

    [Theory]
    [MemberData(nameof(UnusableAlerts))]
    public async Task AnAlertWithNothingToMatchOnIsABadRequestNamingTheFieldAndNothingIsSaved(object body, string field)
    {
        var (client, _, userId) = await NewSmeAsync();
        using var disposeClient = client;

        var response = await client.PostAsJsonAsync("/api/v1/alerts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(await app.WithDbAsync(db => db.LotAlerts.AnyAsync(a => a.UserId == userId)));
    }

    [Fact]
    public async Task TheTwentyFirstAlertIsAConflict()
    {
        var (client, _, userId) = await NewSmeAsync();
        using var disposeClient = client;
        for (var i = 0; i < LotAlert.MaxPerUser; i++)
        {
            await CreateAlertAsync(client, $"停车 {i}");
        }

        var response = await client.PostAsJsonAsync("/api/v1/alerts", new { query = "one too many" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("delete one", await response.Content.ReadAsStringAsync());
        Assert.Equal(LotAlert.MaxPerUser, await app.WithDbAsync(db => db.LotAlerts.CountAsync(a => a.UserId == userId)));
    }

    [Fact]
    public async Task OnlySmeUsersHaveAlerts()
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var anonymous = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/alerts", new { query = "停车" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task APublishedTendersLotsAreAnnouncedToMatchingAlertsOnlyAndOnlyOnce()
    {
        var words = await NewSmeAsync();             // every word of "智慧停车" is in the tender's title
        var english = await NewSmeAsync();           // stems: "enforcing" finds "enforcement"
        var oneBigram = await NewSmeAsync();         // "智慧养老" shares only the bigram 智慧
        var category = await NewSmeAsync();          // follows the tender's category
        var otherCategory = await NewSmeAsync();     // follows another category
        var reservedOnly = await NewSmeAsync();      // parking, reserved lots only
        var wordsInOtherCategory = await NewSmeAsync(); // the right words, the wrong category
        await CreateAlertAsync(words.Client, "智慧停车");
        await CreateAlertAsync(english.Client, "parking enforcing");
        await CreateAlertAsync(oneBigram.Client, "智慧养老");
        await CreateAlertAsync(category.Client, null, "smart-parking");
        await CreateAlertAsync(otherCategory.Client, null, "smart-waste");
        await CreateAlertAsync(reservedOnly.Client, "停车", reservedOnly: true);
        await CreateAlertAsync(wordsInOtherCategory.Client, "高位视频", "smart-waste");

        var (tenderId, lots) = await PublishAsync($"主城区智慧停车改造 {Guid.NewGuid():N}", "smart-parking",
            new LotSpec("标段1：高位视频泊位管理", "路内泊位高位视频识别与欠费追缴。", Reserved: true),
            new LotSpec("标段2：停车诱导屏", "Guidance displays for on-street parking enforcement.", Reserved: false));
        await RunAlertJobAsync(tenderId);
        var told = await AlertNotificationsAsync(lots);
        var again = await RunAlertJobAsync(tenderId);

        string[] Lots(string userId) => told.Where(n => n.UserId == userId).Select(n => n.Key).Order().ToArray();
        string[] both = [LotAlertJob.KeyFor(lots[0]), LotAlertJob.KeyFor(lots[1])];
        Assert.Equal(both.Order(), Lots(words.UserId));
        Assert.Equal([LotAlertJob.KeyFor(lots[1])], Lots(english.UserId));
        Assert.Empty(Lots(oneBigram.UserId));
        Assert.Equal(both.Order(), Lots(category.UserId));
        Assert.Empty(Lots(otherCategory.UserId));
        Assert.Equal([LotAlertJob.KeyFor(lots[0])], Lots(reservedOnly.UserId));
        Assert.Empty(Lots(wordsInOtherCategory.UserId));

        var first = told.Single(n => n.UserId == words.UserId && n.Key == LotAlertJob.KeyFor(lots[0]));
        Assert.Equal("New lot: 标段1：高位视频泊位管理", first.Title);
        Assert.Contains("saved search \"智慧停车\"", first.Body);
        Assert.Contains("Bids close", first.Body);
        Assert.Equal($"/lots/{lots[0]}", first.Link);
        Assert.Contains("Smart parking", told.First(n => n.UserId == category.UserId).Body);

        Assert.Equal(0, again);
        Assert.Equal(told.Count, (await AlertNotificationsAsync(lots)).Count);
        foreach (var user in new[] { words, english, oneBigram, category, otherCategory, reservedOnly, wordsInOtherCategory })
        {
            user.Client.Dispose();
        }
    }

    [Fact]
    public async Task TheJobRunningOnSeveralNodesAtOnceTellsEveryoneOnce()
    {
        var users = new List<(HttpClient Client, string Email, string UserId)>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await NewSmeAsync());
            await CreateAlertAsync(users[i].Client, "路灯");
        }
        var (tenderId, lots) = await PublishAsync($"智慧路灯改造 {Guid.NewGuid():N}", "urban-management",
            new LotSpec("标段1：单灯控制器", "路灯单灯控制与能耗监测。", Reserved: true),
            new LotSpec("标段2：灯杆巡检", "路灯灯杆倾斜巡检。", Reserved: false));
        await RunAlertJobAsync(tenderId);
        var keys = lots.Select(LotAlertJob.KeyFor).ToList();
        await app.WithDbAsync(db => db.Notifications.Where(n => keys.Contains(n.Key!)).ExecuteDeleteAsync());

        // None of them fails on the unique (user, key) index (the job queued at publication may join the race).
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunAlertJobAsync(tenderId))));
        var told = await AlertNotificationsAsync(lots);

        Assert.All(users, user => Assert.Equal(keys.Order(), told.Where(n => n.UserId == user.UserId).Select(n => n.Key).Order()));
        Assert.Equal(told.Count, told.Select(n => (n.UserId, n.Key)).Distinct().Count());
        users.ForEach(u => u.Client.Dispose());
    }

    [Fact]
    public async Task OwnersOfMatchingEligibleProfilesAreToldButALargeFirmNotAboutAReservedLot()
    {
        var sme = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync());
        var large = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "large@demo.local").Select(u => u.Id).SingleAsync());
        const string needs = "小区垃圾分类智能投放箱满溢检测与称重，NB-IoT与LoRaWAN物联接入平台，对接城市大脑，时空数据中台。";

        var (tenderId, lots) = await PublishAsync($"垃圾分类物联感知 {Guid.NewGuid():N}", "smart-waste",
            new LotSpec("标段1：垃圾分类智能投放与物联接入", needs, Reserved: true),
            new LotSpec("标段2：城市物联感知网络与垃圾分类", needs, Reserved: false));
        await RunAlertJobAsync(tenderId);
        var told = await AlertNotificationsAsync(lots);

        var smeTold = told.Where(n => n.UserId == sme).ToList();
        Assert.Equal(2, smeTold.Count);
        Assert.All(smeTold, n => Assert.Contains("matches the profile of 杭州绿源智能分类科技有限公司", n.Body));
        Assert.Equal([LotAlertJob.KeyFor(lots[1])], told.Where(n => n.UserId == large).Select(n => n.Key));
    }

    [Fact]
    public async Task AnAlertNotificationIsEMailedWhenSmtpIsConfigured()
    {
        var (client, email, _) = await NewSmeAsync();
        using var disposeClient = client;
        var word = $"Zebra{Guid.NewGuid():N}"[..12];
        await CreateAlertAsync(client, $"{word} crossing");

        var (tenderId, lots) = await PublishAsync($"{word} crossings", "traffic-signals",
            new LotSpec("标段1：斑马线智能提示 (smart zebra crossing lights)", "Crossing lights for pedestrians.", Reserved: true));
        await RunAlertJobAsync(tenderId);
        var mail = await app.Mail.WaitForAsync(email, TimeSpan.FromSeconds(30));

        Assert.NotNull(mail);
        Assert.Equal([email], mail.Recipients);
        Assert.Equal(email, Assert.Single(mail.Message.To.Mailboxes).Address);
        // A user who never chose a language reads the portal's default, Chinese, with times in China time.
        Assert.Equal("新标段：标段1：斑马线智能提示 (smart zebra crossing lights)", mail.Message.Subject);
        Assert.Contains("投标截止时间：", mail.Message.TextBody);
        Assert.Contains("北京时间", mail.Message.TextBody);
        Assert.DoesNotContain("UTC", mail.Message.TextBody);
        Assert.Contains($"/lots/{lots[0]}", mail.Message.TextBody);
        Assert.Single(app.Mail.Received, m => m.Recipients.Contains(email));
    }

    [Fact]
    public async Task TheEMailAndTheNotificationAreInTheLanguageTheirReaderChose()
    {
        var (client, email, userId) = await NewSmeAsync();
        using var disposeClient = client;
        // Switching the language while signed in makes it the user's preferred language.
        var switched = await client.GetAsync("/culture/set?culture=en&redirectUri=/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PreferredCulture).SingleAsync()));
        var word = $"Kerb{Guid.NewGuid():N}"[..12];
        await CreateAlertAsync(client, word);

        var (tenderId, lots) = await PublishAsync($"{word} 智慧停车", "smart-parking",
            new LotSpec($"标段1：{word} 路侧泊位", "路侧泊位地磁检测。", Reserved: true));
        await RunAlertJobAsync(tenderId);
        var mail = await app.Mail.WaitForAsync(email, TimeSpan.FromSeconds(30));

        Assert.NotNull(mail);
        Assert.Equal($"New lot: 标段1：{word} 路侧泊位", mail.Message.Subject);
        Assert.Contains("(reserved for SMEs)", mail.Message.TextBody);
        Assert.Contains("Beijing time", mail.Message.TextBody);
        Assert.DoesNotContain("投标截止", mail.Message.TextBody);

        // The same stored message reads in each reader's language: the API's Accept-Language decides.
        var english = (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items")
            .EnumerateArray().Single(n => n.GetProperty("link").GetString() == $"/lots/{lots[0]}");
        Assert.Equal($"New lot: 标段1：{word} 路侧泊位", english.GetProperty("title").GetString());
        Assert.Contains("Bids close", english.GetProperty("body").GetString());
        using var chinese = app.CreateHttpClient(language: "zh-CN");
        chinese.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var zh = (await chinese.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items")
            .EnumerateArray().Single(n => n.GetProperty("link").GetString() == $"/lots/{lots[0]}");
        Assert.Equal($"新标段：标段1：{word} 路侧泊位", zh.GetProperty("title").GetString());
        var body = zh.GetProperty("body").GetString()!;
        Assert.Contains("（专门面向中小企业）", body);
        Assert.Contains($"与您保存的搜索“{word}”相符", body);
        Assert.Contains("北京时间", body);
        Assert.DoesNotContain("Bids close", body);
    }
}

public sealed class SqliteAlertTests(SqliteAlertApp app) : AlertTests<SqliteAlertApp>(app);

public sealed class PostgresAlertTests(PostgresAlertApp app) : AlertTests<PostgresAlertApp>(app);

/// <summary>A portal that sends its e-mail to a test SMTP server of its own.</summary>
public abstract class AlertApp(DatabaseProvider provider) : PortalApp(provider)
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

public sealed class SqliteAlertApp() : AlertApp(DatabaseProvider.Sqlite);

public sealed class PostgresAlertApp() : AlertApp(DatabaseProvider.Postgres);
