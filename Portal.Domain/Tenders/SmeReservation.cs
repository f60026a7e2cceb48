namespace Portal.Domain.Tenders;

/// <summary>How much procurement is set aside for SMEs.</summary>
public static class SmeReservation
{
    /// <summary>
    /// 财库〔2020〕46号 as adjusted by 财库〔2022〕19号: above the fully reserved budgets, at least 30% of a project
    /// suitable for SMEs is reserved for them.
    /// </summary>
    public const decimal MinimumReservedShare = 0.30m;

    /// <summary>Share of the value of the given lots that is reserved for SMEs (0 when there is no value at all).</summary>
    public static decimal ReservedShare(IEnumerable<(decimal ValueYuan, bool ReservedForSmes)> lots)
    {
        var all = lots.ToList();
        var total = all.Sum(l => l.ValueYuan);
        return total == 0 ? 0 : all.Where(l => l.ReservedForSmes).Sum(l => l.ValueYuan) / total;
    }

    public static bool MeetsMinimum(decimal reservedShare) => reservedShare >= MinimumReservedShare;

    /// <summary>A share as a whole percentage, written the same in every language (<c>30%</c>).</summary>
    internal static string Percent(decimal share) =>
        Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Budgets of goods and services up to this amount are suggested to be reserved for SMEs in full (200万元).</summary>
    public const decimal FullReservationBudgetYuan = 2_000_000m;

    /// <summary>The officer's guidance for a tender: what share to reserve, and whether the lots as entered reach it.</summary>
    public static ReservationAdvice Advise(decimal budgetYuan, IEnumerable<(decimal ValueYuan, bool ReservedForSmes)> lots)
    {
        var share = ReservedShare(lots);
        var suggested = budgetYuan <= FullReservationBudgetYuan ? 1m : MinimumReservedShare;
        return new ReservationAdvice(share, suggested, share >= suggested);
    }
}

/// <summary>The share of the lots' value reserved for SMEs, the share suggested for the budget, and whether it is reached.</summary>
public sealed record ReservationAdvice(decimal ReservedShare, decimal SuggestedShare, bool Reached)
{
    public Phrase Explain() => SuggestedShare == 1m
        ? new Phrase("Budgets up to 200万元 for goods and services are suggested to be reserved for SMEs in full; {0} of the lots' value is reserved.",
            SmeReservation.Percent(ReservedShare))
        : new Phrase("Above 200万元, at least {0} of the value should be reserved for SMEs (财库〔2020〕46号, 财库〔2022〕19号); {1} is reserved.",
            SmeReservation.Percent(SuggestedShare), SmeReservation.Percent(ReservedShare));
}
