using PdfSharp.Drawing;

namespace Portal.Reports;

/// <summary>
/// Widths of text in a report font and line breaking: Latin text breaks between words, Chinese between any two
/// characters. Each character is measured once per font (PDFsharp does not kern, so a string is as wide as its
/// characters), which keeps a 10,000-row table fast.
/// </summary>
internal sealed class TextMeasure
{
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<(XFont Font, char Char), double> _widths = [];

    public double Width(string text, XFont font)
    {
        var width = 0.0;
        foreach (var c in text)
        {
            width += CharWidth(c, font);
        }
        return width;
    }

    /// <summary>The lines of <paramref name="text"/> within <paramref name="width"/> (at least one, possibly empty).</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var start = 0;
        var lineWidth = 0.0;
        var lastSpace = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                lastSpace = i;
            }
            lineWidth += CharWidth(c, font);
            if (lineWidth <= width || i == start)
            {
                continue;
            }
            // Break after the last space of a Latin run; before this character otherwise (Chinese, or a very long word).
            var breakAt = lastSpace > start && !IsWide(c) ? lastSpace + 1 : i;
            lines.Add(text[start..breakAt].TrimEnd());
            start = breakAt;
            lastSpace = -1;
            lineWidth = Width(text[start..(i + 1)], font);
        }
        lines.Add(text[start..].TrimEnd());
        return lines;
    }

    /// <summary>The text cut with an ellipsis to fit on one line.</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (Width(text, font) <= width)
        {
            return text;
        }
        var ellipsis = CharWidth('…', font);
        var used = 0.0;
        var i = 0;
        for (; i < text.Length && used + CharWidth(text[i], font) + ellipsis <= width; i++)
        {
            used += CharWidth(text[i], font);
        }
        return text[..i] + "…";
    }

    private static bool IsWide(char c) => c >= '\u2E80';

    private double CharWidth(char c, XFont font)
    {
        if (!_widths.TryGetValue((font, c), out var width))
        {
            width = _measure.MeasureString(c.ToString(), font).Width;
            _widths[(font, c)] = width;
        }
        return width;
    }
}
