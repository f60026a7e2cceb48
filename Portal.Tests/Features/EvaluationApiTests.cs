using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Evaluation and award through the API on SQLite and PostgreSQL: evaluators assigned by e-mail declare on conflicts,
/// score independently (locked), the officer ranks and awards, the award notice is public; every refusal writes nothing.
/// </summary>
public abstract class EvaluationApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Evaluator1 = "evaluator@demo.local";
    private const string Evaluator2 = "evaluator2@demo.local";

    /// <summary>A lot of 900,000 not reserved for SMEs (Price 30, Technical solution 50, Service 20), published.</summary>
    private sealed record OpenLot(Guid LotId, DateTimeOffset Deadline, (string Email, byte[] Key)[] Bidders);

    private sealed record ClosedLot(Guid LotId, Guid SmeBid, Guid LargeBid);

    private async Task<OpenLot> OpenLotWithBidsAsync(params string[] evaluators)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
        var deadline = app.Clock.GetUtcNow().AddDays(11);
        await PublishAsync(officer, tenderId, deadline);
        if (evaluators.Length > 0)
        {
            var assigned = await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/evaluators", new { emails = evaluators });
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }
        var sme = await BidAsync("sme@demo.local", lotId, 850_000m);
        var large = await BidAsync("large@demo.local", lotId, 800_000m);
        return new OpenLot(lotId, deadline, [("sme@demo.local", sme), ("large@demo.local", large)]);
    }

    /// <summary>A sealed bid of <paramref name="email"/>'s company; its opening key.</summary>
    private async Task<byte[]> BidAsync(string email, Guid lotId, decimal price)
    {
        using var client = await app.CreateClientForAsync(email);
        var (response, key) = await SealedBids.SubmitAsync(client, lotId, price, $"{email} 的技术方案");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return key;
    }

    /// <summary>
    /// Moves the portal's clock past the deadline and holds the opening, each bidder decrypting its bid, so that the lot
    /// is closed with both bids opened (tokens signed before the move have expired by then).
    /// </summary>
    private async Task<ClosedLot> PassDeadlineAsync(OpenLot lot)
    {
        await SealedBids.OpenAsync(app, lot.Deadline, lot.LotId, lot.Bidders);
        var bids = await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == lot.LotId)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { b.Id, s.OwnerUserId })
            .Join(db.Users, x => x.OwnerUserId, u => u.Id, (x, u) => new { x.Id, u.Email })
            .ToListAsync());
        return new ClosedLot(lot.LotId, bids.Single(b => b.Email == "sme@demo.local").Id, bids.Single(b => b.Email == "large@demo.local").Id);
    }

    private async Task<ClosedLot> ClosedLotAsync(params string[] evaluators) => await PassDeadlineAsync(await OpenLotWithBidsAsync(evaluators));

    private static Task<HttpResponseMessage> DeclareAsync(HttpClient evaluator, Guid lotId, bool hasConflict = false, string? note = null) =>
        evaluator.PostAsJsonAsync($"/api/v1/lots/{lotId}/conflict-declaration", new { hasConflict, note });

    private static Task<HttpResponseMessage> ScoreAsync(HttpClient evaluator, Guid lotId, Guid bidId, decimal technical, decimal service) =>
        evaluator.PostAsJsonAsync($"/api/v1/lots/{lotId}/scores", new
        {
            bidId,
            scores = new object[]
            {
                new { criterion = "Technical solution", score = technical, comment = "方案完整" },
                new { criterion = "Service", score = service, comment = "驻场运维" },
            },
        });

    private static async Task AssertOkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<int> MarkCountAsync(Guid lotId) =>
        app.WithDbAsync(db => db.EvaluationSheets.Where(s => s.LotId == lotId).SelectMany(s => s.Marks).CountAsync());

    private Task<Lot> LotAsync(Guid lotId) => app.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));

    /// <summary>The audit trail's entries that changed the lot's status, newest first, as an official reads them.</summary>
    private async Task<List<JsonElement>> StatusChangesAsync(Guid lotId)
    {
        using var official = await app.CreateClientForAsync("official@demo.local");
        var page = await official.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=Lot&entityId={lotId}&pageSize=200");
        return page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("changes").TryGetProperty("Status", out _)).ToList();
    }

    private static string? After(JsonElement entry, string field) => entry.GetProperty("changes").GetProperty(field).GetProperty("after").GetString();

    [Fact]
    public async Task TwoEvaluatorsScoreIndependentlyAndTheOfficerAwardsTheTopBidWithThePublishedScores()
    {
        var lot = await ClosedLotAsync(Evaluator1, Evaluator2);
        var id = lot.LotId;
        using var first = await app.CreateClientForAsync(Evaluator1);
        using var second = await app.CreateClientForAsync(Evaluator2);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        await AssertOkAsync(DeclareAsync(first, id));
        Assert.Equal(LotStatus.Evaluating, (await LotAsync(id)).Status);
        await AssertOkAsync(ScoreAsync(first, id, lot.SmeBid, 80, 70));
        await AssertOkAsync(ScoreAsync(first, id, lot.LargeBid, 90, 85));
        await AssertOkAsync(DeclareAsync(second, id));
        await AssertOkAsync(ScoreAsync(second, id, lot.SmeBid, 85, 75));

        // The second evaluator has a bid left: they see their own scores only, while the first sees theirs.
        var secondView = await second.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/evaluation");
        Assert.False(secondView.GetProperty("seesOtherScores").GetBoolean());
        Assert.All(secondView.GetProperty("bids").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("otherScores").ValueKind));
        var smeForSecond = secondView.GetProperty("bids").EnumerateArray().Single(b => b.GetProperty("bid").GetProperty("id").GetGuid() == lot.SmeBid);
        Assert.Equal([85m, 75m], smeForSecond.GetProperty("myScores").EnumerateArray().Select(m => m.GetProperty("score").GetDecimal()));
        Assert.Contains("技术方案", smeForSecond.GetProperty("bid").GetProperty("proposal").GetString());
        Assert.Contains("中小企业声明函", smeForSecond.GetProperty("bid").GetProperty("declaration").GetString());
        var firstView = await first.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/evaluation");
        Assert.True(firstView.GetProperty("seesOtherScores").GetBoolean());
        var othersOnSme = firstView.GetProperty("bids").EnumerateArray().Single(b => b.GetProperty("bid").GetProperty("id").GetGuid() == lot.SmeBid).GetProperty("otherScores");
        Assert.All(othersOnSme.EnumerateArray(), m => Assert.Equal(Evaluator2, m.GetProperty("evaluator").GetString()));
        Assert.Equal(2, othersOnSme.GetArrayLength());

        // Not all evaluators have submitted: a provisional ranking, and no award.
        var provisional = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/ranking");
        Assert.False(provisional.GetProperty("complete").GetBoolean());
        Assert.Equal([Evaluator2], provisional.GetProperty("pendingEvaluators").EnumerateArray().Select(e => e.GetString()));
        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.SmeBid }), HttpStatusCode.Conflict, "Every assigned evaluator must submit");
        Assert.Equal(LotStatus.Evaluating, (await LotAsync(id)).Status);

        await AssertOkAsync(ScoreAsync(second, id, lot.LargeBid, 70, 80));
        var ranking = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/ranking");

        // By hand: the small firm's 850,000 is evaluated at 765,000 (10% deduction, lot not reserved), the lowest.
        // Small: price 765,000/765,000 × 30 = 30.00; technical (80+85)/2 = 82.50 × 50% = 41.25; service (70+75)/2 = 72.50 × 20% = 14.50 → 85.75.
        // Large: price 765,000/800,000 × 30 = 28.6875 → 28.69; technical (90+70)/2 = 80.00 → 40.00; service (85+80)/2 = 82.50 → 16.50 → 85.19.
        Assert.True(ranking.GetProperty("complete").GetBoolean());
        Assert.Equal("ranked", ranking.GetProperty("outcome").GetString());
        Assert.Empty(ranking.GetProperty("pendingEvaluators").EnumerateArray());
        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([lot.SmeBid, lot.LargeBid], items.Select(i => i.GetProperty("bidId").GetGuid()));
        Assert.Equal(["small", "large"], items.Select(i => i.GetProperty("sizeClass").GetString()));
        Assert.Equal([850_000m, 800_000m], items.Select(i => i.GetProperty("priceYuan").GetDecimal()));
        Assert.Equal([765_000m, 800_000m], items.Select(i => i.GetProperty("evaluatedPriceYuan").GetDecimal()));
        Assert.Equal([30.00m, 28.69m], items.Select(i => i.GetProperty("priceScore").GetDecimal()));
        Assert.Equal([85.75m, 85.19m], items.Select(i => i.GetProperty("totalScore").GetDecimal()));
        Assert.Equal([1, 2], items.Select(i => i.GetProperty("rank").GetInt32()));
        var technical = items[0].GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("criterion").GetString() == "Technical solution");
        Assert.Equal(82.50m, technical.GetProperty("meanScore").GetDecimal());
        Assert.Equal(41.25m, technical.GetProperty("weightedScore").GetDecimal());
        Assert.Equal([(Evaluator1, 80m), (Evaluator2, 85m)],
            technical.GetProperty("marks").EnumerateArray().Select(m => (m.GetProperty("evaluator").GetString(), m.GetProperty("score").GetDecimal())).OrderBy(m => m.Item1));
        Assert.Equal(items[0].GetProperty("supplierId").GetGuid(), await app.WithDbAsync(db => db.Bids.Where(b => b.Id == lot.SmeBid).Select(b => b.SupplierId).SingleAsync()));

        var award = await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.SmeBid });
        await AssertOkAsync(Task.FromResult(award));
        var second_award = await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.LargeBid, justification = "改判" });

        await AssertProblemAsync(second_award, HttpStatusCode.Conflict, "already awarded");
        var awarded = await LotAsync(id);
        Assert.Equal(LotStatus.Awarded, awarded.Status);
        Assert.Equal(lot.SmeBid, awarded.AwardedBidId);
        var decision = (await StatusChangesAsync(id))[0];
        Assert.Equal("officer@demo.local", decision.GetProperty("actor").GetString());
        Assert.Equal(("Evaluating", "Awarded"), (decision.GetProperty("changes").GetProperty("Status").GetProperty("before").GetString(), After(decision, "Status")));
        Assert.Equal(lot.SmeBid.ToString(), After(decision, "AwardedBidId"));
        Assert.Null(awarded.AwardJustification);
        Assert.Equal(awarded.AwardedAtUtc!.Value + TimeSpan.FromDays(7), awarded.StandstillEndsAtUtc);
        using var anonymous = app.CreateHttpClient();
        var notice = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/award-notice");
        var winner = notice.GetProperty("winner");
        Assert.Equal(lot.SmeBid, winner.GetProperty("bidId").GetGuid());
        Assert.Equal("small", winner.GetProperty("sizeClass").GetString());
        Assert.Equal(850_000m, winner.GetProperty("priceYuan").GetDecimal());
        Assert.Equal(85.75m, winner.GetProperty("totalScore").GetDecimal());
        Assert.Equal([14.50m, 41.25m], winner.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("weightedScore").GetDecimal()).Order());
        Assert.All(winner.GetProperty("criteria").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("marks").ValueKind));
        Assert.Contains("中小企业声明函", notice.GetProperty("declaration").GetString());
        Assert.Equal(awarded.StandstillEndsAtUtc!.Value, notice.GetProperty("standstillEndsAt").GetDateTime(), TimeSpan.FromSeconds(1));
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var large = await app.CreateClientForAsync("large@demo.local");
        var smeNotes = await sme.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        var largeNotes = await large.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(smeNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.StartsWith("Your bid won") && n.GetProperty("link").GetString() == $"/lots/{id}");
        Assert.Contains(largeNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.EndsWith("is awarded") && n.GetProperty("body").GetString()!.Contains("85 万元"));
    }

    [Fact]
    public async Task ScoresAreRefusedWithTheReasonAndNothingIsWritten()
    {
        var open = await OpenLotWithBidsAsync(Evaluator1);
        var smeBidId = await app.WithDbAsync(db => db.Bids.Where(b => b.LotId == open.LotId).Select(b => b.Id).FirstAsync());
        using (var early = await app.CreateClientForAsync(Evaluator1))
        {
            await AssertProblemAsync(await ScoreAsync(early, open.LotId, smeBidId, 80, 80), HttpStatusCode.Conflict, "after the bidding deadline");
            await AssertProblemAsync(await DeclareAsync(early, open.LotId), HttpStatusCode.Conflict, "after the bidding deadline");
            await AssertProblemAsync(await early.GetAsync($"/api/v1/lots/{open.LotId}/bids"), HttpStatusCode.Forbidden, "sealed");
        }
        var lot = await PassDeadlineAsync(open);
        var id = lot.LotId;
        using var evaluator = await app.CreateClientForAsync(Evaluator1);
        using var unassigned = await app.CreateClientForAsync(Evaluator2);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        await AssertProblemAsync(await ScoreAsync(evaluator, id, lot.SmeBid, 80, 80), HttpStatusCode.Conflict, "Declare first");
        await AssertProblemAsync(await ScoreAsync(unassigned, id, lot.SmeBid, 80, 80), HttpStatusCode.Forbidden, "not assigned");
        await AssertProblemAsync(await DeclareAsync(unassigned, id), HttpStatusCode.Forbidden, "not assigned");
        await AssertProblemAsync(await unassigned.GetAsync($"/api/v1/lots/{id}/evaluation"), HttpStatusCode.Forbidden, "not assigned");
        await AssertProblemAsync(await DeclareAsync(evaluator, id, hasConflict: true, note: " "), HttpStatusCode.BadRequest, "note");
        await AssertOkAsync(DeclareAsync(evaluator, id));
        await AssertProblemAsync(await DeclareAsync(evaluator, id, hasConflict: true, note: "改口"), HttpStatusCode.Conflict, "already declared");
        await AssertProblemAsync(await ScoreAsync(evaluator, id, lot.SmeBid, 101, 80), HttpStatusCode.BadRequest, "between 0 and 100");
        await AssertProblemAsync(await ScoreAsync(evaluator, id, lot.SmeBid, 80, -0.5m), HttpStatusCode.BadRequest, "between 0 and 100");
        await AssertProblemAsync(await ScoreAsync(evaluator, id, Guid.NewGuid(), 80, 80), HttpStatusCode.BadRequest, "bidId");
        var priceScored = await evaluator.PostAsJsonAsync($"/api/v1/lots/{id}/scores", new
        {
            bidId = lot.SmeBid,
            scores = new object[] { new { criterion = "Price", score = 90 }, new { criterion = "Technical solution", score = 80 }, new { criterion = "Service", score = 80 } },
        });
        await AssertProblemAsync(priceScored, HttpStatusCode.BadRequest, "price criterion");
        var missingOne = await evaluator.PostAsJsonAsync($"/api/v1/lots/{id}/scores", new { bidId = lot.SmeBid, scores = new object[] { new { criterion = "Service", score = 80 } } });
        await AssertProblemAsync(missingOne, HttpStatusCode.BadRequest, "exactly one score");
        Assert.Equal(0, await MarkCountAsync(id));

        await AssertOkAsync(ScoreAsync(evaluator, id, lot.SmeBid, 80, 80));
        await AssertProblemAsync(await ScoreAsync(evaluator, id, lot.SmeBid, 95, 95), HttpStatusCode.Conflict, "locked");
        Assert.Equal([80m, 80m], await app.WithDbAsync(db => db.EvaluationSheets.Where(s => s.LotId == id).SelectMany(s => s.Marks).Select(m => m.Score).ToListAsync()));
        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.SmeBid }), HttpStatusCode.Conflict, "Every assigned evaluator must submit");
        Assert.Null((await LotAsync(id)).AwardedBidId);
    }

    [Fact]
    public async Task OnlyEvaluatorsAreAssignedAndOnlyByOfficers()
    {
        var open = await OpenLotWithBidsAsync();
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");

        var unknown = await officer.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/evaluators", new { emails = new[] { Evaluator1, "nobody@demo.local" } });
        var notEvaluator = await officer.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/evaluators", new { emails = new[] { "sme@demo.local" } });
        var none = await officer.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/evaluators", new { emails = Array.Empty<string>() });
        var bySme = await sme.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/evaluators", new { emails = new[] { Evaluator1 } });
        var noLot = await officer.PostAsJsonAsync($"/api/v1/lots/{Guid.NewGuid()}/evaluators", new { emails = new[] { Evaluator1 } });

        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "nobody@demo.local");
        await AssertProblemAsync(notEvaluator, HttpStatusCode.BadRequest, "sme@demo.local is not");
        await AssertProblemAsync(none, HttpStatusCode.BadRequest, "at least one evaluator");
        Assert.Equal(HttpStatusCode.Forbidden, bySme.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noLot.StatusCode);
        Assert.Empty((await LotAsync(open.LotId)).EvaluatorUserIds);

        var assigned = await officer.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/evaluators", new { emails = new[] { "EVALUATOR2@demo.local", Evaluator1 } });
        var items = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Evaluator2, Evaluator1], items.Select(i => i.GetProperty("email").GetString()));
        Assert.All(items, i => Assert.Equal("notDeclared", i.GetProperty("state").GetString()));
        Assert.Equal(2, (await LotAsync(open.LotId)).EvaluatorUserIds.Count);
    }

    [Fact]
    public async Task AConflictExcludesTheEvaluatorAndANonTopAwardNeedsAJustification()
    {
        var lot = await ClosedLotAsync(Evaluator1, Evaluator2);
        var id = lot.LotId;
        using var first = await app.CreateClientForAsync(Evaluator1);
        using var second = await app.CreateClientForAsync(Evaluator2);
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        await AssertOkAsync(DeclareAsync(second, id, hasConflict: true, note: "投标人之一是我的前雇主。"));
        await AssertProblemAsync(await ScoreAsync(second, id, lot.SmeBid, 80, 80), HttpStatusCode.Forbidden, "conflict of interest");
        await AssertOkAsync(DeclareAsync(first, id));
        await AssertOkAsync(ScoreAsync(first, id, lot.SmeBid, 80, 70));
        await AssertOkAsync(ScoreAsync(first, id, lot.LargeBid, 90, 85));

        var ranking = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{id}/ranking");
        Assert.True(ranking.GetProperty("complete").GetBoolean());
        var conflict = Assert.Single(ranking.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(Evaluator2, conflict.GetProperty("evaluator").GetString());
        Assert.Equal("投标人之一是我的前雇主。", conflict.GetProperty("note").GetString());
        // One evaluator: small 30 + 80×0.5 + 70×0.2 = 84.00; large 28.69 + 90×0.5 + 85×0.2 = 90.69 — the large firm is first.
        Assert.Equal([(lot.LargeBid, 90.69m), (lot.SmeBid, 84.00m)],
            ranking.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("bidId").GetGuid(), i.GetProperty("totalScore").GetDecimal())));

        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.SmeBid }), HttpStatusCode.BadRequest, "ranked 2");
        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = Guid.NewGuid(), justification = "x" }), HttpStatusCode.BadRequest, "bidId");
        using (var anonymous = app.CreateHttpClient())
        {
            await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/lots/{id}/award-notice"), HttpStatusCode.Conflict, "not been awarded");
        }
        Assert.Null((await LotAsync(id)).AwardedBidId);
        var award = await officer.PostAsJsonAsync($"/api/v1/lots/{id}/award", new { bidId = lot.SmeBid, justification = "排名第一的投标人的交付期限不满足采购需求。" });

        await AssertOkAsync(Task.FromResult(award));
        var notice = await award.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, notice.GetProperty("winner").GetProperty("rank").GetInt32());
        Assert.Equal("排名第一的投标人的交付期限不满足采购需求。", notice.GetProperty("justification").GetString());
        Assert.Equal("排名第一的投标人的交付期限不满足采购需求。", (await LotAsync(id)).AwardJustification);
    }

    [Fact]
    public async Task AnUnsuccessfulLotTakesNoAwardAndTheRankingIsForOfficersAfterTheDeadline()
    {
        var open = await OpenLotWithBidsAsync(Evaluator1);
        using (var early = await app.CreateClientForAsync("officer@demo.local"))
        {
            await AssertProblemAsync(await early.GetAsync($"/api/v1/lots/{open.LotId}/ranking"), HttpStatusCode.Forbidden, "sealed until the deadline");
            await AssertProblemAsync(await early.PostAsJsonAsync($"/api/v1/lots/{open.LotId}/unsuccessful", new { reason = "预算调整" }), HttpStatusCode.Conflict, "after its bidding deadline");
        }
        var lot = await PassDeadlineAsync(open);
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var evaluator = await app.CreateClientForAsync(Evaluator1);
        Assert.Equal(HttpStatusCode.Forbidden, (await evaluator.GetAsync($"/api/v1/lots/{lot.LotId}/ranking")).StatusCode);

        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/unsuccessful", new { reason = "" }), HttpStatusCode.BadRequest, "reason");
        var declared = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/unsuccessful", new { reason = "采购需求发生重大变化。" });
        await AssertOkAsync(Task.FromResult(declared));

        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/award", new { bidId = lot.SmeBid }), HttpStatusCode.Conflict, "declared unsuccessful");
        await AssertProblemAsync(await DeclareAsync(evaluator, lot.LotId), HttpStatusCode.Conflict, "not under evaluation");
        using var anonymous = app.CreateHttpClient();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/lots/{lot.LotId}/award-notice"), HttpStatusCode.Conflict, "采购需求发生重大变化");
        var stored = await LotAsync(lot.LotId);
        Assert.Equal(LotStatus.Unsuccessful, stored.Status);
        Assert.Null(stored.AwardedBidId);
        var smeNotes = await (await app.CreateClientForAsync("sme@demo.local")).GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(smeNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("body").GetString()!.Contains("采购需求发生重大变化"));
    }

    /// <summary>
    /// The decision is claimed with a bulk statement that changes nothing and saved through tracked entities: of four
    /// officers' declarations at the same moment one is saved and in the audit trail, once; the others are 409.
    /// </summary>
    [Fact]
    public async Task OfSimultaneousDecisionsOnALotOneIsSavedAndRecordedOnceAndTheOthersAre409()
    {
        var lot = await ClosedLotAsync();
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        // A refused first call first, so that the calls below race only to decide the closed lot.
        await AssertProblemAsync(await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/unsuccessful", new { reason = "" }), HttpStatusCode.BadRequest, "reason");

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/unsuccessful", new { reason = $"采购需求发生重大变化（{i}）。" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Conflict, "");
        }
        var decision = Assert.Single(await StatusChangesAsync(lot.LotId), e => After(e, "Status") == "Unsuccessful");
        Assert.Equal((await LotAsync(lot.LotId)).UnsuccessfulReason, After(decision, "UnsuccessfulReason"));
        Assert.Equal("officer@demo.local", decision.GetProperty("actor").GetString());
    }
}

public sealed class SqliteEvaluationApiTests(SqliteEvaluationApp app) : EvaluationApiTests<SqliteEvaluationApp>(app);

public sealed class PostgresEvaluationApiTests(PostgresEvaluationApp app) : EvaluationApiTests<PostgresEvaluationApp>(app);

public sealed class SqliteEvaluationApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresEvaluationApp() : PortalApp(DatabaseProvider.Postgres);
