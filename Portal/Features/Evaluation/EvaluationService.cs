using Microsoft.EntityFrameworkCore;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Evaluation;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;
using Portal.Features.Bidding;
using Portal.Features.Notifications;
using Portal.Features.Tenders;
using Portal.Localization;

namespace Portal.Features.Evaluation;

/// <summary>
/// Evaluation and award of a lot after its deadline: the officer assigns evaluators; each declares on conflicts of
/// interest, then scores every bid independently; the officer reads the ranking and awards (or declares the lot
/// unsuccessful); the award notice is public. Every rule is the domain's (<see cref="EvaluationSheet"/>,
/// <see cref="LotEvaluation"/>, <see cref="BidScoring"/>, <see cref="Lot"/>); this class loads, saves and notifies.
/// The bids scored are those opened and valid at the opening (no bid changes after the deadline). Scoring and the
/// standstill use the terms the tender was published with, never today's settings; the award stores its ranking and
/// notice (<see cref="LotAwardRecord"/>), which are read back from then on.
/// </summary>
public sealed class EvaluationService(
    IDbContextFactory<PortalDbContext> contexts,
    BidService bids,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Assigns the lot's evaluators by e-mail, replacing the previous list; every address must belong to a user with the
    /// Evaluator role. Null when there is no such lot.
    /// </summary>
    public async Task<IReadOnlyList<EvaluatorProgress>?> AssignAsync(Guid lotId, IReadOnlyList<string?>? emails, CancellationToken cancellationToken = default)
    {
        var given = (emails ?? []).Select(e => (e ?? "").Trim()).Where(e => e.Length > 0).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null)
        {
            return null;
        }
        var normalized = given.Select(e => e.ToUpperInvariant()).Distinct().ToList();
        var evaluatorRole = db.Roles.Where(r => r.Name == Roles.Evaluator).Select(r => r.Id);
        var evaluators = await db.Users
            .Where(u => normalized.Contains(u.NormalizedEmail!))
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && evaluatorRole.Contains(ur.RoleId)))
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, cancellationToken);
        var unknown = given.FirstOrDefault(e => !evaluators.ContainsKey(e.ToUpperInvariant()));
        if (unknown is not null)
        {
            throw new DomainException(new Phrase("{0} is not the e-mail address of a user with the Evaluator role.", unknown), "emails");
        }
        lot.AssignEvaluators(given.Select(e => evaluators[e.ToUpperInvariant()]));
        await db.SaveChangesAsync(cancellationToken);
        return (await LoadAsync(db, lot, cancellationToken)).Progress();
    }

    /// <summary>The assigned evaluators and how far each has got; null when there is no such lot.</summary>
    public async Task<IReadOnlyList<EvaluatorProgress>?> EvaluatorsAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lot = await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        return lot is null ? null : (await LoadAsync(db, lot, cancellationToken)).Progress();
    }

    /// <summary>
    /// The evaluator's declaration on conflicts of interest, which opens their sheet; the first one moves the lot into
    /// evaluation. A declaration is made once. Null when there is no published lot with this id.
    /// </summary>
    public async Task<DeclarationView?> DeclareAsync(Guid lotId, string userId, bool? hasConflict, string? note, CancellationToken cancellationToken = default)
    {
        var conflict = hasConflict ?? throw new DomainException(
            "Say whether you have a conflict of interest with any bidder of this lot (hasConflict true or false).", "hasConflict");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        var sheet = EvaluationSheet.Declare(lot, tender.DeadlineUtc!.Value, userId, conflict, note, Now);
        if (await db.EvaluationSheets.AnyAsync(s => s.LotId == lotId && s.EvaluatorUserId == userId, cancellationToken))
        {
            throw AlreadyDeclared();
        }
        lot.BeginEvaluation();
        db.EvaluationSheets.Add(sheet);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same evaluator declared in another window at the same moment: the unique index kept the first.
            throw AlreadyDeclared();
        }
        return DeclarationView.From(sheet);
    }

    /// <summary>
    /// Submits and locks the evaluator's scores of one bid. Null when there is no published lot with this id.
    /// </summary>
    public async Task<ScoreReceipt?> ScoreAsync(Guid lotId, string userId, Guid? bidId, IReadOnlyList<MarkInput>? scores, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        EvaluationSheet.EnsureMayEvaluate(lot, tender.DeadlineUtc!.Value, userId, Now);
        var sheet = await db.EvaluationSheets.SingleOrDefaultAsync(s => s.LotId == lotId && s.EvaluatorUserId == userId, cancellationToken)
            ?? throw DomainException.Conflict("Declare first whether you have a conflict of interest with any bidder: scoring opens after the declaration.");
        var bid = bidId ?? throw new DomainException("Name the bid you score (bidId).", "bidId");
        var marks = (scores ?? []).Select(s => new CriterionMark(
            s.Criterion ?? "",
            s.Score ?? throw new DomainException(new Phrase("Give a score between 0 and 100 for '{0}'.", s.Criterion), "scores.score"),
            s.Comment)).ToList();
        var toScore = await db.Bids.Where(b => b.LotId == lotId && b.Status == BidStatus.Opened).Select(b => b.Id).ToListAsync(cancellationToken);
        sheet.Score(lot, bid, toScore, marks, Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same scores were submitted in another window at the same moment: the first one stands.
            throw DomainException.Conflict("Your scores for this bid are submitted and locked.");
        }
        return new ScoreReceipt(bid, InCriteriaOrder(lot, sheet.Marks.Where(m => m.BidId == bid)).Select(MarkView.Own).ToList(),
            toScore.Count(id => sheet.Marks.All(m => m.BidId != id)));
    }

    /// <summary>
    /// An assigned evaluator's view of a lot: its bids once the deadline has passed (price, proposal, declaration letter,
    /// attachments), the evaluator's own locked scores, and the other evaluators' scores only once the evaluator has
    /// scored every bid. Refused for anyone not assigned; null when there is no published lot with this id.
    /// </summary>
    public async Task<EvaluatorLotView?> ForEvaluatorAsync(Guid lotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotReadOnlyAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        if (LotLookups.ReaderOf(lot, userId, isOfficer: false, isBidder: false) != BidReader.AssignedEvaluator)
        {
            throw DomainException.Forbidden("You are not assigned to evaluate this lot.");
        }
        var deadline = tender.DeadlineUtc!.Value;
        var unsealed = Bid.MayBeReadBy(BidReader.AssignedEvaluator, deadline, Now);
        var lotBids = unsealed
            ? (await bids.ForLotAsync(lotId, userId, isOfficer: false, cancellationToken) ?? []).Where(b => b.Status == BidStatus.Opened).ToList()
            : [];
        var sheets = await db.EvaluationSheets.AsNoTracking().Where(s => s.LotId == lotId).ToListAsync(cancellationToken);
        var mine = sheets.SingleOrDefault(s => s.EvaluatorUserId == userId);
        var seesOthers = mine is { HasConflict: false } && lotBids.Count > 0 && mine.HasScoredAll(lotBids.Select(b => b.Id).ToList());
        var others = sheets.Where(s => s != mine && !s.HasConflict).ToList();
        var emails = await EmailsAsync(db, others.Select(s => s.EvaluatorUserId), cancellationToken);
        return new EvaluatorLotView(
            lot.Id, tender.Title, lot.Number, lot.Title, LotStatuses.ToKey(lot.Status), deadline, unsealed,
            lot.Criteria.Where(c => !c.IsPrice).Select(CriterionView.From).ToList(),
            mine is null ? null : DeclarationView.From(mine),
            lotBids.Select(b => new BidToScore(
                b,
                InCriteriaOrder(lot, mine?.Marks.Where(m => m.BidId == b.Id) ?? []).Select(MarkView.Own).ToList(),
                seesOthers
                    ? others.OrderBy(s => emails[s.EvaluatorUserId], StringComparer.Ordinal)
                        .SelectMany(s => InCriteriaOrder(lot, s.Marks.Where(m => m.BidId == b.Id)).Select(m => MarkView.Of(emails[s.EvaluatorUserId], m))).ToList()
                    : null)).ToList(),
            seesOthers);
    }

    /// <summary>
    /// The officer's ranking after the deadline: every valid bid with its price score and each criterion's mean with
    /// every evaluator's score, the excluded bids with the reason, who is excluded by a conflict and who has not
    /// finished. A provisional ranking over the finished evaluators while others are pending; once the lot is awarded,
    /// the ranking stored with the award. Null when there is no published lot with this id.
    /// </summary>
    public async Task<RankingView?> RankingAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotReadOnlyAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        LotLookups.EnsureUnsealedFor(BidReader.Officer, tender, Now);
        if (await RecordOfAsync(db, lot, cancellationToken) is { } record)
        {
            var stored = record.Ranking();
            return stored with
            {
                // Stored with the award in the awarding officer's language: each reader gets the reason in theirs.
                Excluded = stored.Excluded
                    .Select(e => e with { Reason = PortalText.Render(BidScoring.ExclusionReason(e.PriceYuan, stored.ValueYuan)) }).ToList(),
                Status = LotStatuses.ToKey(lot.Status),
                AwardedBidId = lot.AwardedBidId,
                AwardJustification = lot.AwardJustification,
                StandstillEndsAt = lot.StandstillEndsAtUtc,
                UnsuccessfulReason = lot.UnsuccessfulReason,
            };
        }
        return Ranking(tender, lot, await LoadAsync(db, lot, cancellationToken));
    }

    /// <summary>The lot's ranking scored now, with the deduction its tender was published with.</summary>
    private static RankingView Ranking(Tender tender, Lot lot, LotState state)
    {
        var deduction = TermsOf(tender).SmallMicroPriceDeduction;
        var scoring = state.Evaluation.Score(deduction);
        return new RankingView(
            lot.Id, tender.Title, lot.Number, lot.Title, LotStatuses.ToKey(lot.Status), lot.ReservedForSmes, lot.ValueYuan,
            scoring is null ? null : RequirementKinds.Camel(scoring.Outcome.ToString()),
            state.Evaluation.IsComplete,
            scoring?.Ranking.Select(r => state.Ranked(r, withMarks: true)).ToList() ?? [],
            scoring?.Excluded.Select(e => new ExcludedBidView(e.BidId, e.SupplierId, state.Bids[e.BidId].SupplierName, state.Bids[e.BidId].PriceYuan, PortalText.Render(e.Reason))).ToList() ?? [],
            state.Progress(),
            state.Evaluation.Conflicted.Select(s => new ConflictView(state.Emails[s.EvaluatorUserId], s.ConflictNote ?? "")).ToList(),
            state.Evaluation.Pending.Select(id => state.Emails[id]).ToList(),
            lot.AwardedBidId, lot.AwardJustification, lot.StandstillEndsAtUtc, lot.UnsuccessfulReason,
            lot.ReservedForSmes ? null : deduction);
    }

    /// <summary>
    /// Awards the lot and tells the winner and the other bidders; the standstill period (the tender's) follows. The
    /// ranking awarded on and the award notice are stored with the award, in its transaction. Null when there is no
    /// published lot with this id.
    /// </summary>
    public async Task<AwardNotice?> AwardAsync(Guid lotId, Guid? bidId, string? justification, CancellationToken cancellationToken = default)
    {
        var winner = bidId ?? throw new DomainException("Name the bid to award (bidId).", "bidId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        var before = lot.Status;
        var state = await LoadAsync(db, lot, cancellationToken);
        var terms = TermsOf(tender);
        state.Evaluation.Award(winner, justification, terms.SmallMicroPriceDeduction, Now, terms.StandstillPeriod);
        var notice = Notice(tender, lot, state);
        db.AwardRecords.Add(LotAwardRecord.Of(Ranking(tender, lot, state), notice, terms.SmallMicroPriceDeduction));
        var won = state.Bids[winner];
        foreach (var (bidder, bid) in state.Bids.Values.Where(b => b.OwnerUserId is not null).Select(b => (b.OwnerUserId!, b)))
        {
            db.Notifications.Add(bid.BidId == winner
                ? new Notification(bidder, new Phrase("Your bid won \"{0}\"", lot.Title),
                    new Phrase("The lot is awarded to your company at {0}. The standstill period runs until {1}; the contract follows it.",
                        new Yuan(won.PriceYuan), lot.StandstillEndsAtUtc),
                    $"/lots/{lot.Id}", Now, $"award:{lot.Id:N}")
                : new Notification(bidder, new Phrase("\"{0}\" is awarded", lot.Title),
                    new Phrase("The lot is awarded to {0} at {1}. The award notice with the scores is on the lot's page until {2} (standstill period).",
                        won.SupplierName, new Yuan(won.PriceYuan), lot.StandstillEndsAtUtc),
                    $"/lots/{lot.Id}", Now, $"award:{lot.Id:N}"));
        }
        await SaveDecisionAsync(db, lot.Id, before, cancellationToken);
        return notice;
    }

    /// <summary>
    /// Ends the lot without a winner, with the officer's reason, and tells the bidders. Null when there is no published
    /// lot with this id.
    /// </summary>
    public async Task<UnsuccessfulView?> DeclareUnsuccessfulAsync(Guid lotId, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        var before = lot.Status;
        lot.DeclareUnsuccessful(reason ?? "", Now);
        var owners = await db.Bids.Where(b => b.LotId == lotId && b.Status == BidStatus.Opened)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => s.OwnerUserId)
            .Where(o => o != null).Distinct().ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            db.Notifications.Add(new Notification(owner!, new Phrase("\"{0}\" is unsuccessful", lot.Title),
                new Phrase("The lot was declared unsuccessful: {0}", lot.UnsuccessfulReason), $"/lots/{lot.Id}", Now, $"unsuccessful:{lot.Id:N}"));
        }
        await SaveDecisionAsync(db, lot.Id, before, cancellationToken);
        return new UnsuccessfulView(lot.Id, LotStatuses.ToKey(lot.Status), lot.UnsuccessfulReason!);
    }

    /// <summary>
    /// The public award notice of an awarded lot as it was published: the winner, its size class and declaration letter,
    /// its price and scores, the standstill period. Refused (409) before the award; null when there is no published lot
    /// with this id.
    /// </summary>
    public async Task<AwardNotice?> AwardNoticeAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LotLookups.PublishedLotReadOnlyAsync(db, lotId, cancellationToken) is not (var tender, var lot))
        {
            return null;
        }
        if (lot.AwardedBidId is null)
        {
            throw DomainException.Conflict(lot.Status == LotStatus.Unsuccessful
                ? new Phrase("This lot was declared unsuccessful: {0}", lot.UnsuccessfulReason)
                : Phrase.Of("This lot has not been awarded."));
        }
        if (await RecordOfAsync(db, lot, cancellationToken) is { } record)
        {
            return record.Notice() with { Status = LotStatuses.ToKey(lot.Status) };
        }
        // Awarded before awards were stored (or outside this service): scored again with the tender's frozen terms.
        return Notice(tender, lot, await LoadAsync(db, lot, cancellationToken));
    }

    private static AwardNotice Notice(Tender tender, Lot lot, LotState state)
    {
        var winner = lot.AwardedBidId!.Value;
        var deduction = TermsOf(tender).SmallMicroPriceDeduction;
        var ranked = state.Evaluation.Score(deduction)!.Ranking.Single(r => r.BidId == winner);
        var bid = state.Bids[winner];
        return new AwardNotice(
            lot.Id, tender.Title, tender.Buyer, lot.Number, lot.Title, LotStatuses.ToKey(lot.Status),
            state.Ranked(ranked, withMarks: false), bid.Declaration,
            lot.AwardJustification, lot.AwardedAtUtc!.Value, lot.StandstillEndsAtUtc!.Value,
            lot.ReservedForSmes ? null : deduction);
    }

    /// <summary>
    /// Stores the award record of lots awarded without this service — the demo history, replayed through the domain by
    /// the seeder — built as <see cref="AwardAsync"/> builds it, from what the database holds. Lots that have a record
    /// already are left alone. The caller saves.
    /// </summary>
    internal static async Task RecordAwardsAsync(PortalDbContext db, IReadOnlyCollection<Guid> lotIds, CancellationToken cancellationToken)
    {
        var recorded = await db.AwardRecords.Where(r => lotIds.Contains(r.LotId)).Select(r => r.LotId).ToListAsync(cancellationToken);
        foreach (var lotId in lotIds.Except(recorded))
        {
            if (await LotLookups.PublishedLotReadOnlyAsync(db, lotId, cancellationToken) is (var tender, var lot) && lot.AwardedBidId is not null)
            {
                var state = await LoadAsync(db, lot, cancellationToken);
                db.AwardRecords.Add(LotAwardRecord.Of(Ranking(tender, lot, state), Notice(tender, lot, state), TermsOf(tender).SmallMicroPriceDeduction));
            }
        }
    }

    /// <summary>The award stored with the lot's award; null before the award (and for awards made before awards were stored).</summary>
    private static async Task<LotAwardRecord?> RecordOfAsync(PortalDbContext db, Lot lot, CancellationToken cancellationToken) =>
        lot.AwardedBidId is null
            ? null
            : await db.AwardRecords.AsNoTracking().SingleOrDefaultAsync(r => r.LotId == lot.Id, cancellationToken);

    /// <summary>The terms the lot's tender was published with: its bids are scored and awarded with them, never with today's settings.</summary>
    private static PublicationTerms TermsOf(Tender tender) =>
        tender.Terms ?? throw DomainException.Conflict("This lot's tender was not published on this portal: it is evaluated and awarded in its own system.");

    /// <summary>
    /// Saves an award or an unsuccessful declaration only if nobody decided the lot meanwhile: the lot's row is claimed
    /// in the same transaction with the status it was read with (a second decision at the same moment finds it changed).
    /// </summary>
    /// <remarks>
    /// The claim is the one bulk <c>ExecuteUpdate</c> left in the portal, and it bypasses no audit: it sets the status
    /// to the value it already has, so it changes nothing, and the decision itself (status, winner, justification,
    /// standstill, the bidders' notifications) is saved through the change tracker in the same transaction and recorded
    /// there. It stays a bulk statement because it is the lock: on PostgreSQL a second decider's UPDATE waits on the
    /// row until the first commits, then re-reads the status and claims nothing (SQLite serialises the two writers).
    /// A tracked compare-and-set would need <c>Lot.Status</c> as a concurrency token, a change to the EF model.
    /// </remarks>
    private static async Task SaveDecisionAsync(PortalDbContext db, Guid lotId, LotStatus readWith, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Lots.Where(l => l.Id == lotId && l.Status == readWith)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, readWith), cancellationToken);
        if (claimed == 0)
        {
            throw DomainException.Conflict("This lot was decided by someone else meanwhile: reload it.");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Scores in the order the lot lists its criteria (the database keeps no order).</summary>
    private static IEnumerable<BidMark> InCriteriaOrder(Lot lot, IEnumerable<BidMark> marks) =>
        marks.OrderBy(m => lot.Criteria.ToList().FindIndex(c => c.Name == m.Criterion));

    private static DomainException AlreadyDeclared() =>
        DomainException.Conflict("You have already declared on conflicts of interest for this lot; the declaration stands.");

    private static async Task<Dictionary<string, string>> EmailsAsync(PortalDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
    }

    /// <summary>The lot's evaluation: its sheets, its active bids with their suppliers, and the evaluators' e-mails.</summary>
    private static async Task<LotState> LoadAsync(PortalDbContext db, Lot lot, CancellationToken cancellationToken)
    {
        var sheets = await db.EvaluationSheets.AsNoTracking().Where(s => s.LotId == lot.Id).ToListAsync(cancellationToken);
        var rows = await db.Bids.AsNoTracking()
            .Where(b => b.LotId == lot.Id && b.Status == BidStatus.Opened)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new BidFacts(
                b.Id, b.SupplierId, s.Name, b.SizeClass, s.OwnerUserId, b.PriceYuan!.Value, b.SubmittedAtUtc, b.Declaration))
            .ToListAsync(cancellationToken);
        var forScoring = rows.Select(r => new BidForScoring(r.BidId, r.SupplierId, r.SizeClass, r.PriceYuan, r.SubmittedAtUtc)).ToList();
        var emails = await EmailsAsync(db, lot.EvaluatorUserIds.Concat(sheets.Select(s => s.EvaluatorUserId)), cancellationToken);
        return new LotState(lot, sheets, rows.ToDictionary(r => r.BidId), LotEvaluation.Of(lot, sheets, forScoring), emails);
    }

    private sealed record BidFacts(
        Guid BidId, Guid SupplierId, string SupplierName, SizeClass SizeClass, string? OwnerUserId, decimal PriceYuan,
        DateTime SubmittedAtUtc, string Declaration);

    private sealed record LotState(
        Lot Lot, IReadOnlyList<EvaluationSheet> Sheets, IReadOnlyDictionary<Guid, BidFacts> Bids, LotEvaluation Evaluation,
        IReadOnlyDictionary<string, string> Emails)
    {
        public IReadOnlyList<EvaluatorProgress> Progress()
        {
            var bidIds = Bids.Keys.ToList();
            return Lot.EvaluatorUserIds.Select(id =>
            {
                var sheet = Sheets.SingleOrDefault(s => s.EvaluatorUserId == id);
                var state = sheet switch
                {
                    null => "notDeclared",
                    { HasConflict: true } => "conflict",
                    _ when sheet.HasScoredAll(bidIds) => "finished",
                    _ => "scoring",
                };
                var scored = sheet is null ? 0 : bidIds.Count(b => sheet.Marks.Any(m => m.BidId == b));
                return new EvaluatorProgress(Emails.GetValueOrDefault(id, id), state, scored, bidIds.Count, sheet?.ConflictNote);
            }).ToList();
        }

        /// <summary>A ranked bid as shown: per criterion its mean and, for the officer, every evaluator's score and comment.</summary>
        public RankedBidView Ranked(RankedBid r, bool withMarks) => new(
            r.BidId, r.SupplierId, Bids[r.BidId].SupplierName, r.SizeClass.ToKey(), r.PriceYuan, r.EvaluatedPriceYuan, r.PriceScore,
            r.TotalScore, r.Rank,
            r.Criteria.Select(c => new CriterionScoreView(c.Criterion, c.Weight, c.MeanScore, c.WeightedScore,
                withMarks ? c.Marks.Select(m => MarkView.Of(Emails[m.EvaluatorId], Sheets.Single(s => s.EvaluatorUserId == m.EvaluatorId).Marks
                    .Single(x => x.BidId == r.BidId && x.Criterion == c.Criterion))).ToList() : null)).ToList());
    }
}
