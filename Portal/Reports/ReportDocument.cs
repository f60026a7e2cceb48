using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Reports;

/// <summary>
/// A report as a flow of blocks on A4 portrait pages: the title block, then sections, paragraphs, key figures, tables
/// and charts in the order they are added, each moved to a new page when it does not fit (a table breaks between rows
/// and repeats its header row). <see cref="Render"/> writes "page N of M" and the generation time in every footer.
/// Every report of the portal is drawn with these blocks.
/// </summary>
public sealed class ReportDocument : IDisposable
{
    /// <summary>The portal's name at the head of every report (a translation key, English).</summary>
    public const string PortalName = "SME Procurement Portal";

    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double Margin = 48, FooterHeight = 28;
    private const double ContentWidth = PageWidth - 2 * Margin;
    private const double Bottom = PageHeight - Margin - FooterHeight;
    private const double CellPadding = 4;

    private static readonly XColor _ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor _muted = XColor.FromArgb(108, 117, 125);
    private static readonly XColor _rule = XColor.FromArgb(206, 212, 218);
    private static readonly XColor _headerFill = XColor.FromArgb(232, 240, 250);
    private static readonly XColor _zebra = XColor.FromArgb(248, 249, 250);

    /// <summary>Colours of chart series and bars, in order.</summary>
    public static readonly XColor[] Palette =
    [
        XColor.FromArgb(25, 118, 210), XColor.FromArgb(56, 142, 60), XColor.FromArgb(245, 124, 0), XColor.FromArgb(123, 31, 162),
        XColor.FromArgb(211, 47, 47),
    ];

    private readonly PdfDocument _document;
    private readonly DateTime _generatedAtUtc;
    private readonly TextMeasure _measure = new();
    private XGraphics? _page;
    private double _y;

    private readonly XFont _title, _heading, _body, _bodyBold, _small, _figure, _compact, _compactBold;
    private readonly XSolidBrush _inkBrush = new(_ink), _mutedBrush = new(_muted);
    private readonly XPen _rulePen = new(_rule, 0.5);

    /// <param name="title">The report's title (报告名称).</param>
    /// <param name="subtitle">What it covers, e.g. its period.</param>
    /// <param name="generatedAtUtc">When it was generated; shown in China time in the title block and every footer.</param>
    /// <param name="culture">The reader's language (zh-CN or en): the portal's name, the footer and the times are written in it.</param>
    public ReportDocument(string title, string subtitle, DateTime generatedAtUtc, CultureInfo culture)
    {
        Culture = culture;
        _generatedAtUtc = DateTime.SpecifyKind(generatedAtUtc, DateTimeKind.Utc);
        // PDFsharp's licence and font resolver first: a document or a font made before them is refused.
        ReportFonts.EnsureRegistered();
        _document = new PdfDocument();
        (_title, _heading, _body, _bodyBold, _small, _figure) = (Font(17, bold: true), Font(12.5, bold: true), Font(9.5), Font(9.5, bold: true), Font(7.5), Font(14, bold: true));
        (_compact, _compactBold) = (Font(8), Font(8, bold: true));
        _document.Info.Title = title;
        _document.Info.Creator = T(PortalName);
        _document.Info.CreationDate = generatedAtUtc;
        _document.Options.CompressContentStreams = true;
        NewPage();
        Text(T(PortalName), _small, _muted, ContentWidth);
        _y += 4;
        foreach (var line in _measure.Wrap(title, _title, ContentWidth))
        {
            Text(line, _title, _ink, ContentWidth);
        }
        _y += 2;
        Text(subtitle, _body, _ink, ContentWidth);
        Text(Say(new Phrase("Generated: {0}", generatedAtUtc)), _small, _muted, ContentWidth);
        _y += 6;
        Page.DrawLine(new XPen(_ink, 1.2), Margin, _y, Margin + ContentWidth, _y);
        _y += 14;
    }

    public int PageCount => _document.PageCount;

    private XGraphics Page => _page ?? throw new ObjectDisposedException(nameof(ReportDocument));

