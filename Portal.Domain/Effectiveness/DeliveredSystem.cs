using Portal.Domain.Contracts;

namespace Portal.Domain.Effectiveness;

/// <summary>
/// What a contract delivered, now in operation: rated every month against its KPI targets and paid its monthly
/// operating fee less the deductions for missed targets. Created once per contract by the officer who marks it
/// delivered, who becomes its responsible officer.
/// </summary>
public sealed class DeliveredSystem
{
    public const int NameMaxLength = 200;

    private readonly List<KpiTarget> _targets = [];

    private DeliveredSystem()
    {
        Name = ResponsibleOfficerUserId = "";
    }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public Guid LotId { get; private set; }
    public Guid SupplierId { get; private set; }
    public string Name { get; private set; }
    public DateOnly DeliveredOn { get; private set; }
    public decimal MonthlyFeeYuan { get; private set; }
    public string ResponsibleOfficerUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public IReadOnlyList<KpiTarget> Targets => _targets;

    /// <summary>The first period the system is rated for: the month it was delivered in (rated as a whole month).</summary>
    public Period FirstPeriod => Period.Of(DeliveredOn);

    /// <summary>When the system went into operation (00:00 China time on the delivery day), in UTC.</summary>
    public DateTime InOperationSinceUtc => DateTime.SpecifyKind(DeliveredOn.ToDateTime(TimeOnly.MinValue) - Period.ChinaOffset, DateTimeKind.Utc);

    /// <summary>
    /// Marks a contract's system delivered, with the default targets. Delivery cannot be in the future (China's today)
    /// nor before the contract was recorded.
    /// </summary>
    public static DeliveredSystem MarkDelivered(Contract contract, string name, DateOnly deliveredOn, decimal monthlyFeeYuan, string officerUserId, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        var today = DateOnly.FromDateTime(nowUtc + Period.ChinaOffset);
        if (deliveredOn > today)
        {
            throw new DomainException(new Phrase("The delivery date cannot be in the future (today is {0}).", today), "deliveredOn");
        }
        var signed = DateOnly.FromDateTime(contract.RecordedAtUtc + Period.ChinaOffset);
        if (deliveredOn < signed)
        {
            throw new DomainException(new Phrase("The system cannot be delivered before its contract was recorded ({0}).", signed), "deliveredOn");
        }
        var system = new DeliveredSystem
        {
            Id = Guid.NewGuid(),
            ContractId = contract.Id,
            LotId = contract.LotId,
            SupplierId = contract.SupplierId,
            Name = Guard.Text(name, "name", NameMaxLength),
            DeliveredOn = deliveredOn,
            MonthlyFeeYuan = Guard.Money(monthlyFeeYuan, "monthlyFeeYuan", allowZero: false),
            ResponsibleOfficerUserId = officerUserId,
            CreatedAtUtc = nowUtc,
        };
        system._targets.AddRange(KpiTarget.Defaults());
        return system;
    }

    /// <summary>Replaces the targets with a full, consistent set (each KPI once, at most 100% deducted in all).</summary>
    public void ChangeTargets(IReadOnlyList<KpiTarget> targets)
    {
        var checkedSet = KpiTarget.CheckSet(targets);
        foreach (var target in checkedSet)
        {
            _targets.Single(t => t.Kpi == target.Kpi).CopyFrom(target);
        }
    }

    public KpiTarget TargetFor(Kpi kpi) => _targets.Single(t => t.Kpi == kpi);

    /// <summary>A period may be observed once it has started (China time) and not before the month of delivery.</summary>
    public void EnsureObservable(Period period, DateTime nowUtc)
    {
        var current = Period.Of(nowUtc);
        if (period > current)
        {
            throw new DomainException(new Phrase("The period {0} has not started yet (this month is {1}).", period.ToString(), current.ToString()), "period");
        }
        if (period < FirstPeriod)
        {
            throw new DomainException(new Phrase("The period {0} is before the system was delivered ({1}).", period.ToString(), DeliveredOn), "period");
        }
    }
}
