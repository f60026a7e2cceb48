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
}
