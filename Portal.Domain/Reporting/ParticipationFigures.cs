using Portal.Domain.Suppliers;

namespace Portal.Domain.Reporting;

/// <summary>One award in a period: the winner, the size class it declared with its bid, and the awarded value.</summary>
/// <param name="ValueYuan">The contract's value once recorded, the winning bid's price until then.</param>
public sealed record AwardRecord(Guid LotId, string TenderTitle, string LotTitle, Guid SupplierId, string SupplierName, SizeClass SizeClass, decimal ValueYuan, DateTime AwardedAtUtc);

/// <summary>What each size class won and bid in a period. Shares are fractions (0.25 is 25%); 0 when nothing was awarded.</summary>
public sealed record SizeClassFigures(SizeClass SizeClass, int Contracts, decimal ValueYuan, decimal ShareOfValue, decimal ShareOfContracts, int BidsReceived);

/// <summary>One month of the series: all awards and those won by SMEs.</summary>
public sealed record MonthFigures(int Year, int Month, int Contracts, int SmeContracts, decimal ValueYuan, decimal SmeValueYuan)
{
    public decimal SmeShareOfValue => ValueYuan == 0 ? 0 : SmeValueYuan / ValueYuan;

    public decimal SmeShareOfContracts => Contracts == 0 ? 0 : (decimal)SmeContracts / Contracts;
}

/// <summary>A supplier's awards in the period and its share of the awarded value (its market share).</summary>
public sealed record SupplierFigures(Guid SupplierId, string Name, SizeClass SizeClass, int Contracts, decimal ValueYuan, decimal ShareOfValue);

/// <summary>
/// SME participation and concentration of awarded value for a period (the figures of the SME report and of the
/// officials' dashboard). Concentration is measured on suppliers' shares of the awarded value:
/// CR3 is the share of the three largest suppliers (0–1), HHI the sum of the squared shares in percent (0–10,000;
/// above 2,500 is highly concentrated in the usual reading of the US DOJ/FTC merger guidelines).
/// </summary>
public sealed record ParticipationFigures(
    ReportingPeriod Period,
    int Contracts,
    decimal ValueYuan,
    int SmeContracts,
    decimal SmeValueYuan,
    IReadOnlyList<SizeClassFigures> BySize,
    IReadOnlyList<MonthFigures> ByMonth,
    IReadOnlyList<SupplierFigures> Suppliers,
    decimal Cr3,
    decimal Hhi,
    int BidsReceived,
    int SmeBidsReceived)
{
    /// <summary>Above this HHI a market is highly concentrated.</summary>
    public const decimal HighlyConcentratedHhi = 2_500m;

    public decimal SmeShareOfValue => ValueYuan == 0 ? 0 : SmeValueYuan / ValueYuan;

    public decimal SmeShareOfContracts => Contracts == 0 ? 0 : (decimal)SmeContracts / Contracts;

    public bool HighlyConcentrated => Hhi > HighlyConcentratedHhi;

    /// <summary>The largest suppliers by awarded value, largest first (ties by name).</summary>
    public IReadOnlyList<SupplierFigures> TopSuppliers(int count) => Suppliers.Take(count).ToList();

    /// <param name="awards">Awards made in the period (others are ignored).</param>
    /// <param name="bidSizeClasses">The declared size class of every bid received in the period.</param>
    public static ParticipationFigures Compute(ReportingPeriod period, IEnumerable<AwardRecord> awards, IEnumerable<SizeClass> bidSizeClasses)
    {
        var inPeriod = awards.Where(a => period.Contains(a.AwardedAtUtc)).ToList();
        var bids = bidSizeClasses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var total = inPeriod.Sum(a => a.ValueYuan);
        var count = inPeriod.Count;
        var sme = inPeriod.Where(a => a.SizeClass.IsSme()).ToList();

        var bySize = Enum.GetValues<SizeClass>().Select(size =>
        {
            var won = inPeriod.Where(a => a.SizeClass == size).ToList();
            var value = won.Sum(a => a.ValueYuan);
            return new SizeClassFigures(size, won.Count, value, Share(value, total), Share(won.Count, count), bids.GetValueOrDefault(size));
        }).ToList();

        var byMonthKey = inPeriod.GroupBy(a => ReportingPeriod.MonthOf(a.AwardedAtUtc)).ToDictionary(g => g.Key, g => g.ToList());
        var byMonth = period.Months().Select(m =>
        {
            var month = byMonthKey.GetValueOrDefault(m) ?? [];
            var smeMonth = month.Where(a => a.SizeClass.IsSme()).ToList();
            return new MonthFigures(m.Year, m.Month, month.Count, smeMonth.Count, month.Sum(a => a.ValueYuan), smeMonth.Sum(a => a.ValueYuan));
        }).ToList();

        var suppliers = inPeriod.GroupBy(a => a.SupplierId)
            .Select(g =>
            {
                // The latest award names the supplier and its size class as last declared.
                var latest = g.MaxBy(a => a.AwardedAtUtc)!;
                var value = g.Sum(a => a.ValueYuan);
                return new SupplierFigures(g.Key, latest.SupplierName, latest.SizeClass, g.Count(), value, Share(value, total));
            })
            .OrderByDescending(s => s.ValueYuan).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.SupplierId)
            .ToList();

        return new ParticipationFigures(
            period, count, total, sme.Count, sme.Sum(a => a.ValueYuan), bySize, byMonth, suppliers,
            Cr3: suppliers.Take(3).Sum(s => s.ShareOfValue),
            Hhi: suppliers.Sum(s => s.ShareOfValue * 100 * (s.ShareOfValue * 100)),
            BidsReceived: bids.Values.Sum(),
            SmeBidsReceived: bids.Where(b => b.Key.IsSme()).Sum(b => b.Value));
    }

    private static decimal Share(decimal part, decimal whole) => whole == 0 ? 0 : part / whole;
}
