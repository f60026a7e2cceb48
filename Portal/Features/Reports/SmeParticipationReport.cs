using System.Globalization;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Localization;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The SME participation and concentration report (中小企业参与及集中度报告) for a period: key figures, awards by size
/// class, the monthly SME shares, the largest suppliers with CR3 and HHI, and every award of the period.
/// </summary>
public static class SmeParticipationReport
{
    /// <summary>The title's translation key (中小企业参与及集中度报告).</summary>
    public const string Title = "SME participation and concentration report";

    /// <param name="progress">Hears the share of the work done (0–1) while the award list, the long part, is drawn.</param>
    public static byte[] Render(ParticipationData data, DateTime generatedAtUtc, CultureInfo culture, Action<double>? progress = null)
    {
        var f = data.Figures;
        using var report = new ReportDocument(PortalText.Translate(Title, culture), PortalText.Render(new Phrase("Period: {0}", f.Period.ToString()), culture), generatedAtUtc, culture);
        var tr = report.T;
        string Size(Portal.Domain.Suppliers.SizeClass size) => ReportFormat.Size(size, culture);
        report.KeyFigures([
            new KeyFigure(tr("Contracts awarded"), Count(f.Contracts)),
            new KeyFigure(tr("Awarded value"), Yuan(f.ValueYuan)),
            new KeyFigure(tr("SME share of value"), Percent(f.SmeShareOfValue)),
            new KeyFigure(tr("SME share of contracts"), Percent(f.SmeShareOfContracts)),
            new KeyFigure(tr("CR3 (top-3 share)"), Percent(f.Cr3)),
            new KeyFigure(tr("HHI (0–10,000)"), Hhi(f.Hhi)),
            new KeyFigure(tr("Bids received"), Count(f.BidsReceived)),
            new KeyFigure(tr("Bids from SMEs"), Count(f.SmeBidsReceived)),
        ]);
        report.Paragraph(
            tr("Awarded value is the contract value once signed, the winning price until then; the size class is the one declared with the bid. " +
              "CR3 is the share of the three largest suppliers; HHI sums the squared percentage shares of all suppliers (above 2,500: highly concentrated).") + "\n" +
            report.Say(f.HighlyConcentrated
                ? new Phrase("With an HHI of {0} the awarded value of this period is highly concentrated.", Hhi(f.Hhi))
                : new Phrase("With an HHI of {0} the awarded value of this period is not highly concentrated.", Hhi(f.Hhi))));

        report.Section(tr("By size class"));
        report.Table(new ReportTable(
            [new(tr("Size class"), 1.3), new(tr("Contracts"), 1, true), new(tr("Awarded value"), 1.6, true), new(tr("Value share"), 1.1, true),
             new(tr("Contract share"), 1.1, true), new(tr("Bids received"), 1, true)],
            f.BySize.Select(s => (IReadOnlyList<string>)[Size(s.SizeClass), Count(s.Contracts), Yuan(s.ValueYuan), Percent(s.ShareOfValue), Percent(s.ShareOfContracts), Count(s.BidsReceived)]).ToList()));
        report.BarChart(tr("Awarded value by size class"),
            f.BySize.Select(s => new ChartBar(Size(s.SizeClass), (double)s.ValueYuan)).ToList(), v => Yuan((decimal)v));

        report.Section(tr("Month by month"), keepWithNext: 240);
        report.LineChart(tr("SME share per month"),
            f.ByMonth.Select(m => $"{m.Year % 100:00}-{m.Month:00}").ToList(),
            [new ChartSeries(tr("Value share"), f.ByMonth.Select(m => (double)m.SmeShareOfValue).ToList()),
             new ChartSeries(tr("Contract share"), f.ByMonth.Select(m => (double)m.SmeShareOfContracts).ToList())],
            max: 1, axisFormat: v => Percent((decimal)v));
        report.Table(new ReportTable(
            [new(tr("Month"), 1), new(tr("Contracts"), 1, true), new(tr("SME contracts"), 1.2, true), new(tr("Awarded value"), 1.6, true),
             new(tr("SME value"), 1.6, true), new(tr("SME share of value"), 1, true)],
            f.ByMonth.Select(m => (IReadOnlyList<string>)[$"{m.Year}-{m.Month:00}", Count(m.Contracts), Count(m.SmeContracts), Yuan(m.ValueYuan), Yuan(m.SmeValueYuan), Percent(m.SmeShareOfValue)]).ToList()));

        report.Section(tr("Largest suppliers"));
        report.Table(new ReportTable(
            [new(tr("Rank"), 0.6, true), new(tr("Supplier"), 2.6), new(tr("Size class"), 1.1), new(tr("Contracts"), 0.9, true), new(tr("Awarded value"), 1.5, true), new(tr("Share of value"), 0.9, true)],
            f.TopSuppliers(10).Select((s, i) => (IReadOnlyList<string>)[Count(i + 1), s.Name, Size(s.SizeClass), Count(s.Contracts), Yuan(s.ValueYuan), Percent(s.ShareOfValue)]).ToList(),
            EmptyText: tr("No awards in this period.")));

        report.Section(tr("Every award of the period"));
        var awards = data.Awards;
        report.Table(new ReportTable(
            [new(tr("Awarded on"), 0.9), new(tr("Tender / lot"), 3.2), new(tr("Supplier"), 2.1), new(tr("Size class"), 0.9), new(tr("Value"), 1.3, true)],
            awards.Select(a => (IReadOnlyList<string>)[Date(a.AwardedAtUtc), $"{a.TenderTitle} / {a.LotTitle}", a.SupplierName, Size(a.SizeClass), Yuan(a.ValueYuan)]).ToList(),
            EmptyText: tr("No awards in this period."), Compact: true),
            rowsDone: progress is null ? null : rows => progress(0.1 + 0.8 * rows / Math.Max(1, awards.Count)));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }
}
