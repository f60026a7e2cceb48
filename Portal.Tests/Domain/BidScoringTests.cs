using Portal.Domain;
using Portal.Domain.Evaluation;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;

namespace Portal.Tests.Domain;

/// <summary>
/// Golden cases of the comprehensive scoring method, each computed by hand in the comments: price score = lowest
/// evaluated price ÷ evaluated price × weight; criterion score = mean × weight ÷ 100; each part rounded to 2 decimals.
/// </summary>
public sealed class BidScoringTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static readonly AwardCriterion[] Standard =
    [
        new("Price", 30, isPrice: true),
        new("Technical", 50, isPrice: false),
        new("Service", 20, isPrice: false),
    ];

    private sealed class Lot(decimal valueYuan, bool reserved, AwardCriterion[]? criteria = null, decimal deduction = 0.10m)
    {
        private readonly List<BidForScoring> _bids = [];
        private readonly List<EvaluatorScore> _scores = [];

        /// <summary>A bid; <paramref name="label"/> is its name in the hand computation, for the reader only.</summary>
        public Guid Bid(string label, SizeClass size, decimal price, int submittedMinute = 0, params (string Criterion, decimal[] Marks)[] scores)
        {
            var id = Guid.NewGuid();
            _bids.Add(new BidForScoring(id, Guid.NewGuid(), size, price, T0.AddMinutes(submittedMinute)));
            foreach (var (criterion, marks) in scores)
            {
                _scores.AddRange(marks.Select((mark, i) => new EvaluatorScore($"e{i + 1}", id, criterion, mark)));
            }
            return id;
        }

        public ScoringResult Score() => BidScoring.Score(valueYuan, reserved, criteria ?? Standard, _bids, _scores, deduction);
    }

    private static (string, decimal[]) Tech(params decimal[] marks) => ("Technical", marks);

    private static (string, decimal[]) Service(params decimal[] marks) => ("Service", marks);

    private static (decimal Price, decimal Total, int Rank) Line(ScoringResult result, Guid bid)
    {
        var ranked = result.Ranking.Single(r => r.BidId == bid);
        return (ranked.PriceScore, ranked.TotalScore, ranked.Rank);
    }

    [Fact]
    public void G01_AReservedLotScoresPricesAsBid()
    {
        // Lowest 800,000. A: 800/900×30 = 26.67 + 85×0.5 = 42.50 + 75×0.2 = 15.00 → 84.17.
        // B: 30.00 + 35.00 + 18.00 = 83.00. C: 800/950×30 = 25.26 + 45.00 + 13.00 = 83.26.
        var lot = new Lot(1_000_000m, reserved: true);
        var a = lot.Bid("a", SizeClass.Small, 900_000m, 0, Tech(80, 90), Service(70, 80));
        var b = lot.Bid("b", SizeClass.Medium, 800_000m, 0, Tech(70, 70), Service(90, 90));
        var c = lot.Bid("c", SizeClass.Micro, 950_000m, 0, Tech(95, 85), Service(60, 70));

        var result = lot.Score();

        Assert.Equal(ScoringOutcome.Ranked, result.Outcome);
        Assert.Equal((26.67m, 84.17m, 1), Line(result, a));
        Assert.Equal((25.26m, 83.26m, 2), Line(result, c));
        Assert.Equal((30.00m, 83.00m, 3), Line(result, b));
        Assert.Equal(900_000m, result.Ranking[0].EvaluatedPriceYuan);
        Assert.Equal([42.50m, 15.00m], result.Ranking[0].Criteria.Select(x => x.WeightedScore));
    }

    [Fact]
    public void G02_OutsideReservedLotsSmallAndMicroPricesAreReducedBeforeScoring()
    {
        // Evaluated: A 900,000×0.9 = 810,000; B (large) 800,000; C 950,000×0.9 = 855,000. Lowest 800,000.
        // A: 800/810×30 = 29.63 + 57.50 = 87.13. C: 800/855×30 = 28.07 + 58.00 = 86.07. B: 30.00 + 53.00 = 83.00.
        var lot = new Lot(1_000_000m, reserved: false);
        var a = lot.Bid("a", SizeClass.Small, 900_000m, 0, Tech(80, 90), Service(70, 80));
        var b = lot.Bid("b", SizeClass.Large, 800_000m, 0, Tech(70, 70), Service(90, 90));
        var c = lot.Bid("c", SizeClass.Micro, 950_000m, 0, Tech(95, 85), Service(60, 70));

        var result = lot.Score();

        Assert.Equal((29.63m, 87.13m, 1), Line(result, a));
        Assert.Equal((28.07m, 86.07m, 2), Line(result, c));
        Assert.Equal((30.00m, 83.00m, 3), Line(result, b));
        Assert.Equal([810_000m, 855_000m, 800_000m], result.Ranking.Select(r => r.EvaluatedPriceYuan));
    }

    [Fact]
    public void G03_TheDeductionCanMakeTheHigherPriceWin()
    {
        // A (small) 1,000,000 → 900,000 evaluated, the lowest: 30.00 + 40.00 + 16.00 = 86.00.
        // B (large) 920,000: 900/920×30 = 29.35 + 56.00 = 85.35.
        var lot = new Lot(1_000_000m, reserved: false);
        var a = lot.Bid("a", SizeClass.Small, 1_000_000m, 0, Tech(80, 80), Service(80, 80));
        var b = lot.Bid("b", SizeClass.Large, 920_000m, 0, Tech(80, 80), Service(80, 80));

        var result = lot.Score();

        Assert.Equal((30.00m, 86.00m, 1), Line(result, a));
        Assert.Equal((29.35m, 85.35m, 2), Line(result, b));
    }

    [Fact]
    public void G04_MediumEnterprisesGetNoDeductionAndTheRateIsConfigurable()
    {
        // 20%: A (small) 1,000,000 → 800,000, lowest: 30.00 + 56.00 = 86.00.
        // C (medium) 820,000: 800/820×30 = 29.27 → 85.27. B (large) 850,000: 800/850×30 = 28.24 → 84.24.
        var lot = new Lot(1_000_000m, reserved: false, deduction: 0.20m);
        var a = lot.Bid("a", SizeClass.Small, 1_000_000m, 0, Tech(80, 80), Service(80, 80));
        var b = lot.Bid("b", SizeClass.Large, 850_000m, 0, Tech(80, 80), Service(80, 80));
        var c = lot.Bid("c", SizeClass.Medium, 820_000m, 0, Tech(80, 80), Service(80, 80));

        var result = lot.Score();

        Assert.Equal((30.00m, 86.00m, 1), Line(result, a));
        Assert.Equal((29.27m, 85.27m, 2), Line(result, c));
        Assert.Equal((28.24m, 84.24m, 3), Line(result, b));
        Assert.Equal(820_000m, result.Ranking[1].EvaluatedPriceYuan);
    }

    [Fact]
    public void G05_EqualTotalsGoToTheLowerEvaluatedPrice()
    {
        // A: 30.00 + 35.00 + 15.00 = 80.00. B: 500/600×30 = 25.00 + 40.00 + 15.00 = 80.00. A is cheaper.
        var lot = new Lot(1_000_000m, reserved: true);
        var b = lot.Bid("b", SizeClass.Small, 600_000m, 0, Tech(80, 80), Service(75, 75));
        var a = lot.Bid("a", SizeClass.Small, 500_000m, 5, Tech(70, 70), Service(75, 75));

        var result = lot.Score();

        Assert.Equal((30.00m, 80.00m, 1), Line(result, a));
        Assert.Equal((25.00m, 80.00m, 2), Line(result, b));
    }

    [Fact]
    public void G06_IdenticalBidsGoToTheEarlierSubmissionAndTrulyIdenticalOnesShareARank()
    {
        // A, B, C: 700,000 and the same marks → 30.00 + 40.00 + 16.00 = 86.00 each. A at 08:00, B and C at 08:10.
        // D: 800,000 → 700/800×30 = 26.25 + 56.00 = 82.25.
        var lot = new Lot(1_000_000m, reserved: true);
        var c = lot.Bid("c", SizeClass.Small, 700_000m, 10, Tech(80, 80), Service(80, 80));
        var a = lot.Bid("a", SizeClass.Small, 700_000m, 0, Tech(80, 80), Service(80, 80));
        var b = lot.Bid("b", SizeClass.Small, 700_000m, 10, Tech(80, 80), Service(80, 80));
        var d = lot.Bid("d", SizeClass.Small, 800_000m, 0, Tech(80, 80), Service(80, 80));

        var result = lot.Score();

        Assert.Equal((30.00m, 86.00m, 1), Line(result, a));
        Assert.Equal((30.00m, 86.00m, 2), Line(result, b));
        Assert.Equal((30.00m, 86.00m, 2), Line(result, c));
        Assert.Equal((26.25m, 82.25m, 4), Line(result, d));
    }

    [Fact]
    public void G07_ASingleValidBidIsScoredAndSaidToBeAlone()
    {
        // 30.00 + mean(60, 65) = 62.50 × 0.5 = 31.25 + mean(50, 55) = 52.50 × 0.2 = 10.50 → 71.75.
        var lot = new Lot(600_000m, reserved: true);
        var a = lot.Bid("a", SizeClass.Micro, 500_000m, 0, Tech(60, 65), Service(50, 55));

        var result = lot.Score();

        Assert.Equal(ScoringOutcome.SingleValidBid, result.Outcome);
        Assert.Equal((30.00m, 71.75m, 1), Line(result, a));
        Assert.Equal([62.50m, 52.50m], result.Ranking[0].Criteria.Select(x => x.MeanScore));
    }

    [Fact]
    public void G08_ABidAboveTheBudgetIsInvalidAndLeavesTheOtherAlone()
    {
        // A 850,000 > 800,000: invalid. B 780,000 is the only valid bid: 30.00 + 40.00 + 16.00 = 86.00.
        var lot = new Lot(800_000m, reserved: false);
        var a = lot.Bid("a", SizeClass.Small, 850_000m, 0, Tech(90, 90), Service(90, 90));
        var b = lot.Bid("b", SizeClass.Large, 780_000m, 0, Tech(80, 80), Service(80, 80));

        var result = lot.Score();

        Assert.Equal(ScoringOutcome.SingleValidBid, result.Outcome);
        Assert.Equal((30.00m, 86.00m, 1), Line(result, b));
        var excluded = Assert.Single(result.Excluded);
        Assert.Equal(a, excluded.BidId);
        Assert.Contains("exceeds the lot's budget", excluded.Reason.ToString());
    }

    [Fact]
    public void G09_NoBidsOrOnlyBidsAboveTheBudgetMeanNoAcceptableBid()
    {
        var empty = new Lot(800_000m, reserved: true).Score();
        var tooDear = new Lot(800_000m, reserved: true);
        tooDear.Bid("a", SizeClass.Small, 800_000.01m, 0, Tech(90, 90), Service(90, 90));

        var result = tooDear.Score();

        Assert.Equal(ScoringOutcome.NoAcceptableBid, empty.Outcome);
        Assert.Empty(empty.Ranking);
        Assert.Equal(ScoringOutcome.NoAcceptableBid, result.Outcome);
        Assert.Single(result.Excluded);
    }

    [Fact]
    public void G10_MeansAndWeightedScoresRoundHalfAwayFromZeroAtTwoDecimals()
    {
        // A 456,789.00: 400,000/456,789×30 = 26.2703 → 26.27; technical mean(85, 90, 88) = 87.667 → 87.67 × 0.5 = 43.835
        // → 43.84; service mean(70, 75, 72) = 72.333 → 72.33 × 0.2 = 14.466 → 14.47; total 84.58.
        // B 400,000: 30.00 + 40.00 + 16.00 = 86.00.
        var lot = new Lot(500_000m, reserved: true);
        var a = lot.Bid("a", SizeClass.Small, 456_789.00m, 0, Tech(85, 90, 88), Service(70, 75, 72));
        var b = lot.Bid("b", SizeClass.Small, 400_000m, 0, Tech(80, 80, 80), Service(80, 80, 80));

        var result = lot.Score();

        Assert.Equal((30.00m, 86.00m, 1), Line(result, b));
        Assert.Equal((26.27m, 84.58m, 2), Line(result, a));
        var technical = result.Ranking[1].Criteria[0];
        Assert.Equal((87.67m, 43.84m), (technical.MeanScore, technical.WeightedScore));
        Assert.Equal(["e1", "e2", "e3"], technical.Marks.Select(m => m.EvaluatorId));
    }

    [Fact]
    public void G11_OtherWeightsAndAFifteenPercentDeduction()
    {
        // Price 40, technical 60. A (micro) 1,200,000 → 1,020,000, the lowest: 40.00 + 80 × 0.6 = 48.00 → 88.00.
        // B (large) 1,100,000: 1,020/1,100×40 = 37.09 + 90 × 0.6 = 54.00 → 91.09.
        var lot = new Lot(1_500_000m, reserved: false, [new("Price", 40, isPrice: true), new("Technical", 60, isPrice: false)], deduction: 0.15m);
        var a = lot.Bid("a", SizeClass.Micro, 1_200_000m, 0, Tech(75, 85));
        var b = lot.Bid("b", SizeClass.Large, 1_100_000m, 0, Tech(90, 90));

        var result = lot.Score();

        Assert.Equal((37.09m, 91.09m, 1), Line(result, b));
        Assert.Equal((40.00m, 88.00m, 2), Line(result, a));
    }

    [Fact]
    public void G12_APriceOnlyLotNeedsNoEvaluatorScores()
    {
        // A 100,000: 100.00. B 125,000: 100/125×100 = 80.00.
        var lot = new Lot(200_000m, reserved: true, [new("Price", 100, isPrice: true)]);
        var a = lot.Bid("a", SizeClass.Small, 100_000m);
        var b = lot.Bid("b", SizeClass.Small, 125_000m);

        var result = lot.Score();

        Assert.Equal((100.00m, 100.00m, 1), Line(result, a));
        Assert.Equal((80.00m, 80.00m, 2), Line(result, b));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.21)]
    public void ADeductionOutsideTenToTwentyPercentIsRefused(double deduction)
    {
        var lot = new Lot(1_000_000m, reserved: false, deduction: (decimal)deduction);
        lot.Bid("a", SizeClass.Small, 900_000m, 0, Tech(80), Service(80));

        Assert.Equal("smallMicroDeduction", Assert.Throws<DomainException>(lot.Score).Field);
    }

    [Fact]
    public void ScoresOutsideZeroToHundredOrMissingOnesAreRefused()
    {
        var tooHigh = new Lot(1_000_000m, reserved: true);
        tooHigh.Bid("a", SizeClass.Small, 900_000m, 0, Tech(101), Service(80));
        var missing = new Lot(1_000_000m, reserved: true);
        missing.Bid("a", SizeClass.Small, 900_000m, 0, Tech(80, 80), Service(80, 80));
        missing.Bid("b", SizeClass.Small, 800_000m, 0, Tech(80, 80), Service(80));

        Assert.Contains("between 0 and 100", Assert.Throws<DomainException>(tooHigh.Score).Message);
        Assert.Contains("e2 has not scored 'Service'", Assert.Throws<DomainException>(missing.Score).Message);
    }
}
