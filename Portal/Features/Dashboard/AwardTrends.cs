using Portal.Domain.Reporting;
using Portal.Domain.Subsidies;
using Portal.Features.Reports;
using Portal.Features.Subsidies;

namespace Portal.Features.Dashboard;

/// <summary>
/// The officials' dashboard for a period: SME participation and concentration of the awarded value (the SME report's
/// figures, for the whole period and per calendar quarter and year) and each programme year's subsidy spend against its
/// budget. Every figure comes from <see cref="ParticipationFigures"/> and the subsidy ledger; nothing is recomputed here.
/// </summary>
public sealed class AwardTrends(ParticipationStatistics participation, SubsidyLedger ledger)
{
    /// <summary>Quarters: months are too sparse for a city's awards (most months have none or one), years too coarse.</summary>
    public const int QuarterMonths = 3;

    public const int YearMonths = 12;

    /// <summary>The default period: two years, so that a year-on-year change shows.</summary>
    public const int DefaultMonths = 24;

    public async Task<AwardTrendFigures> ReadAsync(ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        var data = await participation.ReadAsync(period, cancellationToken);
        // A part's figures are the same computation over the awards that fall in it (bids received are not charted per part).
        List<PeriodPart> Parts(int months) =>
            period.CalendarParts(months).Select(p => new PeriodPart(p, ParticipationFigures.Compute(p, data.Awards, []))).ToList();

        var subsidies = await ledger.ListAsync(LedgerViewer.Official, new LedgerFilter(null, null, null), cancellationToken);
        var disbursed = GrantStates.ToKey(GrantState.Disbursed);
        var spend = subsidies.Programmes
            .Where(p => p.Year >= period.From.Year && p.Year <= period.To.Year)
            .OrderBy(p => p.Year)
            .Select(p => new SubsidySpend(p.Year, p.Name, p.AnnualBudgetYuan, p.CommittedYuan,
                subsidies.Items.Where(i => i.Year == p.Year && i.State == disbursed).Sum(i => i.AmountYuan), p.RemainingYuan))
            .ToList();
        return new AwardTrendFigures(data.Figures, Parts(QuarterMonths), Parts(YearMonths), spend);
    }
}

/// <param name="Quarters">The period's calendar quarters, the first and last clipped to it.</param>
/// <param name="Years">The period's calendar years, the first and last clipped to it.</param>
/// <param name="Subsidies">Each programme year the period touches, oldest first.</param>
public sealed record AwardTrendFigures(
    ParticipationFigures Period,
    IReadOnlyList<PeriodPart> Quarters,
    IReadOnlyList<PeriodPart> Years,
    IReadOnlyList<SubsidySpend> Subsidies);

/// <summary>A quarter or year of the period with its participation and concentration figures.</summary>
public sealed record PeriodPart(ReportingPeriod Part, ParticipationFigures Figures)
{
    public int Year => Part.From.Year;

    public int Quarter => (Part.From.Month - 1) / 3 + 1;

    /// <summary>Shares of nothing are not 0%: a part without awards has no share to chart.</summary>
    public bool HasAwards => Figures.Contracts > 0;
}

/// <summary>A programme year's budget, what approved and disbursed grants commit of it, what is paid, and what remains.</summary>
public sealed record SubsidySpend(int Year, string Programme, decimal BudgetYuan, decimal CommittedYuan, decimal DisbursedYuan, decimal RemainingYuan)
{
    public decimal CommittedShareOfBudget => BudgetYuan == 0 ? 0 : CommittedYuan / BudgetYuan;
}
