using System.Globalization;

namespace Portal.Domain.Effectiveness;

/// <summary>How far a KPI's observation is from its target, from met to significantly below; missing when nothing was reported.</summary>
public enum RatingBand
{
    Met,
    SlightlyBelow,
    Below,
    SignificantlyBelow,
    Missing,
}

/// <summary>
/// One KPI's target for a delivered system and what missing it costs. The miss is measured relative to the target
/// (usage 54% against 60% misses by 10%; a fault rate of 1.25% against 1% by 25%) and falls in a band:
/// up to <see cref="SlightlyBelowUpToPercent"/> is slightly below, up to <see cref="BelowUpToPercent"/> below, beyond
/// that significantly below. Each band deducts its percentage of the monthly operating fee. The target itself is
/// inclusive: a fault rate of exactly 1% meets a 1% target.
/// </summary>
public sealed class KpiTarget
{
    /// <summary>The most a system's KPI deductions may add up to, in percent of the fee: beyond it the fee would be negative.</summary>
    public const decimal MaximumTotalDeductionPercent = 100m;

    private KpiTarget()
    {
    }

    public Kpi Kpi { get; private set; }
    public decimal TargetValue { get; private set; }
    public decimal SlightlyBelowUpToPercent { get; private set; }
    public decimal BelowUpToPercent { get; private set; }
    public decimal SlightlyBelowDeductionPercent { get; private set; }
    public decimal BelowDeductionPercent { get; private set; }
    public decimal SignificantlyBelowDeductionPercent { get; private set; }

    public KpiDirection Direction => Kpis.Direction(Kpi);

    /// <summary>
    /// The defaults from the brief: fault rate ≤ 1%, complaints answered within 60 minutes; and ours: usage ≥ 60%,
    /// satisfaction ≥ 85%, data no older than 24 hours (three days stale is a 200% miss). Bands at 10% and 25% relative
    /// miss; usage, the seed's failure, deducts 4/10/20%, the others 2/5/10% (at most 60% of the fee in all).
    /// </summary>
    public static IReadOnlyList<KpiTarget> Defaults() =>
    [
        Create(Kpi.UsageRate, 60m, 10m, 25m, 4m, 10m, 20m),
        Create(Kpi.Satisfaction, 85m, 10m, 25m, 2m, 5m, 10m),
        Create(Kpi.FaultRate, 1m, 10m, 25m, 2m, 5m, 10m),
        Create(Kpi.ComplaintResponseMinutes, 60m, 10m, 25m, 2m, 5m, 10m),
        Create(Kpi.DataLagHours, 24m, 10m, 25m, 2m, 5m, 10m),
    ];

    /// <summary>A target whose numbers agree with each other; a refusal names the first field that does not (e.g. <c>faultRate.belowUpToPercent</c>).</summary>
    public static KpiTarget Create(
        Kpi kpi, decimal targetValue, decimal slightlyBelowUpToPercent, decimal belowUpToPercent,
        decimal slightlyBelowDeductionPercent, decimal belowDeductionPercent, decimal significantlyBelowDeductionPercent)
    {
        var key = Kpis.ToKey(kpi);
        var kpiName = Kpis.Name(kpi);
        string Field(string name) => $"{key}.{name}";
        if (targetValue <= 0)
        {
            throw new DomainException(Kpis.Direction(kpi) == KpiDirection.LowerIsBetter
                ? new Phrase("The {0} target must be greater than 0: a zero limit leaves no room to measure a miss against.", kpiName)
                : new Phrase("The {0} target must be greater than 0.", kpiName), Field("target"));
        }
        if (Kpis.IsPercentage(kpi) && targetValue > 100)
        {
            throw new DomainException(new Phrase("The {0} target is a percentage and cannot be met above 100%.", kpiName), Field("target"));
        }
        if (slightlyBelowUpToPercent <= 0)
        {
            throw new DomainException(new Phrase("The {0} slightly-below limit must be greater than 0%.", kpiName), Field("slightlyBelowUpToPercent"));
        }
        if (belowUpToPercent <= slightlyBelowUpToPercent)
        {
            throw new DomainException(
                new Phrase("The {0} below limit ({1}) must be greater than its slightly-below limit ({2}).", kpiName, Percent(belowUpToPercent), Percent(slightlyBelowUpToPercent)),
                Field("belowUpToPercent"));
        }
        if (belowUpToPercent > 1000)
        {
            throw new DomainException(new Phrase("The {0} below limit cannot exceed 1000%.", kpiName), Field("belowUpToPercent"));
        }
        if (!IsShareOfFee(slightlyBelowDeductionPercent))
        {
            throw new DomainException(new Phrase("The {0} deduction for slightly below is a percentage of the fee: between 0 and 100.", kpiName),
                Field("slightlyBelowDeductionPercent"));
        }
        if (!IsShareOfFee(belowDeductionPercent))
        {
            throw new DomainException(new Phrase("The {0} deduction for below is a percentage of the fee: between 0 and 100.", kpiName),
                Field("belowDeductionPercent"));
        }
        if (!IsShareOfFee(significantlyBelowDeductionPercent))
        {
            throw new DomainException(new Phrase("The {0} deduction for significantly below is a percentage of the fee: between 0 and 100.", kpiName),
                Field("significantlyBelowDeductionPercent"));
        }
        if (belowDeductionPercent < slightlyBelowDeductionPercent)
        {
            throw new DomainException(
                new Phrase("The {0} deduction for below ({1}) cannot be less than for slightly below ({2}).", kpiName, Percent(belowDeductionPercent), Percent(slightlyBelowDeductionPercent)),
                Field("belowDeductionPercent"));
        }
        if (significantlyBelowDeductionPercent < belowDeductionPercent)
        {
            throw new DomainException(
                new Phrase("The {0} deduction for significantly below ({1}) cannot be less than for below ({2}).", kpiName, Percent(significantlyBelowDeductionPercent), Percent(belowDeductionPercent)),
                Field("significantlyBelowDeductionPercent"));
        }
        return new KpiTarget
        {
            Kpi = kpi,
            TargetValue = targetValue,
            SlightlyBelowUpToPercent = slightlyBelowUpToPercent,
            BelowUpToPercent = belowUpToPercent,
            SlightlyBelowDeductionPercent = slightlyBelowDeductionPercent,
            BelowDeductionPercent = belowDeductionPercent,
            SignificantlyBelowDeductionPercent = significantlyBelowDeductionPercent,
        };
    }