    /// <summary>
    /// A section heading; it moves to the next page rather than stay alone at the bottom of one, i.e. when less than
    /// <paramref name="keepWithNext"/> points (the height of what follows it, such as a chart) are left.
    /// </summary>
    public ReportDocument Section(string heading, double keepWithNext = 60)
    {
        EnsureSpace(keepWithNext);
        _y += 6;
        Text(heading, _heading, _ink, ContentWidth);
        _y += 4;
        return this;
    }

    /// <summary>Running text, wrapped to the page width (between words in Latin text, between characters in Chinese).</summary>
    public ReportDocument Paragraph(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                _y += LineHeight(_body) / 2;
                continue;
            }
            foreach (var wrapped in _measure.Wrap(line, _body, ContentWidth))
            {
                EnsureSpace(LineHeight(_body));
                Text(wrapped, _body, _ink, ContentWidth);
            }
        }
        _y += 6;
        return this;
    }

    /// <summary>A row of boxed key figures (up to four per row): the value large, its label small beneath.</summary>
    public ReportDocument KeyFigures(IReadOnlyList<KeyFigure> figures)
    {
        const int perRow = 4;
        const double gap = 8, height = 46;
        var width = (ContentWidth - gap * (perRow - 1)) / perRow;
        foreach (var row in figures.Chunk(perRow))
        {
            EnsureSpace(height + gap);
            for (var i = 0; i < row.Length; i++)
            {
                var x = Margin + i * (width + gap);
                Page.DrawRectangle(new XPen(_rule, 0.8), new XSolidBrush(_zebra), x, _y, width, height);
                Page.DrawString(_measure.Fit(row[i].Value, _figure, width - 2 * CellPadding), _figure, new XSolidBrush(_ink),
                    new XRect(x + CellPadding, _y + 6, width - 2 * CellPadding, 18), XStringFormats.TopLeft);
                var label = _measure.Wrap(row[i].Label, _small, width - 2 * CellPadding);
                for (var l = 0; l < Math.Min(2, label.Count); l++)
                {
                    Page.DrawString(label[l], _small, new XSolidBrush(_muted),
                        new XRect(x + CellPadding, _y + 26 + l * LineHeight(_small), width - 2 * CellPadding, LineHeight(_small)), XStringFormats.TopLeft);
                }
            }
            _y += height + gap;
        }
        _y += 4;
        return this;
    }

    /// <summary>
    /// A table across the page width. Rows never split; when the next row does not fit, the table goes on on the next
    /// page under a repeated header row. <paramref name="rowsDone"/> hears how many rows are drawn (every 200 rows).
    /// </summary>
    public ReportDocument Table(ReportTable table, Action<int>? rowsDone = null)
    {
        var (font, bold) = table.Compact ? (_compact, _compactBold) : (_body, _bodyBold);
        var widths = table.Columns.Select(c => c.Weight / table.Columns.Sum(w => w.Weight) * ContentWidth).ToArray();
        var header = Lines(table.Columns.Select(c => c.Header).ToArray(), widths, bold);
        EnsureSpace(Height(header, bold) + LineHeight(font) + 2 * CellPadding);
        DrawRow(header, widths, table.Columns, bold, _headerFill);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cells = Lines(table.Rows[r], widths, font);
            if (_y + Height(cells, font) > Bottom)
            {
                NewPage();
                DrawRow(header, widths, table.Columns, bold, _headerFill);
            }
            DrawRow(cells, widths, table.Columns, font, r % 2 == 1 ? _zebra : null);
            if (rowsDone is not null && (r + 1) % 200 == 0)
            {
                rowsDone(r + 1);
            }
        }
        if (table.Rows.Count == 0 && table.EmptyText is { } empty)
        {
            Text(empty, _body, _muted, ContentWidth);
        }
        rowsDone?.Invoke(table.Rows.Count);
        _y += 10;
        return this;
    }

    /// <summary>Horizontal bars, one per item, scaled to the largest value, each labelled with its formatted value.</summary>
    public ReportDocument BarChart(string title, IReadOnlyList<ChartBar> bars, Func<double, string> format)
    {
        const double barHeight = 14, gap = 6, labelWidth = 110, valueWidth = 90;
        EnsureSpace(LineHeight(_bodyBold) + bars.Count * (barHeight + gap) + 10);
        Text(title, _bodyBold, _ink, ContentWidth);
        _y += 4;
        var max = Math.Max(bars.Count == 0 ? 0 : bars.Max(b => b.Value), double.Epsilon);
        var span = ContentWidth - labelWidth - valueWidth;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            Page.DrawString(_measure.Fit(bar.Label, _body, labelWidth - 6), _body, new XSolidBrush(_ink),
                new XRect(Margin, _y, labelWidth - 6, barHeight), XStringFormats.CenterLeft);
            var length = Math.Max(0, bar.Value / max * span);
            Page.DrawRectangle(new XSolidBrush(Palette[i % Palette.Length]), Margin + labelWidth, _y + 1, length, barHeight - 2);
            Page.DrawString(format(bar.Value), _body, new XSolidBrush(_ink),
                new XRect(Margin + labelWidth + length + 4, _y, valueWidth, barHeight), XStringFormats.CenterLeft);
            _y += barHeight + gap;
        }
        _y += 8;
        return this;
    }

    /// <summary>
    /// Lines over categories (e.g. months) between 0 and <paramref name="max"/>, with a legend, horizontal grid lines
    /// labelled by <paramref name="axisFormat"/>, and every category labelled when they fit (else every n-th). A value
    /// of <see cref="double.NaN"/> is a category without a value: no point, and a gap in the line.
    /// </summary>
    public ReportDocument LineChart(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, double max, Func<double, string> axisFormat)
    {
        const double plotHeight = 150, axisWidth = 44, legendHeight = 16, labelsHeight = 16;
        EnsureSpace(LineHeight(_bodyBold) + legendHeight + plotHeight + labelsHeight + 14);
        Text(title, _bodyBold, _ink, ContentWidth);
        var legendX = Margin;
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            Page.DrawLine(new XPen(colour, 2), legendX, _y + 8, legendX + 16, _y + 8);
            Page.DrawString(series[s].Name, _small, new XSolidBrush(_ink), new XRect(legendX + 20, _y, 200, 16), XStringFormats.CenterLeft);
            legendX += 28 + _measure.Width(series[s].Name, _small);
        }
        _y += legendHeight;
        var left = Margin + axisWidth;
        var width = ContentWidth - axisWidth;
        var top = _y + 4;
        max = max <= 0 ? 1 : max;
        for (var g = 0; g <= 4; g++)
        {
            var y = top + plotHeight - g / 4.0 * plotHeight;
            Page.DrawLine(new XPen(_rule, g == 0 ? 1 : 0.5), left, y, left + width, y);
            Page.DrawString(axisFormat(max * g / 4), _small, new XSolidBrush(_muted), new XRect(Margin, y - 6, axisWidth - 4, 12), XStringFormats.CenterRight);
        }
        var step = categories.Count <= 1 ? 0 : width / (categories.Count - 1);
        double X(int i) => categories.Count <= 1 ? left + width / 2 : left + i * step;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(categories.Count * 36 / width));
        for (var i = 0; i < categories.Count; i += labelEvery)
        {
            Page.DrawString(categories[i], _small, new XSolidBrush(_muted), new XRect(X(i) - 20, top + plotHeight + 2, 40, 12), XStringFormats.TopCenter);
        }
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            // A missing value (NaN) leaves a gap: the line is drawn in runs of known values.
            var points = series[s].Values.Select((v, i) => double.IsNaN(v) ? (XPoint?)null : new XPoint(X(i), top + plotHeight - Math.Clamp(v / max, 0, 1) * plotHeight)).ToArray();
            var run = new List<XPoint>();
            foreach (var p in points.Append(null))
            {
                if (p is { } point)
                {
                    run.Add(point);
                    Page.DrawEllipse(new XSolidBrush(colour), point.X - 2, point.Y - 2, 4, 4);
                    continue;
                }
                if (run.Count > 1)
                {
                    Page.DrawLines(new XPen(colour, 1.6), run.ToArray());
                }
                run.Clear();
            }
        }
        _y = top + plotHeight + labelsHeight + 10;
        return this;
    }

    /// <summary>Writes the footers (page N of M, generation time) and returns the PDF.</summary>
    public byte[] Render()
    {
        _page?.Dispose();
        _page = null;
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var page = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageHeight - Margin - FooterHeight + 10;
            page.DrawLine(new XPen(_rule, 0.5), Margin, y, Margin + ContentWidth, y);
            var brush = new XSolidBrush(_muted);
            page.DrawString($"{_document.Info.Title} · {Say(new Phrase("Generated: {0}", _generatedAtUtc))}", _small, brush, new XRect(Margin, y + 4, ContentWidth, 12), XStringFormats.TopLeft);
            page.DrawString(Say(new Phrase("Page {0} of {1}", i + 1, _document.PageCount)), _small, brush,
                new XRect(Margin, y + 4, ContentWidth, 12), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _page?.Dispose();
        _document.Dispose();
    }

    /// <summary>The reader's language.</summary>
    public CultureInfo Culture { get; }

    /// <summary>A text (its English is the key) in the reader's language.</summary>
    public string T(string key) => PortalText.Translate(key, Culture);

    /// <summary>A sentence with data in the reader's language.</summary>
    public string Say(Phrase phrase) => PortalText.Render(phrase, Culture);

    /// <summary>An instant as the reports show it: China time to the minute, the zone named in the reader's language.</summary>
    public string Time(DateTime utc) => Say(new Phrase("{0}", DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static XFont Font(double size, bool bold = false) =>
        new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private static double LineHeight(XFont font) => font.Size * 1.45;

    private void NewPage()
    {
        _page?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Text(string text, XFont font, XColor colour, double width)
    {
        Page.DrawString(_measure.Fit(text, font, width), font, new XSolidBrush(colour), new XRect(Margin, _y, width, LineHeight(font)), XStringFormats.TopLeft);
        _y += LineHeight(font);
    }

    /// <summary>Each cell's text broken into the lines that fit its column.</summary>
    private List<string>[] Lines(IReadOnlyList<string> cells, double[] widths, XFont font) =>
        cells.Select((c, i) => _measure.Wrap(c, font, widths[i] - 2 * CellPadding)).ToArray();

    private static double Height(List<string>[] cells, XFont font) => cells.Max(c => c.Count) * LineHeight(font) + 2 * CellPadding;

    private void DrawRow(List<string>[] cells, double[] widths, IReadOnlyList<ReportColumn> columns, XFont font, XColor? fill)
    {
        var height = Height(cells, font);
        if (fill is { } colour)
        {
            Page.DrawRectangle(new XSolidBrush(colour), Margin, _y, ContentWidth, height);
        }
        Page.DrawLine(_rulePen, Margin, _y + height, Margin + ContentWidth, _y + height);
        var x = Margin;
        var lineHeight = LineHeight(font);
        for (var c = 0; c < cells.Length; c++)
        {
            var inner = widths[c] - 2 * CellPadding;
            for (var l = 0; l < cells[c].Count; l++)
            {
                var line = cells[c][l];
                // Right alignment from the cached widths: PDFsharp would measure the string again on every call.
                var offset = columns[c].AlignRight ? Math.Max(0, inner - _measure.Width(line, font)) : 0;
                Page.DrawString(line, font, _inkBrush, new XRect(x + CellPadding + offset, _y + CellPadding + l * lineHeight, inner - offset, lineHeight), XStringFormats.TopLeft);
            }
            x += widths[c];
        }
        _y += height;
    }
}

/// <summary>A key figure: its formatted value and what it is.</summary>
public sealed record KeyFigure(string Label, string Value);

/// <summary>A table column: its header, its share of the page width (relative to the others), and its alignment (numbers right).</summary>
public sealed record ReportColumn(string Header, double Weight = 1, bool AlignRight = false);

/// <summary>A table's columns and rows of already formatted cells; <see cref="EmptyText"/> shows when there are no rows.</summary>
/// <remarks><see cref="Compact"/> sets the rows in a smaller type, for long listings.</remarks>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? EmptyText = null, bool Compact = false);

public sealed record ChartBar(string Label, double Value);

public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
