using System.Globalization;
using Portal.Domain;
using Portal.Domain.Bids;
using Portal.Features.Opening;
using Portal.Localization;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The opening record (开标记录, 电子招标投标办法 Art. 34) of a lot as a PDF in the reader's language: the same figures as
/// <c>GET /api/v1/lots/{id}/opening</c> — when the opening began and its decryption window ends (北京时间), and each
/// bidder with its declared size class, its status, the price of an opened bid, the reason of an invalid or void one,
/// and its receipt.
/// </summary>
public static class OpeningRecordReport
{
    /// <summary>The title's translation key (开标记录).</summary>
    public const string Title = "Opening record";

    public static byte[] Render(OpeningRecord record, DateTime generatedAtUtc, CultureInfo culture)
    {
        using var report = new ReportDocument(PortalText.Translate(Title, culture),
            PortalText.Render(new Phrase("{0} · Lot {1}: {2}", record.TenderTitle, record.LotNumber, record.LotTitle), culture), generatedAtUtc, culture);
        var tr = report.T;
        report.KeyFigures([
            new KeyFigure(tr("Number of bidders"), Count(record.Bids.Count)),
            new KeyFigure(tr("Decrypted and valid"), Count(record.Bids.Count(b => b.Status == BidStatus.Opened))),
            new KeyFigure(tr("Invalid"), Count(record.Bids.Count(b => b.Status == BidStatus.Invalid))),
            new KeyFigure(tr("Void (not decrypted, treated as withdrawn)"), Count(record.Bids.Count(b => b.Status == BidStatus.Void))),
        ]);
        report.Paragraph(
            report.Say(new Phrase("Buyer: {0}", record.Buyer)) + "\n" +
            report.Say(new Phrase("Bidding deadline: {0}", BeijingTime(record.Deadline, culture))) + "\n" +
            report.Say(new Phrase("Opening began: {0}", BeijingTime(record.OpenedAt, culture))) + "\n" +
            report.Say(new Phrase("Decryption window ends: {0}", BeijingTime(record.WindowEndsAt, culture))) + "\n" +
            (record.ClosedAt is { } closed
                ? report.Say(new Phrase("Record completed: {0}", BeijingTime(closed, culture)))
                : tr("The opening is under way: bidders are decrypting their bids.")));
        report.Section(tr("Bidders"));
        report.Table(new ReportTable(
            [new(tr("Bidder"), 2.2), new(tr("Size class"), 1), new(tr("Status"), 1.1), new(tr("Quoted price"), 1.3, true), new(tr("Remarks"), 2)],
            record.Bids.Select(b => (IReadOnlyList<string>)[
                b.SupplierName, AwardNoticeReport.SizeName(b.SizeClass, culture), StatusName(b.Status, culture), b.PriceYuan is { } price ? Yuan(price) : "—", b.Reason ?? ""]).ToList(),
            EmptyText: tr("No bids were received for this lot.")));
        if (record.Bids.Count > 0)
        {
            report.Section(tr("Bid receipts (SHA-256 of the sealed bid)"));
            report.Table(new ReportTable(
                [new(tr("Bidder"), 1.6), new(tr("Submitted at"), 1.4), new(tr("Receipt SHA-256"), 3)],
                record.Bids.Select(b => (IReadOnlyList<string>)[b.SupplierName, BeijingTime(b.SubmittedAt, culture), b.Sha256]).ToList(),
                Compact: true));
        }
        report.Paragraph(tr("A bid its bidder did not decrypt within the window is void and treated as withdrawn (Measures for Electronic Bidding, Art. 35)."));
        return report.Render();
    }

    /// <summary>An instant in China time to the second, with the zone named once in the reader's language (北京时间 / Beijing time).</summary>
    public static string BeijingTime(DateTime utc, CultureInfo culture) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + PortalText.Translate(Phrase.ZoneKey, culture);

    /// <summary>A bid's state in the record, in the reader's language.</summary>
    public static string StatusName(BidStatus status, CultureInfo culture) => PortalText.Translate(status switch
    {
        BidStatus.Sealed => "Not decrypted yet",
        BidStatus.Opened => "Decrypted",
        BidStatus.Invalid => "Invalid",
        BidStatus.Void => "Not decrypted, treated as withdrawn",
        _ => "Withdrawn",
    }, culture);
}
