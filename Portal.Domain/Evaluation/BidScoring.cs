using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Domain.Evaluation;

/// <summary>
/// The comprehensive scoring method (综合评分法) of a lot's bids, as a plain function of the bids, the evaluators'
/// scores and the lot's terms:
/// <list type="bullet">
/// <item>A bid priced above the lot's estimated value (the budget, 采购预算) is invalid and excluded
/// (政府采购货物和服务招标投标管理办法 Art. 63).</item>
/// <item>Evaluated price: in a lot not reserved for SMEs, a small or micro enterprise's price is reduced by the deduction
/// (10–20%, 财库〔2020〕46号 Art. 9 as adjusted by 财库〔2022〕19号); otherwise the price itself.</item>
/// <item>Price score = lowest evaluated price ÷ evaluated price × price weight.</item>
/// <item>Criterion score = mean of the evaluators' scores (0–100) × weight ÷ 100.</item>
/// <item>Every score is rounded to 2 decimals (half away from zero) as it is computed; the total is the sum of the
/// rounded parts, so the published breakdown adds up exactly.</item>
/// <item>Ranking: higher total first; on equal totals, the lower evaluated price, then the lower price, then the
/// higher non-price total, then the earlier submission; bids still equal share a rank.</item>
/// </list>
/// </summary>
public static class BidScoring
{
    public const decimal MinimumDeduction = 0.10m;
    public const decimal MaximumDeduction = 0.20m;

    public static ScoringResult Score(
        decimal lotValueYuan, bool reservedForSmes, IReadOnlyList<AwardCriterion> criteria,
        IReadOnlyList<BidForScoring> bids, IReadOnlyList<EvaluatorScore> scores, decimal smallMicroDeduction)
    {
        if (smallMicroDeduction is < MinimumDeduction or > MaximumDeduction)
        {
            throw new DomainException(
                new Phrase("The small and micro enterprise price deduction must be between {0} and {1} (财库〔2022〕19号).",
                    SmeReservation.Percent(MinimumDeduction), SmeReservation.Percent(MaximumDeduction)),
                "smallMicroDeduction");
        }
        var price = criteria.Single(c => c.IsPrice);
        var qualitative = criteria.Where(c => !c.IsPrice).ToList();
        CheckScores(qualitative, bids, scores);

        var excluded = bids
            .Where(b => b.PriceYuan > lotValueYuan)
            .Select(b => new ExcludedBid(b.BidId, b.SupplierId, ExclusionReason(b.PriceYuan, lotValueYuan)))
            .ToList();
        var valid = bids.Where(b => b.PriceYuan <= lotValueYuan).ToList();
        if (valid.Count == 0)
        {
            return new ScoringResult(ScoringOutcome.NoAcceptableBid, [], excluded);
        }

        var deducts = !reservedForSmes;
        decimal Evaluated(BidForScoring b) => deducts && b.SizeClass.IsSmallOrMicro()
            ? Math.Round(b.PriceYuan * (1 - smallMicroDeduction), 2, MidpointRounding.AwayFromZero)
            : b.PriceYuan;
        var lowest = valid.Min(Evaluated);

        var scored = valid.Select(bid =>
        {
            var evaluated = Evaluated(bid);
            var priceScore = Round(lowest / evaluated * price.Weight);
            var parts = qualitative.Select(criterion =>
            {
                var given = scores.Where(s => s.BidId == bid.BidId && s.Criterion == criterion.Name).OrderBy(s => s.EvaluatorId, StringComparer.Ordinal).ToList();
                var mean = Round(given.Average(s => s.Score));
                return new CriterionScore(criterion.Name, criterion.Weight, mean, Round(mean * criterion.Weight / 100m),
                    given.Select(s => new EvaluatorMark(s.EvaluatorId, s.Score)).ToList());
            }).ToList();
            var nonPrice = parts.Sum(p => p.WeightedScore);
            return (Bid: bid, Evaluated: evaluated, PriceScore: priceScore, Parts: parts, NonPrice: nonPrice, Total: priceScore + nonPrice);
        }).ToList();

        var ordered = scored
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Evaluated)
            .ThenBy(s => s.Bid.PriceYuan)
            .ThenByDescending(s => s.NonPrice)
            .ThenBy(s => s.Bid.SubmittedAtUtc)
            .ToList();
        var ranking = new List<RankedBid>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var tiedWithPrevious = i > 0 && SameStanding(ordered[i - 1], s);
            var rank = tiedWithPrevious ? ranking[i - 1].Rank : i + 1;
            ranking.Add(new RankedBid(s.Bid.BidId, s.Bid.SupplierId, s.Bid.SizeClass, s.Bid.PriceYuan, s.Evaluated,
                s.PriceScore, s.Parts, s.Total, rank));
        }
        return new ScoringResult(valid.Count == 1 ? ScoringOutcome.SingleValidBid : ScoringOutcome.Ranked, ranking, excluded);

        static bool SameStanding((BidForScoring Bid, decimal Evaluated, decimal PriceScore, List<CriterionScore> Parts, decimal NonPrice, decimal Total) a,
            (BidForScoring Bid, decimal Evaluated, decimal PriceScore, List<CriterionScore> Parts, decimal NonPrice, decimal Total) b) =>
            a.Total == b.Total && a.Evaluated == b.Evaluated && a.Bid.PriceYuan == b.Bid.PriceYuan && a.NonPrice == b.NonPrice
            && a.Bid.SubmittedAtUtc == b.Bid.SubmittedAtUtc;
    }

    /// <summary>Why a bid is left out of the ranking: its price is above the lot's budget.</summary>
    public static Phrase ExclusionReason(decimal priceYuan, decimal lotValueYuan) =>
        new Phrase("The price ({0}) exceeds the lot's budget ({1}): the bid is invalid.", new Yuan(priceYuan), new Yuan(lotValueYuan));

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Every bid has a 0–100 score for every non-price criterion from each evaluator who scored, and nothing else.</summary>
    private static void CheckScores(IReadOnlyList<AwardCriterion> qualitative, IReadOnlyList<BidForScoring> bids, IReadOnlyList<EvaluatorScore> scores)
    {
        var outOfRange = scores.FirstOrDefault(s => s.Score is < 0 or > 100);
        if (outOfRange is not null)
        {
            throw new DomainException(new Phrase("Scores are between 0 and 100; {0} was given for '{1}'.", outOfRange.Score, outOfRange.Criterion), "score");
        }
        var names = qualitative.Select(c => c.Name).ToHashSet();
        var bidIds = bids.Select(b => b.BidId).ToHashSet();
        var stray = scores.FirstOrDefault(s => !names.Contains(s.Criterion) || !bidIds.Contains(s.BidId));
        if (stray is not null)
        {
            throw new DomainException(new Phrase("A score for '{0}' does not belong to a non-price criterion and bid of this lot.", stray.Criterion), "criterion");
        }
        var evaluators = scores.Select(s => s.EvaluatorId).Distinct().ToList();
        if (qualitative.Count > 0 && evaluators.Count == 0 && bids.Count > 0)
        {
            throw new DomainException("No evaluator has scored the bids yet.");
        }
        foreach (var evaluator in evaluators)
        {
            foreach (var bid in bids)
            {
                foreach (var criterion in qualitative)
                {
                    var count = scores.Count(s => s.EvaluatorId == evaluator && s.BidId == bid.BidId && s.Criterion == criterion.Name);
                    if (count != 1)
                    {
                        throw new DomainException(count == 0
                            ? new Phrase("Evaluator {0} has not scored '{1}' for every bid.", evaluator, criterion.Name)
                            : new Phrase("Evaluator {0} scored '{1}' of one bid {2} times.", evaluator, criterion.Name, count));
                    }
                }
            }
        }
    }
}

