using Portal.Reports;

namespace Portal.Features.Reports;

/// <summary>A bid's SME declaration letter (中小企业声明函) as the bidder submitted it, on one page.</summary>
public static class DeclarationReport
{
    public const string Title = "中小企业声明函 SME declaration";

    public static byte[] Render(BidDeclaration declaration, DateTime generatedAtUtc)
    {
        using var report = new ReportDocument(Title,
            $"{declaration.SupplierName} · {declaration.TenderTitle} · 标段{declaration.LotNumber}：{declaration.LotTitle}", generatedAtUtc);
        report.Paragraph($"投标提交时间 Bid submitted：{ReportDocument.ChinaTime(declaration.SubmittedAtUtc)}");
        report.Paragraph(declaration.Letter);
        return report.Render();
    }
}

public sealed record BidDeclaration(Guid BidId, string SupplierName, string TenderTitle, int LotNumber, string LotTitle, DateTime SubmittedAtUtc, string Letter);
