using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Domain.Contracts;
using Portal.Domain.Effectiveness;
using Portal.Domain.Evaluation;
using Portal.Domain.Suppliers;
using static Portal.Tests.Domain.DomainBuilders;

namespace Portal.Tests.Domain;

/// <summary>
/// Golden cases for the monthly rating: every expected band, deduction and payment below is computed by hand from the
/// default targets (usage ≥ 60% deducting 4/10/20%; satisfaction ≥ 85%, fault rate ≤ 1%, complaints ≤ 60 min and data
/// lag ≤ 24 h deducting 2/5/10%; bands up to 10% and 25% relative miss) on a fee of 10,000.00 yuan.
/// </summary>
public sealed class EffectivenessTests
{
    /// <summary>The contract is recorded 2026-12-14 09:00 UTC; the system is delivered the next day.</summary>
    private static readonly DateTime ContractRecorded = Now.AddDays(21).AddHours(1);

    private static readonly DateOnly DeliveredOn = new(2026, 12, 15);

    /// <summary>00:00 on 1 January 2027 in Beijing: December 2026 has just ended.</summary>
    private static readonly DateTime JanuaryFirstChina = new(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc);

    private static readonly Period December = new(2026, 12);

    private static Contract RecordedContract()
    {
        var tender = DraftTender();
        var lot = tender.AddLot(ValidLot());
        tender.Publish(Now.AddDays(14), Now, TimeSpan.FromDays(10));
        lot.AssignEvaluators(["e1"]);
        var bid = SealedBid(tender, lot, SupplierOfSize(SizeClass.Small), 900_000m, "Proposal", Now.AddDays(1));
        OpenAll(tender, Now.AddDays(14), bid);
        var scoring = BidScoring.Score(lot.ValueYuan, lot.ReservedForSmes, lot.Criteria,
            [new BidForScoring(bid.Id, bid.SupplierId, SizeClass.Small, bid.PriceYuan!.Value, bid.SubmittedAtUtc)],
            [new EvaluatorScore("e1", bid.Id, "Technical solution", 80), new EvaluatorScore("e1", bid.Id, "Service and maintenance", 80)], 0.10m);
        lot.Award(bid.Id, "The only bid meets every requirement.", scoring, true, Now.AddDays(14), TimeSpan.FromDays(7));
        return Contract.Record(lot, bid, 900_000m, Today.AddDays(30), Today.AddDays(395), ContractRecorded);
    }

    private static DeliveredSystem System(decimal fee = 10_000m) =>
        DeliveredSystem.MarkDelivered(RecordedContract(), "西湖区智慧停车平台", DeliveredOn, fee, "officer-1", ContractRecorded.AddDays(1));

    private static KpiObservation Observe(DeliveredSystem system, Kpi kpi, decimal value, Period? period = null) =>
        KpiObservation.Record(system, period ?? December, kpi, value, ObservationSource.Form, "officer@demo.local", JanuaryFirstChina, false, false);

    /// <summary>All five KPIs exactly on target except the ones given.</summary>
    private static MonthlyStatement Rate(DeliveredSystem system, params (Kpi Kpi, decimal? Value)[] overrides)
    {
        var values = new Dictionary<Kpi, decimal?>
        {
            [Kpi.UsageRate] = 60m, [Kpi.Satisfaction] = 85m, [Kpi.FaultRate] = 1m, [Kpi.ComplaintResponseMinutes] = 60m, [Kpi.DataLagHours] = 24m,
        };
        foreach (var (kpi, value) in overrides)
        {
            values[kpi] = value;
        }
        var observations = values.Where(v => v.Value is not null).Select(v => Observe(system, v.Key, v.Value!.Value)).ToList();
        return MonthlyStatement.Rate(system, December, observations, JanuaryFirstChina.AddDays(-1), IdleRule.Default, JanuaryFirstChina);
    }

    private static KpiRating Rating(MonthlyStatement statement, Kpi kpi) => statement.Ratings.Single(r => r.Kpi == kpi);

