using Portal.Domain.Reporting;
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
    public const string Title = "中小企业合同补贴台账 Subsidy ledger";

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

    public static byte[] Render(Ledger ledger, ReportingPeriod period, DateTime generatedAtUtc, Action<double>? progress = null)
    {
        var (grants, totals, budgets) = InPeriod(ledger, period);
        using var report = new ReportDocument(Title, $"期间 Period: {period}（按补贴登记日期 by the date each grant was recorded）", generatedAtUtc);
        decimal Amount(string state) => totals.Single(t => t.State == state).AmountYuan;
        report.KeyFigures([
            new KeyFigure("补贴笔数 Grants", Count(grants.Count)),
            new KeyFigure("补贴金额 Amount of all grants", Yuan(grants.Sum(g => g.AmountYuan))),
            new KeyFigure("已拨付 Disbursed", Yuan(Amount("disbursed"))),
            new KeyFigure("待审批 Awaiting approval", Yuan(Amount("eligible"))),
        ]);

        report.Section("按状态 Totals per state");
        report.Table(new ReportTable(
            [new("状态 State", 2), new("笔数 Grants", 1, true), new("金额 Amount", 1.5, true)],
            totals.Select(t => (IReadOnlyList<string>)[StateName(t.State), Count(t.Count), Yuan(t.AmountYuan)]).ToList()));

        report.Section("年度预算 Budget per year");
        report.Table(new ReportTable(
            [new("年度 Year", 0.7), new("计划 Programme", 2.2), new("比例 Rate", 0.7, true), new("预算 Budget", 1.4, true), new("已承诺 Committed", 1.4, true), new("剩余 Remaining", 1.4, true)],
            budgets.Select(b => (IReadOnlyList<string>)[b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Name, Percent(b.Rate), Yuan(b.AnnualBudgetYuan), Yuan(b.CommittedYuan), Yuan(b.RemainingYuan)]).ToList(),
            EmptyText: "本期没有补贴计划。No programme for the years of this period."));

        report.Section("补贴明细 Every grant");
        report.Table(new ReportTable(
            [new("登记 Recorded", 1.25), new("供应商 Supplier", 2), new("项目 / 标段 Tender / lot", 2.2), new("合同金额 Contract", 1.4, true), new("补贴 Grant", 1.25, true), new("状态 State", 1.1)],
            grants.Select(g => (IReadOnlyList<string>)[Date(g.CreatedAt), g.SupplierName, $"{g.TenderTitle} / {g.LotTitle}", Yuan(g.ContractValueYuan), Yuan(g.AmountYuan), StateName(g.State)]).ToList(),
            EmptyText: "本期没有补贴。No grants in this period."),
            rowsDone: progress is null ? null : rows => progress(0.1 + 0.8 * rows / Math.Max(1, grants.Count)));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }

    public static string StateName(string state) => state switch
    {
        "approved" => "已审批 Approved",
        "disbursed" => "已拨付 Disbursed",
        "rejected" => "已驳回 Rejected",
        _ => "待审批 Eligible",
    };
}