    /// <summary>
    /// A full set of targets: each KPI exactly once, and the worst case (every KPI significantly below or missing)
    /// deducting at most the whole fee.
    /// </summary>
    public static IReadOnlyList<KpiTarget> CheckSet(IReadOnlyList<KpiTarget> targets)
    {
        foreach (var kpi in Kpis.All)
        {
            var count = targets.Count(t => t.Kpi == kpi);
            if (count != 1)
            {
                throw new DomainException(count == 0
                    ? new Phrase("A target for {0} is missing: every system has a target for each of {1}.", Kpis.Name(kpi), Kpis.Keys)
                    : new Phrase("{0} has {1} targets; give it one.", Kpis.Name(kpi), count), Kpis.ToKey(kpi));
            }
        }
        var worst = targets.Sum(t => t.SignificantlyBelowDeductionPercent);
        if (worst > MaximumTotalDeductionPercent)
        {
            throw new DomainException(
                new Phrase("The significantly-below deductions add up to {0} of the fee; together they may take at most {1}.", Percent(worst), Percent(MaximumTotalDeductionPercent)),
                "significantlyBelowDeductionPercent");
        }
        return [.. targets.OrderBy(t => t.Kpi)];
    }

    /// <summary>How far a value misses the target, in percent of the target (0 when it meets it).</summary>
    public decimal MissPercent(decimal value)
    {
        var shortfall = Direction == KpiDirection.HigherIsBetter ? TargetValue - value : value - TargetValue;
        return shortfall <= 0 ? 0m : shortfall / TargetValue * 100m;
    }

    /// <summary>The band of an observed value; <see cref="RatingBand.Missing"/> when nothing was observed.</summary>
    public RatingBand Rate(decimal? value)
    {
        if (value is not { } observed)
        {
            return RatingBand.Missing;
        }
        var miss = MissPercent(observed);
        return miss == 0 ? RatingBand.Met
            : miss <= SlightlyBelowUpToPercent ? RatingBand.SlightlyBelow
            : miss <= BelowUpToPercent ? RatingBand.Below
            : RatingBand.SignificantlyBelow;
    }

    /// <summary>What a band deducts, in percent of the fee. Nothing reported deducts as much as significantly below: payment is by evidence.</summary>
    public decimal DeductionPercent(RatingBand band) => band switch
    {
        RatingBand.Met => 0m,
        RatingBand.SlightlyBelow => SlightlyBelowDeductionPercent,
        RatingBand.Below => BelowDeductionPercent,
        _ => SignificantlyBelowDeductionPercent,
    };

    /// <summary>Takes the numbers of another target of the same KPI (the system's targets are edited in place).</summary>
    internal void CopyFrom(KpiTarget other)
    {
        TargetValue = other.TargetValue;
        SlightlyBelowUpToPercent = other.SlightlyBelowUpToPercent;
        BelowUpToPercent = other.BelowUpToPercent;
        SlightlyBelowDeductionPercent = other.SlightlyBelowDeductionPercent;
        BelowDeductionPercent = other.BelowDeductionPercent;
        SignificantlyBelowDeductionPercent = other.SignificantlyBelowDeductionPercent;
    }

    private static bool IsShareOfFee(decimal percent) => percent is >= 0 and <= 100;

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
