using Portal.Domain.Suppliers;

namespace Portal.Domain.Tenders;

/// <summary>
/// A part of a tender that is bid for, evaluated and awarded on its own. A lot reserved for SMEs (专项标段) always
/// carries the <see cref="RequirementKind.SmeOnly"/> requirement, so large firms are refused by the same check as
/// every other bar.
/// </summary>
public sealed class Lot
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8000;
    public const int MaxRequirements = 20;

    private readonly List<QualificationRequirement> _requirements = [];
    private readonly List<AwardCriterion> _criteria = [];

    private Lot()
    {
        Title = Description = "";
    }

    internal Lot(Guid tenderId, int number, LotDraft draft) : this()
    {
        Id = Guid.NewGuid();
        TenderId = tenderId;
        Number = number;
        Status = LotStatus.Draft;
        Apply(draft);
    }

    public Guid Id { get; private set; }
    public Guid TenderId { get; private set; }

    /// <summary>1-based position in the tender (标段1, 标段2, …).</summary>
    public int Number { get; private set; }

    public string Title { get; private set; }
    public string Description { get; private set; }
    public decimal ValueYuan { get; private set; }
    public bool ReservedForSmes { get; private set; }
    public LotStatus Status { get; private set; }
    public IReadOnlyList<QualificationRequirement> Requirements => _requirements;
    public IReadOnlyList<AwardCriterion> Criteria => _criteria;

    /// <summary>The users who score this lot's bids; the officer may assign them after publication.</summary>
    public List<string> EvaluatorUserIds { get; private set; } = [];

    /// <summary>When the opening began (the deadline, or later when the portal was down at it).</summary>
    public DateTime? OpeningStartedAtUtc { get; private set; }

    /// <summary>The end of the opening window: bids still sealed then are void.</summary>
    public DateTime? OpeningEndsAtUtc { get; private set; }

    /// <summary>When the opening was completed and its record published.</summary>
    public DateTime? OpeningClosedAtUtc { get; private set; }

    /// <summary>The winning bid once awarded.</summary>
    public Guid? AwardedBidId { get; private set; }

    /// <summary>Why the officer awarded to a bid that was not ranked first (or to the only valid bid).</summary>
    public string? AwardJustification { get; private set; }

    public DateTime? AwardedAtUtc { get; private set; }

    /// <summary>No contract may be recorded before this instant (the standstill period after the award).</summary>
    public DateTime? StandstillEndsAtUtc { get; private set; }

    /// <summary>Why the lot was declared unsuccessful (no acceptable bid, or the officer's reason).</summary>
    public string? UnsuccessfulReason { get; private set; }

    /// <summary>Suppliers the officer invited to bid (an invitation is a nudge, not a qualification).</summary>
    public List<Guid> InvitedSupplierIds { get; private set; } = [];

    public EligibilityResult CheckEligibility(Supplier supplier, DateOnly today) =>
        new(_requirements.Select(r => r.Check(supplier, today)).ToList());

    internal void Apply(LotDraft draft)
    {
        if (Status != LotStatus.Draft)
        {
            throw new DomainException("A lot can only be changed while its tender is a draft.");
        }
        var (title, description, value, requirements) = Check(draft);

        Title = title;
        Description = description;
        ValueYuan = value;
        ReservedForSmes = draft.ReservedForSmes;
        _requirements.Clear();
        _requirements.AddRange(requirements);
        _criteria.Clear();
        _criteria.AddRange(draft.Criteria);
    }

    /// <summary>
    /// Checks a lot as entered and returns its cleaned fields; the SME-only requirement is added for a reserved lot.
    /// <paramref name="fieldPrefix"/> (e.g. <c>lots[1]</c>) locates the lot in a larger form.
    /// </summary>
    internal static (string Title, string Description, decimal Value, List<QualificationRequirement> Requirements) Check(LotDraft draft, string? fieldPrefix = null)
    {
        string Field(string name) => fieldPrefix is null ? name : $"{fieldPrefix}.{name}";
        var title = Guard.Text(draft.Title, Field("title"), TitleMaxLength);
        var description = Guard.Text(draft.Description, Field("description"), DescriptionMaxLength);
        var value = Guard.Money(draft.ValueYuan, Field("valueYuan"), allowZero: false);
        var requirements = draft.Requirements.Where(r => r.Kind != RequirementKind.SmeOnly).ToList();
        if (draft.ReservedForSmes)
        {
            requirements.Insert(0, QualificationRequirement.SmeOnly());
        }
        if (requirements.Count > MaxRequirements)
        {
            throw new DomainException(new Phrase("A lot has at most {0} qualification requirements.", MaxRequirements), Field("requirements"));
        }
        AwardCriterion.CheckSet(draft.Criteria);
        return (title, description, value, requirements);
    }

    internal void Renumber(int number) => Number = number;

    internal static Lot Import(Guid tenderId, int number, ImportedLot imported)
    {
        var lot = new Lot { Id = Guid.NewGuid(), TenderId = tenderId, Number = number };
        lot.RefreshImport(imported);
        return lot;
    }

    internal static void CheckImported(ImportedLot imported, string field)
    {
        Guard.Text(imported.Title, $"{field}.title", TitleMaxLength);
        Guard.Text(imported.Description, $"{field}.description", DescriptionMaxLength, required: false);
        Guard.Money(imported.ValueYuan, $"{field}.value.amount");
    }

    /// <summary>An imported lot takes its source's text, value and status; it has no requirements or criteria here.</summary>
    internal void RefreshImport(ImportedLot imported)
    {
        Title = imported.Title.Trim();
        Description = imported.Description.Trim();
        ValueYuan = imported.ValueYuan;
        Status = imported.Status;
    }

    public void AssignEvaluators(IEnumerable<string> userIds)
    {
        if (Status is LotStatus.Awarded or LotStatus.Contracted or LotStatus.Unsuccessful)
        {
            throw new DomainException("Evaluators cannot change once the lot is decided.");
        }
        var ids = userIds.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("Assign at least one evaluator.", "emails");
        }
        EvaluatorUserIds = ids;
    }

    /// <summary>
    /// Invites a supplier to bid while the lot is open. Returns false when it was already invited, so the supplier is
    /// told once.
    /// </summary>
    public bool Invite(Guid supplierId)
    {
        if (Status != LotStatus.Open)
        {
            throw new DomainException("Suppliers can only be invited while the lot is open for bids.");
        }
        if (InvitedSupplierIds.Contains(supplierId))
        {
            return false;
        }
        InvitedSupplierIds.Add(supplierId);
        return true;
    }

    public const int JustificationMaxLength = 2000;

    /// <summary>The first evaluator's declaration moves a closed lot into evaluation.</summary>
    public void BeginEvaluation()
    {
        if (Status == LotStatus.Closed)
        {
            Status = LotStatus.Evaluating;
        }
    }

    /// <summary>
    /// Awards the lot to a ranked bid once every assigned evaluator has finished (or is excluded by a conflict). The top
    /// bid needs no justification unless it is the only valid one; any other bid needs a written one. A standstill
    /// period follows, during which the award notice is public and no contract may be recorded.
    /// </summary>
    public void Award(Guid bidId, string? justification, Evaluation.ScoringResult scoring, bool evaluationComplete, DateTime nowUtc, TimeSpan standstill)
    {
        Guard.Utc(nowUtc, "now");
        EnsureDecidable();
        if (!evaluationComplete)
        {
            throw DomainException.Conflict("Every assigned evaluator must submit their scores (or be excluded by a declared conflict) before the award.");
        }
        if (scoring.Outcome == Evaluation.ScoringOutcome.NoAcceptableBid)
        {
            throw DomainException.Conflict("This lot has no acceptable bid: declare it unsuccessful instead.");
        }
        var ranked = scoring.Ranking.SingleOrDefault(r => r.BidId == bidId)
            ?? throw new DomainException("This bid is not among the lot's valid, ranked bids.", "bidId");
        var text = Guard.Text(justification, "justification", JustificationMaxLength, required: false);
        if (ranked.Rank != 1 && text.Length == 0)
        {
            throw new DomainException(new Phrase("This bid is ranked {0}: write why it is awarded instead of the bid ranked first.", ranked.Rank), "justification");
        }
        if (scoring.Outcome == Evaluation.ScoringOutcome.SingleValidBid && text.Length == 0)
        {
            throw new DomainException("This is the only valid bid: write why one bid is enough to award.", "justification");
        }
        AwardedBidId = bidId;
        AwardJustification = text.Length == 0 ? null : text;
        AwardedAtUtc = nowUtc;
        StandstillEndsAtUtc = nowUtc + standstill;
        Status = LotStatus.Awarded;
    }

    /// <summary>Ends the lot without a winner (no acceptable bid, or the officer's stated reason).</summary>
    public void DeclareUnsuccessful(string reason, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        EnsureDecidable();
        UnsuccessfulReason = Guard.Text(reason, "reason", JustificationMaxLength);
        Status = LotStatus.Unsuccessful;
    }

    /// <summary>Marks the lot contracted; only after its award's standstill period.</summary>
    internal void Contract(DateTime nowUtc)
    {
        if (Status != LotStatus.Awarded)
        {
            throw DomainException.Conflict(Status == LotStatus.Contracted
                ? "This lot already has its contract."
                : "A contract is recorded only for an awarded lot.");
        }
        if (nowUtc < StandstillEndsAtUtc)
        {
            throw DomainException.Conflict(new Phrase("The standstill period runs until {0}: the contract can be recorded after it.", StandstillEndsAtUtc!.Value));
        }
        Status = LotStatus.Contracted;
    }

    private void EnsureDecidable()
    {
        switch (Status)
        {
            case LotStatus.Awarded or LotStatus.Contracted:
                throw DomainException.Conflict("This lot is already awarded.");
            case LotStatus.Unsuccessful:
                throw DomainException.Conflict("This lot was declared unsuccessful.");
            case LotStatus.Draft or LotStatus.Open:
                throw DomainException.Conflict("The lot is decided after its bidding deadline.");
            case LotStatus.Opening:
                throw DomainException.Conflict("The bids are being opened: the lot is evaluated and decided once the opening record is complete.");
        }
    }

    internal void Open() => Status = LotStatus.Open;

    /// <summary>Moves the lot from bidding to its opening at the deadline; the window runs from the deadline.</summary>
    internal void BeginOpening(DateTime deadlineUtc, TimeSpan window, DateTime nowUtc)
    {
        Status = LotStatus.Opening;
        OpeningStartedAtUtc = nowUtc;
        OpeningEndsAtUtc = deadlineUtc + window;
    }

    /// <summary>Refuses, with the reason, an unsealing outside the lot's opening window.</summary>
    public void EnsureOpening(DateTime nowUtc)
    {
        switch (Status)
        {
            case LotStatus.Draft or LotStatus.Open:
                throw DomainException.Conflict("Bids are decrypted at the opening, which begins at the bidding deadline: keep your opening key until then.");
            case LotStatus.Opening when nowUtc < OpeningEndsAtUtc:
                return;
            default:
                throw DomainException.Conflict("The opening window has ended: a bid not decrypted in it is void and treated as withdrawn (电子招标投标办法 Art. 35).");
        }
    }

    /// <summary>
    /// Completes the opening when every bid is opened (or found invalid) or the window has ended: bids still sealed
    /// become void (电子招标投标办法 Art. 35) and the lot is closed, ready for evaluation. Returns the bids it voided, or
    /// null when the opening goes on. <paramref name="bids"/> are the lot's bids, tracked.
    /// </summary>
    public IReadOnlyList<Bids.Bid>? CompleteOpening(IReadOnlyList<Bids.Bid> bids, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (Status != LotStatus.Opening)
        {
            return null;
        }
        var sealedBids = bids.Where(b => b.LotId == Id && b.Status == Bids.BidStatus.Sealed).ToList();
        if (sealedBids.Count > 0 && nowUtc < OpeningEndsAtUtc)
        {
            return null;
        }
        foreach (var bid in sealedBids)
        {
            bid.MarkVoid(nowUtc);
        }
        Status = LotStatus.Closed;
        OpeningClosedAtUtc = nowUtc;
        return sealedBids;
    }
}
