namespace Portal.Domain.Effectiveness;

/// <summary>
/// A delivered system's month, rated: each KPI's band and deduction, the payment (the monthly fee less the deductions,
/// never below zero) and whether the system was idle. One per system and period, final once made: the job that runs
/// again finds it and rates nothing twice, and the period takes no more observations.
/// </summary>
public sealed class MonthlyStatement
{
    public const int IdleDescriptionMaxLength = 300;

    private readonly List<KpiRating> _ratings = [];

    private MonthlyStatement()
    {
        Period = "";
    }

    public Guid Id { get; private set; }
    public Guid SystemId { get; private set; }
    public string Period { get; private set; }
    public decimal MonthlyFeeYuan { get; private set; }
    public decimal DeductionYuan { get; private set; }
    public decimal PaymentYuan { get; private set; }
    public bool Idle { get; private set; }
    public IdleReason? IdleReason { get; private set; }
    /// <summary>Why the system was idle, stored as a phrase (<see cref="StoredPhrase"/>); read it with <see cref="DescribeIdle"/>.</summary>
    public string? IdleDescription { get; private set; }

    /// <summary>Why the system was idle that month, to render in the reader's language; null when it was in use.</summary>
    public Phrase? DescribeIdle() => IdleDescription is null ? null : StoredPhrase.Read(IdleDescription);
    public DateTime RatedAtUtc { get; private set; }
    public IReadOnlyList<KpiRating> Ratings => _ratings;

    /// <summary>
    /// Rates an ended period from the month of delivery on. <paramref name="observations"/> are the period's;
    /// <paramref name="lastDataAtUtc"/> is when the system last sent anything (null if never). Each KPI's deduction is
    /// its band's percentage of the fee, rounded to the fen; the payment is the fee less their sum, never below zero.
    /// </summary>
    public static MonthlyStatement Rate(
        DeliveredSystem system, Period period, IReadOnlyList<KpiObservation> observations, DateTime? lastDataAtUtc, IdleRule idle, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        if (nowUtc < period.EndUtc)
        {
            throw DomainException.Conflict(new Phrase("The period {0} has not ended yet: it is rated from {1}-01 (China time).", period.ToString(), period.Next.ToString()), "period");
        }
        if (period < system.FirstPeriod)
        {
            throw new DomainException(new Phrase("The period {0} is before the system was delivered ({1}).", period.ToString(), system.DeliveredOn), "period");
        }
        var key = period.ToString();
        if (observations.Any(o => o.SystemId != system.Id || o.Period != key))
        {
            throw new InvalidOperationException("A statement is rated from its own system's observations of its period.");
        }
        var statement = new MonthlyStatement
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Period = key,
            MonthlyFeeYuan = system.MonthlyFeeYuan,
            RatedAtUtc = nowUtc,
        };
        foreach (var target in system.Targets.OrderBy(t => t.Kpi))
        {
            var value = observations.SingleOrDefault(o => o.Kpi == target.Kpi)?.Value;
            var band = target.Rate(value);
            var percent = target.DeductionPercent(band);
            statement._ratings.Add(new KpiRating(target.Kpi, value, target.TargetValue,
                value is { } v ? decimal.Round(target.MissPercent(v), 2) : null, band, percent, Money.ToFen(system.MonthlyFeeYuan * percent / 100m)));
        }
        statement.DeductionYuan = statement._ratings.Sum(r => r.DeductionYuan);
        statement.PaymentYuan = Math.Max(0m, system.MonthlyFeeYuan - statement.DeductionYuan);

        var usage = observations.SingleOrDefault(o => o.Kpi == Kpi.UsageRate)?.Value;
        var finding = idle.Assess(usage, lastDataAtUtc ?? system.InOperationSinceUtc, nowUtc);
        statement.Idle = finding is not null;
        statement.IdleReason = finding?.Reason;
        statement.IdleDescription = finding is null ? null : StoredPhrase.Write(finding.Description);
        return statement;
    }

    /// <summary>The periods that can be rated now and are not yet: from the month of delivery to the last ended month.</summary>
    public static IReadOnlyList<Period> DuePeriods(DeliveredSystem system, IReadOnlySet<string> rated, DateTime nowUtc)
    {
        var due = new List<Period>();
        for (var period = system.FirstPeriod; period.EndUtc <= nowUtc; period = period.Next)
        {
            if (!rated.Contains(period.ToString()))
            {
                due.Add(period);
            }
        }
        return due;
    }
}

/// <summary>One KPI in a statement: what was observed (null: nothing), the target, the miss in percent, the band and the deduction.</summary>
public sealed record KpiRating(Kpi Kpi, decimal? Value, decimal TargetValue, decimal? MissPercent, RatingBand Band, decimal DeductionPercent, decimal DeductionYuan);