    [Theory]
    // Higher is better, usage target 60%: 54 misses by 6/60 = 10% exactly (slightly below, 4%); 53.99 by 10.02% (below, 10%);
    // 45 by 15/60 = 25% exactly (still below); 44.99 by 25.02% (significantly below, 20%); 75 is above target (met).
    [InlineData(Kpi.UsageRate, "60", RatingBand.Met, "0", "0")]
    [InlineData(Kpi.UsageRate, "75", RatingBand.Met, "0", "0")]
    [InlineData(Kpi.UsageRate, "54", RatingBand.SlightlyBelow, "10", "400")]
    [InlineData(Kpi.UsageRate, "53.99", RatingBand.Below, "10.02", "1000")]
    [InlineData(Kpi.UsageRate, "45", RatingBand.Below, "25", "1000")]
    [InlineData(Kpi.UsageRate, "44.99", RatingBand.SignificantlyBelow, "25.02", "2000")]
    // Satisfaction target 85%: 80 misses by 5/85 = 5.88% (slightly below, 2%); 70 by 17.65% (below, 5%).
    [InlineData(Kpi.Satisfaction, "80", RatingBand.SlightlyBelow, "5.88", "200")]
    [InlineData(Kpi.Satisfaction, "70", RatingBand.Below, "17.65", "500")]
    // Lower is better, fault rate ≤ 1%: 0.5 meets it; 1.1 misses by 10% (slightly below); 1.25 by 25% (below); 1.26 by 26% (significantly).
    [InlineData(Kpi.FaultRate, "0.5", RatingBand.Met, "0", "0")]
    [InlineData(Kpi.FaultRate, "1.1", RatingBand.SlightlyBelow, "10", "200")]
    [InlineData(Kpi.FaultRate, "1.25", RatingBand.Below, "25", "500")]
    [InlineData(Kpi.FaultRate, "1.26", RatingBand.SignificantlyBelow, "26", "1000")]
    // Complaints answered in 61 minutes against 60: 1/60 = 1.67% late (slightly below, 2%).
    [InlineData(Kpi.ComplaintResponseMinutes, "61", RatingBand.SlightlyBelow, "1.67", "200")]
    // The brief's "data three days stale": 72 h against 24 h misses by 200% (significantly below, 10%).
    [InlineData(Kpi.DataLagHours, "72", RatingBand.SignificantlyBelow, "200", "1000")]
    public void EachKpiFallsInItsBandAndDeductsItsShareOfTheFee(Kpi kpi, string value, RatingBand band, string missPercent, string deductionYuan)
    {
        var statement = Rate(System(), (kpi, decimal.Parse(value)));

        var rating = Rating(statement, kpi);
        Assert.Equal(band, rating.Band);
        Assert.Equal(decimal.Parse(missPercent), rating.MissPercent);
        Assert.Equal(decimal.Parse(deductionYuan), rating.DeductionYuan);
        Assert.Equal(decimal.Parse(deductionYuan), statement.DeductionYuan);
        Assert.Equal(10_000m - decimal.Parse(deductionYuan), statement.PaymentYuan);
    }

    [Fact]
    public void AMonthWithSeveralMissesPaysTheFeeLessTheirSum()
    {
        // Fee 12,345.67. Usage 50 (16.67% miss: below, 10% = 1,234.567 → 1,234.57); satisfaction 90 (met);
        // fault rate 1.05 (5%: slightly, 2% = 246.9134 → 246.91); complaints 90 min (50%: significantly, 10% = 1,234.57);
        // lag 26 h (8.33%: slightly, 2% = 246.91). Deductions 2,962.96; payment 12,345.67 − 2,962.96 = 9,382.71.
        var statement = Rate(System(12_345.67m),
            (Kpi.UsageRate, 50m), (Kpi.Satisfaction, 90m), (Kpi.FaultRate, 1.05m), (Kpi.ComplaintResponseMinutes, 90m), (Kpi.DataLagHours, 26m));

        Assert.Equal(
            [RatingBand.Below, RatingBand.Met, RatingBand.SlightlyBelow, RatingBand.SignificantlyBelow, RatingBand.SlightlyBelow],
            statement.Ratings.Select(r => r.Band));
        Assert.Equal([1_234.57m, 0m, 246.91m, 1_234.57m, 246.91m], statement.Ratings.Select(r => r.DeductionYuan));
        Assert.Equal((2_962.96m, 9_382.71m), (statement.DeductionYuan, statement.PaymentYuan));
        Assert.False(statement.Idle);
    }

    [Fact]
    public void AKpiWithNoObservationIsMissingAndDeductsLikeSignificantlyBelow()
    {
        var statement = Rate(System(), (Kpi.Satisfaction, null));

        var rating = Rating(statement, Kpi.Satisfaction);
        Assert.Equal((RatingBand.Missing, (decimal?)null, (decimal?)null, 1_000m), (rating.Band, rating.Value, rating.MissPercent, rating.DeductionYuan));
        Assert.Equal(9_000m, statement.PaymentYuan);
    }

