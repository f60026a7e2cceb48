using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Evaluation;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>Evaluation sheets, the award, the contract and the subsidy grant, as rules without a database.</summary>
public sealed class AwardTests
{
    private static readonly DateTime Deadline = Now.AddDays(14);
    private static readonly DateTime AfterDeadline = Deadline.AddHours(1);
    private static readonly TimeSpan Standstill = TimeSpan.FromDays(7);

    /// <summary>A closed lot (1,000,000, criteria Price 40 / Technical solution 45 / Service and maintenance 15) with two bids and evaluator "e1".</summary>
    private static (Tender Tender, Lot Lot, Bid Small, Bid Large) ClosedLot()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Deadline, Now, TimeSpan.FromDays(10));
        lot.AssignEvaluators(["e1"]);
        var small = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 900_000m, "Proposal A", Now.AddDays(1));
        var large = SealedBid(tender, lot, SupplierOfSize(SizeClass.Large), 800_000m, "Proposal B", Now.AddDays(2));
        OpenAll(tender, Deadline, small, large);
        return (tender, lot, small, large);
    }

    private static CriterionMark[] Marks(decimal technical, decimal service) =>
        [new("Technical solution", technical, "ok"), new("Service and maintenance", service, null)];

    private static ScoringResult Scoring(Lot lot, params (Bid Bid, SizeClass Size, decimal Technical, decimal Service)[] bids) =>
        BidScoring.Score(lot.ValueYuan, lot.ReservedForSmes, lot.Criteria,
            bids.Select(b => new BidForScoring(b.Bid.Id, b.Bid.SupplierId, b.Size, b.Bid.PriceYuan!.Value, b.Bid.SubmittedAtUtc)).ToList(),
            bids.SelectMany(b => new[]
            {
                new EvaluatorScore("e1", b.Bid.Id, "Technical solution", b.Technical),
                new EvaluatorScore("e1", b.Bid.Id, "Service and maintenance", b.Service),
            }).ToList(),
            0.10m);

    [Fact]
    public void AnEvaluatorDeclaresThenScoresEachBidOnceAndTheScoresLock()
    {
        var (_, lot, small, large) = ClosedLot();
        var bids = new[] { small.Id, large.Id };

        var sheet = EvaluationSheet.Declare(lot, Deadline, "e1", hasConflict: false, null, AfterDeadline);
        sheet.Score(lot, small.Id, bids, Marks(80, 70), AfterDeadline);
        var again = Assert.Throws<DomainException>(() => sheet.Score(lot, small.Id, bids, Marks(90, 90), AfterDeadline));

        Assert.False(sheet.HasScoredAll(bids));
        sheet.Score(lot, large.Id, bids, Marks(60, 65.5m), AfterDeadline);
        Assert.True(sheet.HasScoredAll(bids));
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Equal([80m, 70m, 60m, 65.5m], sheet.Marks.Select(m => m.Score));
    }

    [Fact]
    public void NoOneScoresBeforeTheDeadlineUnassignedOrWithAConflict()
    {
        var (_, lot, small, _) = ClosedLot();

        var early = Assert.Throws<DomainException>(() => EvaluationSheet.Declare(lot, Deadline, "e1", false, null, Deadline.AddMinutes(-1)));
        var stranger = Assert.Throws<DomainException>(() => EvaluationSheet.Declare(lot, Deadline, "e9", false, null, AfterDeadline));
        var noNote = Assert.Throws<DomainException>(() => EvaluationSheet.Declare(lot, Deadline, "e1", true, " ", AfterDeadline));
        var conflicted = EvaluationSheet.Declare(lot, Deadline, "e1", true, "The bidder is my former employer.", AfterDeadline);
        var excluded = Assert.Throws<DomainException>(() => conflicted.Score(lot, small.Id, [small.Id], Marks(80, 80), AfterDeadline));

        Assert.Equal(DomainErrorKind.Conflict, early.Kind);
        Assert.Equal(DomainErrorKind.Forbidden, stranger.Kind);
        Assert.Equal("note", noNote.Field);
        Assert.Equal(DomainErrorKind.Forbidden, excluded.Kind);
        Assert.True(conflicted.HasScoredAll([small.Id]));
    }

    [Theory]
    [InlineData("Technical solution", 101, "scores.score")]
    [InlineData("Technical solution", -1, "scores.score")]
    [InlineData("Price", 50, "scores.criterion")]
    [InlineData("Beauty", 50, "scores.criterion")]
    public void ScoresOutsideTheRangeOrForNoCriterionAreRefusedAndNothingIsKept(string criterion, decimal score, string field)
    {
        var (_, lot, small, _) = ClosedLot();
        var sheet = EvaluationSheet.Declare(lot, Deadline, "e1", false, null, AfterDeadline);

        var ex = Assert.Throws<DomainException>(() => sheet.Score(lot, small.Id, [small.Id],
            [new(criterion, score, null), new("Service and maintenance", 80, null)], AfterDeadline));

        Assert.Equal(field, ex.Field);
        Assert.Empty(sheet.Marks);
    }

    [Fact]
    public void TheOfficerAwardsTheTopBidAndAnyOtherOnlyWithAJustification()
    {
        var (_, lot, small, large) = ClosedLot();
        // Small: 900,000 × 0.9 = 810,000 evaluated; large 800,000 is lowest. Small 800/810×40 = 39.51 + 36.00 + 12.00 = 87.51;
        // large 40.00 + 27.00 + 9.00 = 76.00.
        var scoring = Scoring(lot, (small, SizeClass.Small, 80, 80), (large, SizeClass.Large, 60, 60));

        var unjustified = Assert.Throws<DomainException>(() => lot.Award(large.Id, null, scoring, true, AfterDeadline, Standstill));
        var incomplete = Assert.Throws<DomainException>(() => lot.Award(small.Id, null, scoring, false, AfterDeadline, Standstill));
        lot.Award(small.Id, null, scoring, true, AfterDeadline, Standstill);
        var second = Assert.Throws<DomainException>(() => lot.Award(small.Id, null, scoring, true, AfterDeadline, Standstill));

        Assert.Equal(87.51m, scoring.Ranking[0].TotalScore);
        Assert.Equal("justification", unjustified.Field);
        Assert.Equal(DomainErrorKind.Conflict, incomplete.Kind);
        Assert.Equal(DomainErrorKind.Conflict, second.Kind);
        Assert.Equal((LotStatus.Awarded, small.Id, AfterDeadline + Standstill), (lot.Status, lot.AwardedBidId!.Value, lot.StandstillEndsAtUtc!.Value));
    }

    [Fact]
    public void ALotWithoutAcceptableBidsIsDeclaredUnsuccessful()
    {
        var (_, lot, _, _) = ClosedLot();
        var none = Scoring(lot);

        var award = Assert.Throws<DomainException>(() => lot.Award(Guid.NewGuid(), null, none, true, AfterDeadline, Standstill));
        lot.DeclareUnsuccessful("No acceptable bid.", AfterDeadline);

        Assert.Contains("unsuccessful", award.Message);
        Assert.Equal(LotStatus.Unsuccessful, lot.Status);
    }

    [Fact]
    public void TheContractWaitsForTheStandstillAndStaysWithinTheAwardedPrice()
    {
        var (_, lot, small, large) = ClosedLot();
        lot.Award(small.Id, null, Scoring(lot, (small, SizeClass.Small, 80, 80), (large, SizeClass.Large, 60, 60)), true, AfterDeadline, Standstill);
        var later = AfterDeadline + Standstill;

        var tooEarly = Assert.Throws<DomainException>(() => Contract.Record(lot, small, 900_000m, Today.AddDays(30), Today.AddDays(395), later.AddMinutes(-1)));
        var tooDear = Assert.Throws<DomainException>(() => Contract.Record(lot, small, 900_000.01m, Today.AddDays(30), Today.AddDays(395), later));
        var backwards = Assert.Throws<DomainException>(() => Contract.Record(lot, small, 900_000m, Today.AddDays(30), Today.AddDays(29), later));
        var contract = Contract.Record(lot, small, 900_000m, Today.AddDays(30), Today.AddDays(395), later);
        var twice = Assert.Throws<DomainException>(() => Contract.Record(lot, small, 900_000m, Today.AddDays(30), Today.AddDays(395), later));

        Assert.Contains("standstill", tooEarly.Message);
        Assert.Equal("valueYuan", tooDear.Field);
        Assert.Equal("endsOn", backwards.Field);
        Assert.Equal((LotStatus.Contracted, small.SupplierId, 900_000m), (lot.Status, contract.SupplierId, contract.ValueYuan));
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
    }

    [Theory]
    [InlineData("900000", "90000.00")]
    [InlineData("123456.78", "12345.68")]
    [InlineData("123456.75", "12345.68")]
    [InlineData("0.05", "0.01")]
    public void AGrantIsTenPercentOfTheContractRoundedToTheFen(string contractValue, string expected)
    {
        var programme = SubsidyProgramme.Create("2026 SME subsidy", 2026, SubsidyProgramme.DefaultRate, 5_000_000m);

        Assert.Equal(decimal.Parse(expected), programme.GrantFor(decimal.Parse(contractValue)));
    }

    private static (SubsidyProgramme Programme, SubsidyGrant Grant) EligibleGrant(decimal budget = 5_000_000m, decimal contractValue = 900_000m)
    {
        var (_, lot, small, large) = ClosedLot();
        lot.Award(small.Id, null, Scoring(lot, (small, SizeClass.Small, 80, 80), (large, SizeClass.Large, 60, 60)), true, AfterDeadline, Standstill);
        var contract = Contract.Record(lot, small, contractValue, Today.AddDays(30), Today.AddDays(395), AfterDeadline + Standstill);
        var programme = SubsidyProgramme.Create("2026 SME subsidy", 2026, 0.10m, budget);
        return (programme, SubsidyGrant.For(programme, contract, SizeClass.Small, AfterDeadline + Standstill)!);
    }

    [Fact]
    public void AGrantIsApprovedThenDisbursedOnce()
    {
        var (programme, grant) = EligibleGrant();

        grant.Approve(programme, committedYuan: 0m, "official-1", Now);
        var approveAgain = Assert.Throws<DomainException>(() => grant.Approve(programme, 0m, "official-2", Now));
        grant.Disburse("CZ-2026-000123", Now.AddDays(1));
        var disburseAgain = Assert.Throws<DomainException>(() => grant.Disburse("CZ-2026-000124", Now.AddDays(2)));

        Assert.Equal((GrantState.Disbursed, 90_000m, "CZ-2026-000123", 3), (grant.State, grant.AmountYuan, grant.PaymentReference, grant.Version));
        Assert.Equal(DomainErrorKind.Conflict, approveAgain.Kind);
        Assert.Contains("already disbursed", disburseAgain.Message);
    }

    [Fact]
    public void AGrantBeyondTheRemainingBudgetIsNotApprovableAndSaysSo()
    {
        var (programme, grant) = EligibleGrant(budget: 1_000_000m);

        var ex = Assert.Throws<DomainException>(() => grant.Approve(programme, committedYuan: 920_000m, "official-1", Now));
        grant.Approve(programme, committedYuan: 910_000m, "official-1", Now);

        Assert.Contains("¥80,000.00 of ¥1,000,000.00", ex.Message);
        Assert.Equal(GrantState.Approved, grant.State);
    }

    [Fact]
    public void UnapprovedGrantsAreNotDisbursedAndRejectionsNeedAReason()
    {
        var (_, grant) = EligibleGrant();

        var early = Assert.Throws<DomainException>(() => grant.Disburse("CZ-1", Now));
        var silent = Assert.Throws<DomainException>(() => grant.Reject(" ", "official-1", Now));
        grant.Reject("The contract was cancelled.", "official-1", Now);

        Assert.Contains("Only an approved grant", early.Message);
        Assert.Equal("reason", silent.Field);
        Assert.Equal(GrantState.Rejected, grant.State);
    }

    [Fact]
    public void LargeWinnersGetNoGrant()
    {
        var (_, lot, small, large) = ClosedLot();
        lot.Award(large.Id, "Best value after clarification.", Scoring(lot, (small, SizeClass.Small, 80, 80), (large, SizeClass.Large, 60, 60)), true, AfterDeadline, Standstill);
        var contract = Contract.Record(lot, large, 800_000m, Today.AddDays(30), Today.AddDays(395), AfterDeadline + Standstill);

        Assert.Null(SubsidyGrant.For(SubsidyProgramme.Create("p", 2026, 0.10m, 1_000_000m), contract, SizeClass.Large, Now));
    }
}
