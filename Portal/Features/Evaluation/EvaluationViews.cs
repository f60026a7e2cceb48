using Portal.Domain.Evaluation;
using Portal.Features.Bidding;
using Portal.Features.Tenders;

namespace Portal.Features.Evaluation;

/// <summary>A score as the API receives it (missing fields are refused with the reason).</summary>
public sealed record MarkInput(string? Criterion, decimal? Score, string? Comment);

/// <summary>
/// An assigned evaluator and how far they have got: <c>notDeclared</c>, <c>conflict</c> (excluded), <c>scoring</c>
/// (<see cref="ScoredBids"/> of <see cref="BidCount"/>) or <c>finished</c>.
/// </summary>
public sealed record EvaluatorProgress(string Email, string State, int ScoredBids, int BidCount, string? ConflictNote);

public sealed record DeclarationView(bool HasConflict, string? Note, DateTime DeclaredAt)
{
    public static DeclarationView From(EvaluationSheet sheet) => new(sheet.HasConflict, sheet.ConflictNote, sheet.DeclaredAtUtc);
}

/// <summary>A locked score; <see cref="Evaluator"/> is null for the caller's own.</summary>
public sealed record MarkView(string? Evaluator, string Criterion, decimal Score, string Comment, DateTime SubmittedAt)
{
    public static MarkView Own(BidMark mark) => Of(null, mark);

    public static MarkView Of(string? evaluator, BidMark mark) => new(evaluator, mark.Criterion, mark.Score, mark.Comment, mark.SubmittedAtUtc);
}

/// <summary>The caller's locked scores of one bid and how many bids are left to score.</summary>
public sealed record ScoreReceipt(Guid BidId, IReadOnlyList<MarkView> Scores, int BidsLeft);

/// <summary>One bid as its evaluator scores it: the bid, their own scores, and the others' once they have scored every bid.</summary>
public sealed record BidToScore(BidView Bid, IReadOnlyList<MarkView> MyScores, IReadOnlyList<MarkView>? OtherScores);

public sealed record EvaluatorLotView(
    Guid LotId, string TenderTitle, int Number, string Title, string Status, DateTime Deadline, bool BidsUnsealed,
    IReadOnlyList<CriterionView> Criteria, DeclarationView? Declaration, IReadOnlyList<BidToScore> Bids, bool SeesOtherScores);

public sealed record CriterionScoreView(string Criterion, int Weight, decimal MeanScore, decimal WeightedScore, IReadOnlyList<MarkView>? Marks);

public sealed record RankedBidView(
    Guid BidId, Guid SupplierId, string SupplierName, string SizeClass, decimal PriceYuan, decimal EvaluatedPriceYuan,
    decimal PriceScore, decimal TotalScore, int Rank, IReadOnlyList<CriterionScoreView> Criteria);

public sealed record ExcludedBidView(Guid BidId, Guid SupplierId, string SupplierName, decimal PriceYuan, string Reason);

public sealed record ConflictView(string Evaluator, string Note);

/// <summary>
/// The officer's ranking. <see cref="Outcome"/> is <c>ranked</c>, <c>singleValidBid</c>, <c>noAcceptableBid</c>, or null
/// while no evaluator has scored every bid; <see cref="Complete"/> says whether every assigned evaluator has finished
/// (or is excluded), i.e. whether the ranking is final and the lot may be awarded. Once the lot is awarded it is the
/// ranking stored with the award (<see cref="LotAwardRecord"/>). <see cref="SmallMicroPriceDeduction"/> is the tender's
/// frozen deduction the prices were evaluated with (null in a lot reserved for SMEs, where no price is reduced).
/// </summary>
public sealed record RankingView(
    Guid LotId, string TenderTitle, int Number, string Title, string Status, bool ReservedForSmes, decimal ValueYuan,
    string? Outcome, bool Complete, IReadOnlyList<RankedBidView> Items, IReadOnlyList<ExcludedBidView> Excluded,
    IReadOnlyList<EvaluatorProgress> Evaluators, IReadOnlyList<ConflictView> Conflicts, IReadOnlyList<string> PendingEvaluators,
    Guid? AwardedBidId, string? AwardJustification, DateTime? StandstillEndsAt, string? UnsuccessfulReason,
    decimal? SmallMicroPriceDeduction = null);

/// <summary>
/// The public award notice (中标公告): the winner with its size class, declaration letter, price and scores, and the
/// small and micro enterprise price deduction applied (null in a lot reserved for SMEs). Stored with the award.
/// </summary>
public sealed record AwardNotice(
    Guid LotId, string TenderTitle, string Buyer, int Number, string Title, string Status, RankedBidView Winner,
    string Declaration, string? Justification, DateTime AwardedAt, DateTime StandstillEndsAt,
    decimal? SmallMicroPriceDeduction = null);

public sealed record UnsuccessfulView(Guid LotId, string Status, string Reason);
