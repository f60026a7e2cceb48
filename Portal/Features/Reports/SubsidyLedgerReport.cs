using System.Globalization;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Localization;
using Portal.Features.Subsidies;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The subsidy ledger for a period (中小企业合同补贴台账): every grant recorded in the period with its state, the totals
/// per state, and each year's budget, what is committed of it and what remains.
/// </summary>
public static class SubsidyLedgerReport
{
    /// <summary>The title's translation key (中小企业合同补贴台账).</summary>
    public const string Title = "SME contract subsidy ledger";

    /// <summary>The grants of the ledger recorded in the period, oldest first, with the totals per state of those grants.</summary>
    public static (IReadOnlyList<LedgerItem> Grants, IReadOnlyList<StateTotal> Totals, IReadOnlyList<ProgrammeBudget> Budgets) InPeriod(Ledger ledger, ReportingPeriod period)
    {
        var grants = ledger.Items.Where(i => period.Contains(i.CreatedAt)).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToList();
        var totals = ledger.Totals
            .Select(t => new StateTotal(t.State, grants.Count(g => g.State == t.State), grants.Where(g => g.State == t.State).Sum(g => g.AmountYuan)))
            .ToList();
        var budgets = ledger.Programmes.Where(p => p.Year >= period.From.Year && p.Year <= period.To.Year).OrderBy(p => p.Year).ToList();
        return (grants, totals, budgets);
    }

    public static byte[] Render(Ledger ledger, ReportingPeriod period, DateTime generatedAtUtc, CultureInfo culture, Action<double>? progress = null)
    {
        var (grants, totals, budgets) = InPeriod(ledger, period);
        using var report = new ReportDocument(PortalText.Translate(Title, culture),
            PortalText.Render(new Phrase("Period: {0} (by the date each grant was recorded)", period.ToString()), culture), generatedAtUtc, culture);
        var tr = report.T;
        decimal Amount(string state) => totals.Single(t => t.State == state).AmountYuan;
        report.KeyFigures([
            new KeyFigure(tr("Number of grants"), Count(grants.Count)),
            new KeyFigure(tr("Amount of all grants"), Yuan(grants.Sum(g => g.AmountYuan))),
            new KeyFigure(tr("Disbursed"), Yuan(Amount("disbursed"))),
            new KeyFigure(tr("Awaiting approval"), Yuan(Amount("eligible"))),
        ]);

        report.Section(tr("Totals per state"));
        report.Table(new ReportTable(
            [new(tr("State"), 2), new(tr("Grants"), 1, true), new(tr("Amount"), 1.5, true)],
            totals.Select(t => (IReadOnlyList<string>)[StateName(t.State, culture), Count(t.Count), Yuan(t.AmountYuan)]).ToList()));

        report.Section(tr("Budget per year"));
        report.Table(new ReportTable(
            [new(tr("Year"), 0.7), new(tr("Programme"), 2.2), new(tr("Rate"), 0.7, true), new(tr("Budget"), 1.4, true), new(tr("Committed"), 1.4, true), new(tr("Remaining"), 1.4, true)],
            budgets.Select(b => (IReadOnlyList<string>)[b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Name, Percent(b.Rate), Yuan(b.AnnualBudgetYuan), Yuan(b.CommittedYuan), Yuan(b.RemainingYuan)]).ToList(),
            EmptyText: tr("No programme for the years of this period.")));

        report.Section(tr("Every grant"));
        report.Table(new ReportTable(
            [new(tr("Recorded on"), 1.25), new(tr("Supplier"), 2), new(tr("Tender / lot"), 2.2), new(tr("Contract value"), 1.4, true), new(tr("Grant"), 1.25, true), new(tr("State"), 1.1)],
            grants.Select(g => (IReadOnlyList<string>)[Date(g.CreatedAt), g.SupplierName, $"{g.TenderTitle} / {g.LotTitle}", Yuan(g.ContractValueYuan), Yuan(g.AmountYuan), StateName(g.State, culture)]).ToList(),
            EmptyText: tr("No grants in this period.")),
            rowsDone: progress is null ? null : rows => progress(0.1 + 0.8 * rows / Math.Max(1, grants.Count)));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }

    /// <summary>A grant's state in the reader's language.</summary>
    public static string StateName(string state, CultureInfo culture) => PortalText.Translate(state switch
    {
        "approved" => "Approved",
        "disbursed" => "Disbursed",
        "rejected" => "Rejected",
        _ => "Awaiting approval",
    }, culture);
}
