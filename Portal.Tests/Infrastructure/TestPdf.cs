using System.Globalization;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>Small but valid one-page PDF documents (header, objects, cross-reference table, trailer) for upload tests.</summary>
public static class TestPdf
{
    /// <summary>A PDF showing <paramref name="text"/> (ASCII); a comment pads it to exactly <paramref name="minimumBytes"/> when it is shorter.</summary>
    public static byte[] Create(string text, int minimumBytes = 0)
    {
        var padding = 0;
        var pdf = Write(text, padding);
        while (pdf.Length < minimumBytes || (padding > 0 && pdf.Length > minimumBytes))
        {
            // Padding moves the cross-reference table, whose offset may then take another digit: measure again.
            padding += minimumBytes - pdf.Length;
            pdf = Write(text, padding);
        }
        return pdf;
    }

    private static byte[] Write(string text, int padding)
    {
        var page = $"BT /F1 18 Tf 72 760 Td ({text.Replace("(", "\\(").Replace(")", "\\)")}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {page.Length} >>\nstream\n{page}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var (body, number) in objects.Select((body, i) => (body, i + 1)))
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }
        if (padding > 0)
        {
            // A comment is ignored by readers; it goes before the cross-reference table, whose offsets stay right.
            pdf.Append('%').Append('x', Math.Max(0, padding - 2)).Append('\n');
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
