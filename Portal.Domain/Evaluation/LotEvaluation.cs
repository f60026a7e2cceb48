using Portal.Domain.Tenders;

namespace Portal.Domain.Evaluation;

/// <summary>
/// Where a lot's evaluation stands: which assigned evaluators are excluded by a declared conflict, which have scored
/// every bid, and which have not finished (no declaration yet, or bids left to score). The evaluation is complete when
/// no assigned evaluator is pending; the lot is scored over the sheets of the evaluators who finished without a conflict.
/// Sheets of evaluators no longer assigned to the lot do not count.
/// </summary>
public sealed class LotEvaluation
{
    private readonly Lot _lot;
    private readonly IReadOnlyList<BidForScoring> _bids;

    private LotEvaluation(Lot lot, IReadOnlyList<EvaluationSheet> sheets, IReadOnlyList<BidForScoring> bids)
    {
        _lot = lot;
        _bids = bids;
        var bidIds = bids.Select(b => b.BidId).ToList();
        var assigned = sheets.Where(s => s.LotId == lot.Id && lot.EvaluatorUserIds.Contains(s.EvaluatorUserId)).ToList();
        Conflicted = assigned.Where(s => s.HasConflict).ToList();
        Finished = assigned.Where(s => !s.HasConflict && s.HasScoredAll(bidIds)).ToList();
        Pending = lot.EvaluatorUserIds
            .Where(id => !Conflicted.Any(s => s.EvaluatorUserId == id) && !Finished.Any(s => s.EvaluatorUserId == id))
            .ToList();
    }

    /// <summary>The lot's evaluation from its sheets and the bids to score (the lot's active bids at the deadline).</summary>
    public static LotEvaluation Of(Lot lot, IReadOnlyList<EvaluationSheet> sheets, IReadOnlyList<BidForScoring> bids) => new(lot, sheets, bids);

    /// <summary>Assigned evaluators excluded by the conflict of interest they declared.</summary>
    public IReadOnlyList<EvaluationSheet> Conflicted { get; }

    /// <summary>Assigned evaluators without a conflict who scored every bid.</summary>
    public IReadOnlyList<EvaluationSheet> Finished { get; }

    /// <summary>Assigned evaluators who have not declared, or have bids left to score.</summary>
    public IReadOnlyList<string> Pending { get; }

    /// <summary>Every assigned evaluator has either scored every bid or is excluded by a conflict.</summary>
    public bool IsComplete => Pending.Count == 0;

    /// <summary>
    /// The lot's scoring over the finished sheets (a provisional ranking while others are pending); null when bids
    /// need scores and nobody has finished scoring them.
    /// </summary>
    public ScoringResult? Score(decimal smallMicroDeduction)
    {
        var needsScores = _bids.Count > 0 && _lot.Criteria.Any(c => !c.IsPrice);
        if (needsScores && Finished.Count == 0)
        {
            return null;
        }
        var scores = Finished
            .SelectMany(s => s.Marks.Select(m => new EvaluatorScore(s.EvaluatorUserId, m.BidId, m.Criterion, m.Score)))
            .ToList();
        return BidScoring.Score(_lot.ValueYuan, _lot.ReservedForSmes, _lot.Criteria, _bids, scores, smallMicroDeduction);
    }

    /// <summary>
    /// Awards the lot to a bid (see <see cref="Lot.Award"/>): only once the evaluation is complete, and only when at least
    /// one evaluator without a conflict scored the bids.
    /// </summary>
    public void Award(Guid bidId, string? justification, decimal smallMicroDeduction, DateTime nowUtc, TimeSpan standstill)
    {
        var scoring = Score(smallMicroDeduction);
        if (scoring is null && IsComplete && _lot.Status is LotStatus.Closed or LotStatus.Evaluating)
        {
            throw DomainException.Conflict(
                "Every assigned evaluator declared a conflict of interest: assign another evaluator to score the bids before the award.");
        }
        // Without a scoring the lot refuses before looking at it: it is decided already, or the evaluation is not complete.
        _lot.Award(bidId, justification, scoring ?? Unscored, IsComplete, nowUtc, standstill);
    }

    private static readonly ScoringResult Unscored = new(ScoringOutcome.NoAcceptableBid, [], []);
}
