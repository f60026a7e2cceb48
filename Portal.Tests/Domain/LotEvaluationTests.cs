using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Evaluation;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>When a lot's evaluation is complete, what it is scored over, and when the award may follow.</summary>
public sealed class LotEvaluationTests
{
    private static readonly DateTime Deadline = Now.AddDays(14);
    private static readonly DateTime After = Deadline.AddHours(1);

    /// <summary>A closed lot (1,000,000; Price 40 / Technical solution 45 / Service and maintenance 15) with a small and a large firm's bid.</summary>
    private static (Lot Lot, IReadOnlyList<BidForScoring> Bids) ClosedLot(params string[] evaluators)
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Deadline, Now, TimeSpan.FromDays(10));
        lot.AssignEvaluators(evaluators);
        var small = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 900_000m, "A", Now.AddDays(1));
        var large = SealedBid(tender, lot, SupplierOfSize(SizeClass.Large), 800_000m, "B", Now.AddDays(2));
        OpenAll(tender, Deadline, small, large);
        return (lot, [
            new BidForScoring(small.Id, small.SupplierId, SizeClass.Small, small.PriceYuan!.Value, small.SubmittedAtUtc),
            new BidForScoring(large.Id, large.SupplierId, SizeClass.Large, large.PriceYuan!.Value, large.SubmittedAtUtc)]);
    }

    private static EvaluationSheet Scored(Lot lot, string evaluator, IReadOnlyList<BidForScoring> bids, params decimal[] technicalPerBid)
    {
        var sheet = EvaluationSheet.Declare(lot, Deadline, evaluator, hasConflict: false, null, After);
        foreach (var (bid, technical) in bids.Zip(technicalPerBid))
        {
            sheet.Score(lot, bid.BidId, bids.Select(b => b.BidId).ToList(),
                [new CriterionMark("Technical solution", technical, null), new CriterionMark("Service and maintenance", 60, null)], After);
        }
        return sheet;
    }

    [Fact]
    public void TheEvaluationIsCompleteWhenEveryAssignedEvaluatorScoredAllBidsOrIsExcluded()
    {
        var (lot, bids) = ClosedLot("e1", "e2", "e3");
        var finished = Scored(lot, "e1", bids, 80, 70);
        var halfway = Scored(lot, "e2", bids, 90);
        var conflicted = EvaluationSheet.Declare(lot, Deadline, "e3", hasConflict: true, "Former employer of a bidder.", After);

        var evaluation = LotEvaluation.Of(lot, [finished, halfway, conflicted], bids);

        Assert.False(evaluation.IsComplete);
        Assert.Equal(["e2"], evaluation.Pending);
        Assert.Equal(["e3"], evaluation.Conflicted.Select(s => s.EvaluatorUserId));
        var refused = Assert.Throws<DomainException>(() => evaluation.Award(bids[0].BidId, null, 0.10m, After, TimeSpan.FromDays(7)));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Null(lot.AwardedBidId);
        // The provisional ranking counts only e1: the small firm's 900,000 is evaluated at 810,000, the large firm's
        // 800,000 is the lowest → 800,000 / 810,000 × 40 = 39.506 → 39.51; 80 × 0.45 = 36, 60 × 0.15 = 9 → 84.51.
        Assert.Equal(84.51m, evaluation.Score(0.10m)!.Ranking.Single(r => r.BidId == bids[0].BidId).TotalScore);
    }

    [Fact]
    public void TheLotIsAwardedOnceEveryoneFinishedAndNotWhenEveryoneIsExcluded()
    {
        var (lot, bids) = ClosedLot("e1", "e2");
        var excludedAll = LotEvaluation.Of(lot, [
            EvaluationSheet.Declare(lot, Deadline, "e1", true, "Related to a bidder.", After),
            EvaluationSheet.Declare(lot, Deadline, "e2", true, "Related to a bidder.", After)], bids);
        var nobody = Assert.Throws<DomainException>(() => excludedAll.Award(bids[0].BidId, null, 0.10m, After, TimeSpan.FromDays(7)));

        var done = LotEvaluation.Of(lot, [Scored(lot, "e1", bids, 80, 70), Scored(lot, "e2", bids, 85, 60)], bids);
        done.Award(bids[0].BidId, null, 0.10m, After, TimeSpan.FromDays(7));

        Assert.True(excludedAll.IsComplete);
        Assert.Null(excludedAll.Score(0.10m));
        Assert.Contains("assign another evaluator", nobody.Message);
        Assert.Equal(LotStatus.Awarded, lot.Status);
        Assert.Equal(bids[0].BidId, lot.AwardedBidId);
        Assert.Equal(After.AddDays(7), lot.StandstillEndsAtUtc);
    }

    [Fact]
    public void SheetsOfEvaluatorsNoLongerAssignedDoNotCount()
    {
        var (lot, bids) = ClosedLot("e1", "e2");
        var former = Scored(lot, "e2", bids, 10, 10);
        lot.AssignEvaluators(["e1"]);

        var evaluation = LotEvaluation.Of(lot, [former], bids);

        Assert.Equal(["e1"], evaluation.Pending);
        Assert.Empty(evaluation.Finished);
        Assert.Null(evaluation.Score(0.10m));
    }
}
