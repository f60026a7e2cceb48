using Portal.Domain.Tenders;

namespace Portal.Domain.Evaluation;

/// <summary>
/// One assigned evaluator's work on one lot. After the deadline the evaluator first declares whether they have a
/// conflict of interest with any bidder (a conflict excludes them from the lot); then scores each bid's non-price
/// criteria, 0–100 with a comment. Scores submitted for a bid are locked. Other evaluators' scores stay hidden until
/// the evaluator has scored every bid.
/// </summary>
public sealed class EvaluationSheet
{
    public const int NoteMaxLength = 1000;
    public const int CommentMaxLength = 1000;

    private readonly List<BidMark> _marks = [];

    private EvaluationSheet()
    {
        EvaluatorUserId = "";
    }

    public Guid Id { get; private set; }
    public Guid LotId { get; private set; }
    public string EvaluatorUserId { get; private set; }

    /// <summary>True when the evaluator declared a conflict of interest (and is excluded), false when they declared none.</summary>
    public bool HasConflict { get; private set; }

    public string? ConflictNote { get; private set; }
    public DateTime DeclaredAtUtc { get; private set; }

    /// <summary>The locked scores, one per bid and non-price criterion.</summary>
    public IReadOnlyList<BidMark> Marks => _marks;

    /// <summary>
    /// The declaration that opens the sheet: only an evaluator assigned to the lot, only after the bidding deadline.
    /// A conflict needs a note saying with whom and why.
    /// </summary>
    public static EvaluationSheet Declare(Lot lot, DateTime deadlineUtc, string evaluatorUserId, bool hasConflict, string? note, DateTime nowUtc)
    {
        EnsureMayEvaluate(lot, deadlineUtc, evaluatorUserId, nowUtc);
        var text = Guard.Text(note, "note", NoteMaxLength, required: hasConflict);
        return new EvaluationSheet
        {
            Id = Guid.NewGuid(),
            LotId = lot.Id,
            EvaluatorUserId = evaluatorUserId,
            HasConflict = hasConflict,
            ConflictNote = text.Length == 0 ? null : text,
            DeclaredAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// Refuses, with the reason, an evaluator who may not declare or score on this lot now: one not assigned to it,
    /// before the bidding deadline, or once the lot is decided.
    /// </summary>
    public static void EnsureMayEvaluate(Lot lot, DateTime deadlineUtc, string evaluatorUserId, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (!lot.EvaluatorUserIds.Contains(evaluatorUserId))
        {
            throw DomainException.Forbidden("You are not assigned to evaluate this lot.");
        }
        if (nowUtc < deadlineUtc)
        {
            throw DomainException.Conflict(new Phrase("Evaluation starts after the bidding deadline ({0}).", deadlineUtc));
        }
        if (lot.Status == LotStatus.Opening)
        {
            throw DomainException.Conflict("The bids are being opened: evaluation starts once the opening record is complete.");
        }
        if (lot.Status is not (LotStatus.Closed or LotStatus.Evaluating))
        {
            throw DomainException.Conflict("This lot is not under evaluation.");
        }
    }

    /// <summary>
    /// Submits and locks the scores of one bid, one per non-price criterion of the lot.
    /// </summary>
    public void Score(Lot lot, Guid bidId, IReadOnlyCollection<Guid> bidsToScore, IReadOnlyList<CriterionMark> marks, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (lot.Id != LotId)
        {
            throw new InvalidOperationException("The sheet belongs to another lot.");
        }
        if (HasConflict)
        {
            throw DomainException.Forbidden("You declared a conflict of interest: you are excluded from scoring this lot.");
        }
        if (lot.Status is not (LotStatus.Closed or LotStatus.Evaluating))
        {
            throw DomainException.Conflict("This lot is no longer under evaluation.");
        }
        if (!bidsToScore.Contains(bidId))
        {
            throw new DomainException("This lot has no valid bid with this id.", "bidId");
        }
        if (_marks.Any(m => m.BidId == bidId))
        {
            throw DomainException.Conflict("Your scores for this bid are submitted and locked.");
        }
        var criteria = lot.Criteria.Where(c => !c.IsPrice).Select(c => c.Name).ToList();
        var given = marks.Select(m => m.Criterion.Trim()).ToList();
        var unknown = given.FirstOrDefault(name => !criteria.Contains(name));
        if (unknown is not null)
        {
            throw new DomainException(lot.Criteria.Any(c => c.IsPrice && c.Name == unknown)
                ? new Phrase("'{0}' is the price criterion: it is computed from the prices, not scored.", unknown)
                : new Phrase("'{0}' is not a criterion of this lot; score {1}.", unknown, Quoted(criteria)), "scores.criterion");
        }
        var missing = criteria.Where(c => !given.Contains(c)).ToList();
        if (missing.Count > 0 || given.Distinct().Count() != given.Count)
        {
            throw new DomainException(new Phrase("Give exactly one score for each of: {0}.", Quoted(criteria)), "scores");
        }
        foreach (var mark in marks)
        {
            if (mark.Score is < 0 or > 100 || decimal.Round(mark.Score, 2) != mark.Score)
            {
                throw new DomainException(new Phrase("The score for '{0}' must be between 0 and 100 (at most two decimals).", mark.Criterion.Trim()), "scores.score");
            }
            Guard.Text(mark.Comment, "scores.comment", CommentMaxLength, required: false);
        }
        _marks.AddRange(marks.Select(m => new BidMark(bidId, m.Criterion.Trim(), m.Score, (m.Comment ?? "").Trim(), nowUtc)));
    }

    /// <summary>The officer's criterion names, each in quotes: the user's own text, the same in every language.</summary>
    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => "'" + name + "'"));

    /// <summary>Whether every given bid is scored: only then may the evaluator see the others' scores.</summary>
    public bool HasScoredAll(IReadOnlyCollection<Guid> bidsToScore) =>
        HasConflict || bidsToScore.All(id => _marks.Any(m => m.BidId == id));
}

/// <summary>A score as an evaluator gives it.</summary>
public sealed record CriterionMark(string Criterion, decimal Score, string? Comment);

/// <summary>A locked score of one bid on one criterion.</summary>
public sealed class BidMark
{
    private BidMark()
    {
        Criterion = Comment = "";
    }

    internal BidMark(Guid bidId, string criterion, decimal score, string comment, DateTime submittedAtUtc)
    {
        BidId = bidId;
        Criterion = criterion;
        Score = score;
        Comment = comment;
        SubmittedAtUtc = submittedAtUtc;
    }

    public Guid BidId { get; private set; }
    public string Criterion { get; private set; }
    public decimal Score { get; private set; }
    public string Comment { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }
}
