using System.Globalization;
using Portal.Domain;
using Portal.Features.Evaluation;
using Portal.Localization;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The award notice (中标公告) of a lot as a one-page PDF in the reader's language: the same content as the public
/// notice page, from the notice stored with the award. The winner's SME declaration letter is reproduced as the bidder
/// signed it, in Chinese (decision 0026).
/// </summary>
public static class AwardNoticeReport
{
    /// <summary>The title's translation key (中标公告).</summary>
    public const string Title = "Award notice";

    public static byte[] Render(AwardNotice notice, DateTime generatedAtUtc, CultureInfo culture)
    {
        var winner = notice.Winner;
        using var report = new ReportDocument(PortalText.Translate(Title, culture),
            PortalText.Render(new Phrase("{0} · Lot {1}: {2}", notice.TenderTitle, notice.Number, notice.Title), culture), generatedAtUtc, culture);
        var tr = report.T;
        report.Section(report.Say(new Phrase("Winning supplier: {0}", winner.SupplierName)));
        report.KeyFigures([
            new KeyFigure(tr("Size class"), SizeName(winner.SizeClass, culture)),
            new KeyFigure(tr("Winning price"), Yuan(winner.PriceYuan)),
            new KeyFigure(tr("Overall score"), Score(winner.TotalScore)),
            new KeyFigure(tr("Price score"), Score(winner.PriceScore)),
        ]);
        report.Paragraph(
            report.Say(new Phrase("Buyer: {0}", notice.Buyer)) + "\n" +
            report.Say(new Phrase("Awarded: {0}; standstill ends: {1}", notice.AwardedAt, notice.StandstillEndsAt)) + "\n" +
            report.Say(new Phrase("Evaluated price: {0}", Yuan(winner.EvaluatedPriceYuan))) +
            (notice.SmallMicroPriceDeduction is { } deduction
                ? "\n" + report.Say(new Phrase("Small and micro enterprise price deduction: {0}", Portal.Components.Shared.Format.Percent(deduction)))
                : "") +
            (string.IsNullOrWhiteSpace(notice.Justification) ? "" : "\n" + report.Say(new Phrase("Justification: {0}", notice.Justification))));
        report.Section(tr("Scores"));
        report.Table(new ReportTable(
            [new(tr("Criterion"), 2.4), new(tr("Weight"), 0.8, true), new(tr("Mean score"), 1, true), new(tr("Weighted score"), 1, true)],
            winner.Criteria.Select(c => (IReadOnlyList<string>)[c.Criterion, c.Weight + "%", Score(c.MeanScore), Score(c.WeightedScore)]).ToList()));
        if (!string.IsNullOrWhiteSpace(notice.Declaration))
        {
            report.Section(tr("SME declaration letter"));
            DeclarationReport.Letter(report, notice.Declaration);
        }
        return report.Render();
    }

    /// <summary>The API's size key (micro, small, medium, large) as the reports name it, in the reader's language.</summary>
    public static string SizeName(string key, CultureInfo culture) =>
        Portal.Domain.Suppliers.SizeClassExtensions.TryParseKey(key, out var size) ? Size(size, culture) : key;
}
