using System.Globalization;

namespace Portal.Domain.Effectiveness;

/// <summary>The five indicators a delivered system is rated on (DESIGN.md: usage, satisfaction, faults, complaints, freshness).</summary>
public enum Kpi
{
    UsageRate,
    Satisfaction,
    FaultRate,
    ComplaintResponseMinutes,
    DataLagHours,
}

/// <summary>Which way a KPI is good: usage and satisfaction should be high, faults, response time and lag low.</summary>
public enum KpiDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>What the API and the CSV call each KPI (<c>usageRate</c> …), its direction and its unit.</summary>
public static class Kpis
{
    public static IReadOnlyList<Kpi> All { get; } = Enum.GetValues<Kpi>();

    public static string Keys { get; } = string.Join(", ", All.Select(ToKey));

    public static string ToKey(Kpi kpi) => kpi switch
    {
        Kpi.UsageRate => "usageRate",
        Kpi.Satisfaction => "satisfaction",
        Kpi.FaultRate => "faultRate",
        Kpi.ComplaintResponseMinutes => "complaintResponseMinutes",
        _ => "dataLagHours",
    };

    public static Kpi? Parse(string? key) =>
        All.Cast<Kpi?>().SingleOrDefault(k => string.Equals(ToKey(k!.Value), key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The KPI of a key, or a refusal naming <paramref name="field"/> and the keys there are.</summary>
    public static Kpi ParseOrThrow(string? key, string field = "kpi") =>
        Parse(key) ?? throw new DomainException(new Phrase("\"{0}\" is not a KPI; use one of {1}.", key ?? "", Keys), field);

    /// <summary>
    /// The KPI as a refusal names it: its key in English (what the API and the CSV call it), its name in Chinese
    /// (<c>usageRate</c> is 使用率).
    /// </summary>
    public static Phrase Name(Kpi kpi) => Phrase.Of(ToKey(kpi));

    public static KpiDirection Direction(Kpi kpi) =>
        kpi is Kpi.UsageRate or Kpi.Satisfaction ? KpiDirection.HigherIsBetter : KpiDirection.LowerIsBetter;

    /// <summary>Usage, satisfaction and fault rate are percentages (0–100); response time is in minutes, lag in hours.</summary>
    public static bool IsPercentage(Kpi kpi) => kpi is Kpi.UsageRate or Kpi.Satisfaction or Kpi.FaultRate;

    public static string Unit(Kpi kpi) => kpi switch
    {
        Kpi.ComplaintResponseMinutes => "min",
        Kpi.DataLagHours => "h",
        _ => "%",
    };

    /// <summary>A value as people read it: <c>60%</c>, <c>45 min</c>, <c>72 h</c>.</summary>
    public static string Format(Kpi kpi, decimal value) =>
        value.ToString("0.##", CultureInfo.InvariantCulture) + (IsPercentage(kpi) ? "%" : " " + Unit(kpi));
}
