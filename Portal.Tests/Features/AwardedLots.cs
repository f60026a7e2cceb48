using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Effectiveness;
using Portal.Domain.Evaluation;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Tenders;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// An awarded lot, arranged as the portal would reach it: a tender published by the officer, one bid through the API,
/// the clock past the deadline, then the evaluation and the award through the domain (their API is built elsewhere),
/// and by default the clock past the standstill. The lot is open to every size of firm, so the winner may be
/// <c>sme@demo.local</c> (a small enterprise) or <c>large@demo.local</c>.
/// </summary>
internal static class AwardedLots
{
    public const decimal LotValueYuan = 900_000m;

    /// <summary>
    /// Note that the clock moves about 15 days (22 past the standstill): sign in again afterwards, earlier tokens have
    /// expired. On a portal with a bidding period shorter than a day (the browser tests') the deadline lies just past
    /// it and the clock moves about an hour: a fortnight there would bring the demo data's lots, which other browser
    /// tests bid on and invite to, to their deadlines, and the opening job would close them.
    /// </summary>
    public static async Task<AwardedLot> ArrangeAsync(PortalApp app, string winnerEmail = "sme@demo.local", decimal priceYuan = 850_000m, bool pastStandstill = true)
    {
        Guid lotId;
        DateTimeOffset deadline;
        HttpResponseMessage bid;
        byte[] key;
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        using (var bidder = await app.CreateClientForAsync(winnerEmail))
        {
            var tenderId = await CreateTenderAsync(officer);
            lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false, valueYuan: LotValueYuan)).GetProperty("id").GetGuid();
            var minimum = app.Services.GetRequiredService<IOptions<ProcurementOptions>>().Value.MinimumBiddingPeriod;
            deadline = app.Clock.GetUtcNow() + (minimum < TimeSpan.FromDays(1) ? minimum + TimeSpan.FromMinutes(1) : TimeSpan.FromDays(14));
            await PublishAsync(officer, tenderId, deadline);
            (bid, key) = await SealedBids.SubmitAsync(bidder, lotId, priceYuan, "实施方案：分三期完成门禁改造与适老化界面。");
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        }
        await SealedBids.OpenAsync(app, deadline, lotId, (winnerEmail, key));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var standstill = app.Services.GetRequiredService<IOptions<ProcurementOptions>>().Value.StandstillPeriod;

        var awarded = await app.WithDbAsync(async db =>
        {
            var tender = await db.Tenders.Include(t => t.Lots).SingleAsync(t => t.Lots.Any(l => l.Id == lotId));
            var bid = await db.Bids.SingleAsync(b => b.LotId == lotId);
            return await AwardAsync(db, tender, tender.Lots.Single(l => l.Id == lotId), bid, app.Clock.GetUtcNow().UtcDateTime, standstill);
        });
        if (pastStandstill)
        {
            PassStandstill(app, awarded);
        }
        return awarded;
    }

    /// <summary>With the lot's opening complete at <paramref name="now"/>, has <c>evaluator@demo.local</c> score its one bid 80 and awards it.</summary>
    private static async Task<AwardedLot> AwardAsync(PortalDbContext db, Tender tender, Lot lot, Bid bid, DateTime now, TimeSpan standstill)
    {
        var size = await db.Suppliers.Where(s => s.Id == bid.SupplierId).Select(s => s.SizeClass).SingleAsync();
        var evaluator = await db.Users.Where(u => u.Email == "evaluator@demo.local").Select(u => u.Id).SingleAsync();

        lot.AssignEvaluators([evaluator]);
        var sheet = EvaluationSheet.Declare(lot, tender.DeadlineUtc!.Value, evaluator, hasConflict: false, null, now);
        lot.BeginEvaluation();
        var marks = lot.Criteria.Where(c => !c.IsPrice).Select(c => new CriterionMark(c.Name, 80, "符合要求")).ToList();
        sheet.Score(lot, bid.Id, [bid.Id], marks, now);
        var scoring = BidScoring.Score(lot.ValueYuan, lot.ReservedForSmes, lot.Criteria,
            [new BidForScoring(bid.Id, bid.SupplierId, size, bid.PriceYuan!.Value, bid.SubmittedAtUtc)],
            marks.Select(m => new EvaluatorScore(evaluator, bid.Id, m.Criterion, m.Score)).ToList(),
            0.10m);
        lot.Award(bid.Id, "The only valid bid meets every requirement at a price within the budget.", scoring, evaluationComplete: true, now, standstill);
        db.EvaluationSheets.Add(sheet);
        await db.SaveChangesAsync();
        return new AwardedLot(lot.Id, bid.Id, bid.SupplierId, bid.PriceYuan!.Value, lot.StandstillEndsAtUtc!.Value);
    }

    public static void PassStandstill(PortalApp app, AwardedLot lot) =>
        app.Clock.Advance(lot.StandstillEndsAtUtc - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));

    /// <summary>Records the contract as the officer (a fresh sign-in); asserts the 201 and returns its answer.</summary>
    public static async Task<JsonElement> RecordContractAsync(PortalApp app, AwardedLot lot, decimal valueYuan)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var response = await officer.PostAsJsonAsync($"/api/v1/lots/{lot.LotId}/contract", ContractBody(valueYuan));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// What the reports should count, read straight from the tables: every lot awarded since <paramref name="startUtc"/>
    /// with its winner's declared size class, valued at its contract when there is one and at the winning price until then.
    /// </summary>
    public static Task<List<(Guid SupplierId, SizeClass SizeClass, decimal ValueYuan)>> AwardedValuesSinceAsync(PortalApp app, DateTime startUtc) =>
        app.WithDbAsync(async db =>
        {
            var awards = await (
                from l in db.Lots
                where l.AwardedBidId != null && l.AwardedAtUtc >= startUtc
                join b in db.Bids on l.AwardedBidId equals b.Id
                select new { l.Id, b.SupplierId, b.SizeClass, b.PriceYuan }).ToListAsync();
            var contracts = await db.Contracts.Select(c => new { c.LotId, c.ValueYuan }).ToDictionaryAsync(c => c.LotId, c => c.ValueYuan);
            return awards.Select(a => (a.SupplierId, a.SizeClass, contracts.TryGetValue(a.Id, out var value) ? value : a.PriceYuan!.Value)).ToList();
        });

    /// <summary>
    /// An awarded lot's contract recorded and its system marked delivered today (China time) by the officer, with a
    /// monthly fee of 10,000: the system's id. The clock moves past the lot's standstill.
    /// </summary>
    public static async Task<Guid> DeliveredSystemAsync(PortalApp app, string name)
    {
        var lot = await ArrangeAsync(app);
        var contractId = (await RecordContractAsync(app, lot, 800_000m)).GetProperty("id").GetGuid();
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime + Period.ChinaOffset);
        var delivered = await officer.PostAsJsonAsync("/api/v1/systems", new { contractId, name, deliveredOn = today.ToString("yyyy-MM-dd"), monthlyFeeYuan = 10_000m });
        Assert.Equal(HttpStatusCode.Created, delivered.StatusCode);
        return (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("system").GetProperty("id").GetGuid();
    }

    public static object ContractBody(decimal valueYuan) => new { valueYuan, startsOn = "2027-01-01", endsOn = "2027-12-31" };
}

internal sealed record AwardedLot(Guid LotId, Guid BidId, Guid SupplierId, decimal PriceYuan, DateTime StandstillEndsAtUtc);
