using Portal.Domain.Reporting;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The SME participation and concentration report (中小企业参与及集中度报告) for a period: key figures, awards by size
/// class, the monthly SME shares, the largest suppliers with CR3 and HHI, and every award of the period.
/// </summary>
public static class SmeParticipationReport
{
    public const string Title = "中小企业参与及集中度报告 SME participation and concentration";

    /// <param name="progress">Hears the share of the work done (0–1) while the award list, the long part, is drawn.</param>
    public static byte[] Render(ParticipationData data, DateTime generatedAtUtc, Action<double>? progress = null)
    {
        var f = data.Figures;
        using var report = new ReportDocument(Title, $"期间 Period: {f.Period}", generatedAtUtc);
        report.KeyFigures([
            new KeyFigure("授予合同 Contracts awarded", Count(f.Contracts)),
            new KeyFigure("授予金额 Awarded value", Yuan(f.ValueYuan)),
            new KeyFigure("中小企业金额占比 SME share of value", Percent(f.SmeShareOfValue)),
            new KeyFigure("中小企业合同占比 SME share of contracts", Percent(f.SmeShareOfContracts)),
            new KeyFigure("前三名集中度 CR3 (top-3 share)", Percent(f.Cr3)),
            new KeyFigure("赫芬达尔指数 HHI (0–10,000)", Hhi(f.Hhi)),
            new KeyFigure("收到投标 Bids received", Count(f.BidsReceived)),
            new KeyFigure("中小企业投标 Bids from SMEs", Count(f.SmeBidsReceived)),
        ]);
        report.Paragraph(
            "授予金额以已签订合同金额计，尚未签订合同的以中标价格计；企业规模以投标时提交的中小企业声明为准。" +
            "CR3 为授予金额最大的三家供应商所占份额；HHI 为各供应商金额份额（百分数）平方之和，超过 2,500 为高度集中。\n" +
            "Awarded value is the contract value once signed, the winning price until then; the size class is the one declared with the bid. " +
            "CR3 is the share of the three largest suppliers; HHI sums the squared percentage shares of all suppliers (above 2,500: highly concentrated). " +
            (f.HighlyConcentrated
                ? $"With an HHI of {Hhi(f.Hhi)} the awarded value of this period is highly concentrated (本期高度集中)."
                : $"With an HHI of {Hhi(f.Hhi)} the awarded value of this period is not highly concentrated (本期未达高度集中)."));

        report.Section("按企业规模 By size class");
        report.Table(new ReportTable(
            [new("规模 Size", 1.3), new("合同 Contracts", 1, true), new("授予金额 Value", 1.6, true), new("金额占比 Value share", 1.1, true),
             new("合同占比 Contract share", 1.1, true), new("收到投标 Bids", 1, true)],
            f.BySize.Select(s => (IReadOnlyList<string>)[Size(s.SizeClass), Count(s.Contracts), Yuan(s.ValueYuan), Percent(s.ShareOfValue), Percent(s.ShareOfContracts), Count(s.BidsReceived)]).ToList()));
        report.BarChart("授予金额（按规模） Awarded value by size class",
            f.BySize.Select(s => new ChartBar(Size(s.SizeClass), (double)s.ValueYuan)).ToList(), v => Yuan((decimal)v));

        report.Section("月度趋势 Month by month", keepWithNext: 240);
        report.LineChart("中小企业占比 SME share per month",
            f.ByMonth.Select(m => $"{m.Year % 100:00}-{m.Month:00}").ToList(),
            [new ChartSeries("金额占比 Share of value", f.ByMonth.Select(m => (double)m.SmeShareOfValue).ToList()),
             new ChartSeries("合同占比 Share of contracts", f.ByMonth.Select(m => (double)m.SmeShareOfContracts).ToList())],
            max: 1, axisFormat: v => Percent((decimal)v));
        report.Table(new ReportTable(
            [new("月份 Month", 1), new("合同 Contracts", 1, true), new("中小企业合同 SME contracts", 1.2, true), new("授予金额 Value", 1.6, true),
             new("中小企业金额 SME value", 1.6, true), new("金额占比 SME share", 1, true)],
            f.ByMonth.Select(m => (IReadOnlyList<string>)[$"{m.Year}-{m.Month:00}", Count(m.Contracts), Count(m.SmeContracts), Yuan(m.ValueYuan), Yuan(m.SmeValueYuan), Percent(m.SmeShareOfValue)]).ToList()));

        report.Section("供应商集中度 Largest suppliers");
        report.Table(new ReportTable(
            [new("名次 Rank", 0.6, true), new("供应商 Supplier", 2.6), new("规模 Size", 1.1), new("合同 Contracts", 0.9, true), new("授予金额 Value", 1.5, true), new("份额 Share", 0.9, true)],
            f.TopSuppliers(10).Select((s, i) => (IReadOnlyList<string>)[Count(i + 1), s.Name, Size(s.SizeClass), Count(s.Contracts), Yuan(s.ValueYuan), Percent(s.ShareOfValue)]).ToList(),
            EmptyText: "本期没有授予。No awards in this period."));

        report.Section("授予明细 Every award of the period");
        var awards = data.Awards;
        report.Table(new ReportTable(
            [new("授予日期 Awarded", 0.9), new("项目 / 标段 Tender / lot", 3.2), new("供应商 Supplier", 2.1), new("规模 Size", 0.9), new("金额 Value", 1.3, true)],
            awards.Select(a => (IReadOnlyList<string>)[Date(a.AwardedAtUtc), $"{a.TenderTitle} / {a.LotTitle}", a.SupplierName, Size(a.SizeClass), Yuan(a.ValueYuan)]).ToList(),
            EmptyText: "本期没有授予。No awards in this period.", Compact: true),
            rowsDone: progress is null ? null : rows => progress(0.1 + 0.8 * rows / Math.Max(1, awards.Count)));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }
}
