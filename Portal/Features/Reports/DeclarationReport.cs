using System.Globalization;
using Portal.Domain;
using Portal.Localization;
using Portal.Reports;

namespace Portal.Features.Reports;

/// <summary>
/// A bid's SME declaration letter (中小企业声明函) as the bidder submitted it, on one page. The letter is the legal
/// form of 财库〔2020〕46号's appendix and its text is Chinese: it is reproduced unchanged in every language; an English
/// reader gets the labels in English and a note saying so (decision 0026).
/// </summary>
public static class DeclarationReport
{
    /// <summary>The title's translation key (中小企业声明函).</summary>
    public const string Title = "SME declaration letter";

    /// <summary>The note an English reader gets above the letter; a Chinese reader needs none.</summary>
    public const string ChineseOriginalNote =
        "The declaration letter is a legal form of Caiku [2020] No. 46 and its text is Chinese; it is reproduced below exactly as the bidder signed it.";

    public static byte[] Render(BidDeclaration declaration, DateTime generatedAtUtc, CultureInfo culture)
    {
        using var report = new ReportDocument(PortalText.Translate(Title, culture),
            PortalText.Render(new Phrase("{0} · {1} · Lot {2}: {3}", declaration.SupplierName, declaration.TenderTitle, declaration.LotNumber, declaration.LotTitle), culture),
            generatedAtUtc, culture);
        report.Paragraph(report.Say(new Phrase("Bid submitted: {0}", declaration.SubmittedAtUtc)));
        Letter(report, declaration.Letter);
        return report.Render();
    }

    /// <summary>The letter as signed; for a reader of another language than Chinese, after the note that it is the Chinese original.</summary>
    public static void Letter(ReportDocument report, string letter)
    {
        if (!report.Culture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            report.Paragraph(ChineseOriginalNote);
        }
        report.Paragraph(letter);
    }
}

public sealed record BidDeclaration(Guid BidId, string SupplierName, string TenderTitle, int LotNumber, string LotTitle, DateTime SubmittedAtUtc, string Letter);
