using System.Globalization;
using Portal.Domain.Bids;
using Portal.Features.Opening;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The opening record (开标记录, 电子招标投标办法 Art. 34) of a lot as a PDF: the same figures as
/// <c>GET /api/v1/lots/{id}/opening</c> — when the opening began and its decryption window ends (北京时间), and each
/// bidder with its declared size class, its status, the price of an opened bid, the reason of an invalid or void one,
/// and its receipt.
/// </summary>
public static class OpeningRecordReport
{
    public const string Title = "开标记录 Opening record";

    public static byte[] Render(OpeningRecord record, DateTime generatedAtUtc)
    {
        using var report = new ReportDocument(Title, $"{record.TenderTitle} · 标段{record.LotNumber}：{record.LotTitle}", generatedAtUtc);
        report.KeyFigures([
            new KeyFigure("投标人数 Bidders", Count(record.Bids.Count)),
            new KeyFigure("解密有效 Opened", Count(record.Bids.Count(b => b.Status == BidStatus.Opened))),
            new KeyFigure("无效 Invalid", Count(record.Bids.Count(b => b.Status == BidStatus.Invalid))),
            new KeyFigure("未解密视为撤回 Void", Count(record.Bids.Count(b => b.Status == BidStatus.Void))),
        ]);
        report.Paragraph(
            $"采购人 Buyer：{record.Buyer}\n" +
            $"投标截止时间 Bidding deadline：{BeijingTime(record.Deadline)}\n" +
            $"开标时间 Opening began：{BeijingTime(record.OpenedAt)}\n" +
            $"解密截止时间 Decryption window ends：{BeijingTime(record.WindowEndsAt)}\n" +
            (record.ClosedAt is { } closed
                ? $"开标结束 Record completed：{BeijingTime(closed)}"
                : "开标进行中：投标人正在解密投标 The opening is under way: bidders are decrypting their bids."));
        report.Section("投标人 Bidders");
        report.Table(new ReportTable(
            [new("投标人 Bidder", 2.2), new("企业规模 Size", 1), new("状态 Status", 1.1), new("投标报价 Price", 1.3, true), new("说明 Reason", 2)],
            record.Bids.Select(b => (IReadOnlyList<string>)[
                b.SupplierName, AwardNoticeReport.SizeName(b.SizeClass), StatusName(b.Status), b.PriceYuan is { } price ? Yuan(price) : "—", b.Reason ?? ""]).ToList(),
            EmptyText: "本标段未收到投标。No bids were received for this lot."));
        if (record.Bids.Count > 0)
        {
            report.Section("投标回执 Receipts (SHA-256 of the sealed bid)");
            report.Table(new ReportTable(
                [new("投标人 Bidder", 1.6), new("递交时间 Submitted", 1.4), new("回执 SHA-256", 3)],
                record.Bids.Select(b => (IReadOnlyList<string>)[b.SupplierName, BeijingTime(b.SubmittedAt), b.Sha256]).ToList(),
                Compact: true));
        }
        report.Paragraph("投标人在解密时间内未解密的投标视为撤回（《电子招标投标办法》第三十五条）。" +
            "\nA bid its bidder did not decrypt within the window is void and treated as withdrawn (Art. 35). Times are Beijing time (UTC+8).");
        return report.Render();
    }

    /// <summary>An instant in China Standard Time to the second, named as a Chinese reader expects: 北京时间 (UTC+8).</summary>
    public static string BeijingTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " 北京时间 (UTC+8)";

    /// <summary>A bid's state in the record, in Chinese and English.</summary>
    public static string StatusName(BidStatus status) => status switch
    {
        BidStatus.Sealed => "未解密 Not yet decrypted",
        BidStatus.Opened => "已解密 Decrypted",
        BidStatus.Invalid => "无效 Invalid",
        BidStatus.Void => "未解密，视为撤回 Void",
        _ => "已撤回 Withdrawn",
    };
}