public sealed record BidForScoring(Guid BidId, Guid SupplierId, SizeClass SizeClass, decimal PriceYuan, DateTime SubmittedAtUtc);

public sealed record EvaluatorScore(string EvaluatorId, Guid BidId, string Criterion, decimal Score);

public enum ScoringOutcome
{
    /// <summary>Two or more valid bids, ranked.</summary>
    Ranked,

    /// <summary>Exactly one valid bid: it is scored, and the officer decides whether competition was sufficient.</summary>
    SingleValidBid,

    /// <summary>No valid bid (none received, or all above the budget): the lot can only be declared unsuccessful.</summary>
    NoAcceptableBid,
}

public sealed record ScoringResult(ScoringOutcome Outcome, IReadOnlyList<RankedBid> Ranking, IReadOnlyList<ExcludedBid> Excluded);

public sealed record RankedBid(
    Guid BidId, Guid SupplierId, SizeClass SizeClass, decimal PriceYuan, decimal EvaluatedPriceYuan, decimal PriceScore,
    IReadOnlyList<CriterionScore> Criteria, decimal TotalScore, int Rank);

public sealed record CriterionScore(string Criterion, int Weight, decimal MeanScore, decimal WeightedScore, IReadOnlyList<EvaluatorMark> Marks);

public sealed record EvaluatorMark(string EvaluatorId, decimal Score);

public sealed record ExcludedBid(Guid BidId, Guid SupplierId, Phrase Reason);
