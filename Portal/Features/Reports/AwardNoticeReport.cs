using Portal.Features.Evaluation;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The award notice (中标公告) of a lot as a one-page PDF: the same content as the public notice page, from the notice
/// stored with the award.
/// </summary>
public static class AwardNoticeReport
{
    public const string Title = "中标公告 Award notice";

    public static byte[] Render(AwardNotice notice, DateTime generatedAtUtc)
    {
        var winner = notice.Winner;
        using var report = new ReportDocument(Title, $"{notice.TenderTitle} · 标段{notice.Number}：{notice.Title}", generatedAtUtc);
        report.Section($"中标供应商 Winner：{winner.SupplierName}");
        report.KeyFigures([
            new KeyFigure("企业规模 Size class", SizeName(winner.SizeClass)),
            new KeyFigure("中标价格 Awarded price", Yuan(winner.PriceYuan)),
            new KeyFigure("综合得分 Total score", Score(winner.TotalScore)),
            new KeyFigure("价格得分 Price score", Score(winner.PriceScore)),
        ]);
        report.Paragraph(
            $"采购人 Buyer：{notice.Buyer}\n" +
            $"授予时间 Awarded：{ReportDocument.ChinaTime(notice.AwardedAt)}；质疑期截止 Standstill ends：{ReportDocument.ChinaTime(notice.StandstillEndsAt)}\n" +
            $"评审价格 Evaluated price：{Yuan(winner.EvaluatedPriceYuan)}" +
            (notice.SmallMicroPriceDeduction is { } deduction ? $"\n小微企业价格扣除 Small and micro enterprise price deduction：{Portal.Components.Shared.Format.Percent(deduction)}" : "") +
            (string.IsNullOrWhiteSpace(notice.Justification) ? "" : $"\n授予理由 Justification：{notice.Justification}"));
        report.Section("评审得分 Scores");
        report.Table(new ReportTable(
            [new("评审因素 Criterion", 2.4), new("权重 Weight", 0.8, true), new("平均分 Mean score", 1, true), new("加权得分 Weighted", 1, true)],
            winner.Criteria.Select(c => (IReadOnlyList<string>)[c.Criterion, c.Weight + "%", Score(c.MeanScore), Score(c.WeightedScore)]).ToList()));
        if (!string.IsNullOrWhiteSpace(notice.Declaration))
        {
            report.Section("中小企业声明函 SME declaration");
            report.Paragraph(notice.Declaration);
        }
        return report.Render();
    }

    /// <summary>The API's size key (micro, small, medium, large) as the reports name it.</summary>
    public static string SizeName(string key) =>
        Portal.Domain.Suppliers.SizeClassExtensions.TryParseKey(key, out var size) ? Size(size) : key;
}
