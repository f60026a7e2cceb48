namespace Portal.Domain.Effectiveness;

/// <summary>How an observation reached the portal.</summary>
public enum ObservationSource
{
    Form,
    Csv,
    Api,
}

/// <summary>
/// One KPI's value for one month of a delivered system, e.g. usage 72.5% in 2026-11. There is one per system, period
/// and KPI: a second is refused as a duplicate period, and a period already rated takes no more (its statement is final).
/// </summary>
public sealed class KpiObservation
{
    public const int RecordedByMaxLength = 256;

    /// <summary>The largest response time (minutes) or lag (hours) taken: a year in hours, far beyond any band.</summary>
    public const decimal MaximumAmount = 1_000_000m;

    private KpiObservation()
    {
        Period = RecordedBy = "";
    }

    public Guid Id { get; private set; }
    public Guid SystemId { get; private set; }

    /// <summary>The month, <c>YYYY-MM</c>.</summary>
    public string Period { get; private set; }

    public Kpi Kpi { get; private set; }
    public decimal Value { get; private set; }
    public ObservationSource Source { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Who sent it: the user's email, or <c>api-key:</c> and the key's prefix.</summary>
    public string RecordedBy { get; private set; }

    /// <summary>
    /// An observation the system can take: a started period from its delivery on, a value in the KPI's range, and no
    /// earlier observation of this KPI for this period (<paramref name="alreadyObserved"/>) nor a rating of the period.
    /// </summary>
    public static KpiObservation Record(
        DeliveredSystem system, Period period, Kpi kpi, decimal value, ObservationSource source, string recordedBy, DateTime nowUtc,
        bool alreadyObserved, bool periodRated)
    {
        Guard.Utc(nowUtc, "now");
        system.EnsureObservable(period, nowUtc);
        CheckValue(kpi, value);
        if (periodRated)
        {
            throw DomainException.Conflict(new Phrase("The period {0} is already rated and its payment computed: it takes no more observations.", period.ToString()), "period");
        }
        if (alreadyObserved)
        {
            throw DuplicatePeriod(period, kpi);
        }
        return new KpiObservation
        {
            Id = Guid.NewGuid(),
            SystemId = system.Id,
            Period = period.ToString(),
            Kpi = kpi,
            Value = value,
            Source = source,
            RecordedAtUtc = nowUtc,
            RecordedBy = Guard.Text(recordedBy, "recordedBy", RecordedByMaxLength),
        };
    }

    public static DomainException DuplicatePeriod(Period period, Kpi kpi) =>
        DomainException.Conflict(new Phrase("Duplicate period: {0} for {1} is already recorded; each KPI takes one value per month.", Kpis.Name(kpi), period.ToString()), "period");

    /// <summary>Percentages between 0 and 100, minutes and hours from 0, at most two decimals.</summary>
    public static void CheckValue(Kpi kpi, decimal value)
    {
        var key = Kpis.Name(kpi);
        if (value < 0)
        {
            throw new DomainException(new Phrase("The {0} value cannot be negative.", key), "value");
        }
        if (Kpis.IsPercentage(kpi) && value > 100)
        {
            throw new DomainException(new Phrase("The {0} value is a percentage: between 0 and 100.", key), "value");
        }
        if (value > MaximumAmount)
        {
            throw new DomainException(new Phrase("The {0} value cannot exceed {1}.", key, decimal.Round(MaximumAmount, 0)), "value");
        }
        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException(new Phrase("The {0} value can have at most two decimal places.", key), "value");
        }
    }
}