    [Fact]
    public void ThePaymentNeverFallsBelowZeroWhenRoundedDeductionsExceedTheFee()
    {
        // Fee 0.03 yuan, each KPI deducting 20% when significantly below: 0.006 → 0.01 each, 0.05 in all > 0.03.
        var system = System(0.03m);
        system.ChangeTargets([.. Kpis.All.Select(k => KpiTarget.Create(k, k == Kpi.UsageRate ? 60m : 10m, 10m, 25m, 5m, 10m, 20m))]);

        var statement = MonthlyStatement.Rate(system, December, [], null, IdleRule.Default, JanuaryFirstChina);

        Assert.All(statement.Ratings, r => Assert.Equal((RatingBand.Missing, 0.01m), (r.Band, r.DeductionYuan)));
        Assert.Equal((0.05m, 0m), (statement.DeductionYuan, statement.PaymentYuan));
    }

    [Theory]
    // Idle usage threshold 20%: 19.99 is idle, 20 is not.
    [InlineData("19.99", true)]
    [InlineData("20", false)]
    public void ASystemUsedBelowTheThresholdIsIdle(string usage, bool idle)
    {
        var statement = Rate(System(), (Kpi.UsageRate, decimal.Parse(usage)));

        Assert.Equal(idle, statement.Idle);
        Assert.Equal(idle ? IdleReason.LowUsage : null, statement.IdleReason);
        if (idle)
        {
            Assert.Equal("Usage 19.99% is below the idle threshold of 20%.", statement.DescribeIdle()!.ToString());
            Assert.Equal("使用率 19.99% 低于闲置阈值 20%。",
                Portal.Localization.PortalText.Render(statement.DescribeIdle()!, global::System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        }
    }

    [Theory]
    // Idle after 35 days without data: the last observation 35 days before the rating is not idle, 36 days is.
    [InlineData(35, false)]
    [InlineData(36, true)]
    public void ASystemSilentForMoreThanTheIdleDaysIsIdle(int silentDays, bool idle)
    {
        var rule = IdleRule.Default;

        var finding = rule.Assess(usageRate: null, JanuaryFirstChina.AddDays(-silentDays), JanuaryFirstChina);

        Assert.Equal(idle, finding is not null);
        if (idle)
        {
            Assert.Equal((IdleReason.NoData, "No data for 36 days (idle after 35)."), (finding!.Reason, finding.Description.ToString()));
        }
    }

    [Fact]
    public void ASystemThatNeverSentDataCountsItsSilenceFromDelivery()
    {
        // Delivered 15 December (00:00 China time = 14 Dec 16:00 UTC), rated 1 January: 17 days, not idle; rated
        // 20 January with nothing ever sent: 36 days, idle (and every KPI is missing).
        var system = System();

        var january = MonthlyStatement.Rate(system, December, [], null, IdleRule.Default, JanuaryFirstChina);
        var late = MonthlyStatement.Rate(system, December, [], null, IdleRule.Default, JanuaryFirstChina.AddDays(19));

        Assert.False(january.Idle);
        Assert.Equal(IdleReason.NoData, late.IdleReason);
        Assert.Equal(6_000m, january.DeductionYuan);
    }

    [Fact]
    public void APeriodIsRatedOnlyOnceItHasEndedInChinaTime()
    {
        var system = System();

        var early = Assert.Throws<DomainException>(() =>
            MonthlyStatement.Rate(system, December, [], null, IdleRule.Default, JanuaryFirstChina.AddSeconds(-1)));

        Assert.Equal(DomainErrorKind.Conflict, early.Kind);
        Assert.Equal([December], MonthlyStatement.DuePeriods(system, new HashSet<string>(), JanuaryFirstChina));
        Assert.Empty(MonthlyStatement.DuePeriods(system, new HashSet<string> { "2026-12" }, JanuaryFirstChina));
        Assert.Empty(MonthlyStatement.DuePeriods(system, new HashSet<string>(), JanuaryFirstChina.AddSeconds(-1)));
    }

    [Fact]
    public void AnObservationIsRefusedForAFutureMonthBeforeDeliveryDuplicatedOrAfterRating()
    {
        var system = System();
        var now = new DateTime(2026, 12, 20, 8, 0, 0, DateTimeKind.Utc);
        KpiObservation Try(string period, bool duplicate = false, bool rated = false) =>
            KpiObservation.Record(system, Period.Parse(period), Kpi.UsageRate, 70m, ObservationSource.Api, "api-key:psk_x", now, duplicate, rated);

        var future = Assert.Throws<DomainException>(() => Try("2027-01"));
        var beforeDelivery = Assert.Throws<DomainException>(() => Try("2026-11"));
        var duplicate = Assert.Throws<DomainException>(() => Try("2026-12", duplicate: true));
        var rated = Assert.Throws<DomainException>(() => Try("2026-12", rated: true));
        var malformed = Assert.Throws<DomainException>(() => Period.Parse("2026-13"));

        Assert.Equal("The period 2027-01 has not started yet (this month is 2026-12).", future.Message);
        Assert.Equal("The period 2026-11 is before the system was delivered (2026-12-15).", beforeDelivery.Message);
        Assert.Equal("Duplicate period: usageRate for 2026-12 is already recorded; each KPI takes one value per month.", duplicate.Message);
        Assert.Equal((DomainErrorKind.Conflict, DomainErrorKind.Conflict), (duplicate.Kind, rated.Kind));
        Assert.Equal("period", malformed.Field);
        Assert.Equal("2026-12", Try("2026-12").Period);
    }

    public static TheoryData<Func<KpiTarget>, string> ContradictoryTargets => new()
    {
        { () => KpiTarget.Create(Kpi.Satisfaction, 120m, 10m, 25m, 2m, 5m, 10m), "satisfaction.target" },
        { () => KpiTarget.Create(Kpi.FaultRate, 0m, 10m, 25m, 2m, 5m, 10m), "faultRate.target" },
        { () => KpiTarget.Create(Kpi.UsageRate, 60m, 25m, 25m, 2m, 5m, 10m), "usageRate.belowUpToPercent" },
        { () => KpiTarget.Create(Kpi.UsageRate, 60m, 0m, 25m, 2m, 5m, 10m), "usageRate.slightlyBelowUpToPercent" },
        { () => KpiTarget.Create(Kpi.DataLagHours, 24m, 10m, 25m, 6m, 5m, 10m), "dataLagHours.belowDeductionPercent" },
        { () => KpiTarget.Create(Kpi.DataLagHours, 24m, 10m, 25m, 2m, 5m, 4m), "dataLagHours.significantlyBelowDeductionPercent" },
        { () => KpiTarget.Create(Kpi.ComplaintResponseMinutes, 60m, 10m, 25m, 2m, 5m, 101m), "complaintResponseMinutes.significantlyBelowDeductionPercent" },
    };

    [Theory]
    [MemberData(nameof(ContradictoryTargets))]
    public void ContradictoryTargetsAreRefusedNamingTheField(Func<KpiTarget> create, string field)
    {
        var refused = Assert.Throws<DomainException>(create);

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void TargetsThatCouldDeductMoreThanTheWholeFeeAreRefusedAndTheOldOnesKept()
    {
        var system = System();
        var greedy = Kpis.All.Select(k => KpiTarget.Create(k, k == Kpi.UsageRate ? 60m : 10m, 10m, 25m, 5m, 10m, 21m)).ToList();

        var refused = Assert.Throws<DomainException>(() => system.ChangeTargets(greedy));

        Assert.Equal("The significantly-below deductions add up to 105% of the fee; together they may take at most 100%.", refused.Message);
        Assert.Equal(60m, system.TargetFor(Kpi.UsageRate).TargetValue);
        Assert.Equal(20m, system.TargetFor(Kpi.UsageRate).SignificantlyBelowDeductionPercent);
    }

    [Fact]
    public void ASystemIsDeliveredNeitherInTheFutureNorBeforeItsContract()
    {
        var contract = RecordedContract();
        var now = ContractRecorded.AddDays(1);

        var future = Assert.Throws<DomainException>(() => DeliveredSystem.MarkDelivered(contract, "平台", new DateOnly(2026, 12, 16), 1m, "o", now));
        var early = Assert.Throws<DomainException>(() => DeliveredSystem.MarkDelivered(contract, "平台", new DateOnly(2026, 12, 13), 1m, "o", now));

        Assert.Equal(("deliveredOn", "deliveredOn"), (future.Field, early.Field));
        Assert.Equal(5, DeliveredSystem.MarkDelivered(contract, "平台", DeliveredOn, 1m, "o", now).Targets.Count);
    }

    [Fact]
    public void AnApiKeyIsKeptOnlyAsItsHashAndPrefix()
    {
        var (key, secret) = SystemApiKey.Issue(Guid.NewGuid(), "officer@demo.local", Now);

        Assert.StartsWith("psk_", secret);
        Assert.Equal(47, secret.Length);
        Assert.Equal(secret[..12], key.Prefix);
        Assert.Equal(SystemApiKey.HashOf(secret), key.Hash);
        Assert.DoesNotContain(secret, key.Hash);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SystemApiKey.HashOf("abc"));
        key.Revoke(Now);
        Assert.False(key.IsActive);
    }
}
