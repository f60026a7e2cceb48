using System.Globalization;
using Portal.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>The report toolkit on its own: title block, a long table across pages under repeated headers, charts, footers.</summary>
public class ReportDocumentTests
{
    private static readonly DateTime _generated = new(2026, 11, 23, 8, 5, 0, DateTimeKind.Utc);

    private static byte[] LongTable(int rows, string language = "zh-CN")
    {
        using var report = new ReportDocument("测试报告", "期间：2026-01-01 – 2026-12-31", _generated, CultureInfo.GetCultureInfo(language));
        report.KeyFigures([new KeyFigure("合同", rows.ToString(CultureInfo.InvariantCulture)), new KeyFigure("中小企业占比", "62.5%")]);
        report.BarChart("按规模", [new ChartBar("小型", 300), new ChartBar("大型", 120)], v => v.ToString("0", CultureInfo.InvariantCulture));
        report.LineChart("月度", ["01", "02", "03"], [new ChartSeries("占比", [0.2, 0.5, 0.4])], 1, v => v.ToString("P0", CultureInfo.InvariantCulture));
        report.Section("明细");
        report.Table(new ReportTable(
            [new("序号", 0.6, AlignRight: true), new("供应商名称", 3), new("金额", 1.2, AlignRight: true)],
            Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"R{i:D4}", $"杭州第{i}号信息技术有限公司", $"¥{i * 1000:#,0}.00"]).ToList()));
        return report.Render();
    }

    [Fact]
    public void ALongTableBreaksAcrossPagesAndEveryPageRepeatsItsHeaderAndNumbersItself()
    {
        var pdf = LongTable(300);

        var pages = PdfReading.Pages(pdf);
        Assert.True(pages.Count >= 5, $"300 rows should need several pages, got {pages.Count}.");
        var tablePages = pages.Select((text, i) => (text, i)).Where(p => p.text.Contains("R0300") || p.i > 0).ToList();
        Assert.All(tablePages, p => Assert.Contains("供应商名称", p.text.Replace(" ", "")));
        Assert.All(pages.Select((text, i) => (text, i)), p => Assert.Contains($"第{p.i + 1}页，共{pages.Count}页", p.text.Replace(" ", "")));
        // The generation time in China time with the zone said once, in the reader's language.
        Assert.All(pages, p => Assert.Contains("生成时间：2026-11-2316:05北京时间", p.Replace(" ", "")));
        Assert.All(pages, p => Assert.DoesNotContain("Page", p));
        Assert.All(pages, p => Assert.DoesNotContain("UTC", p));
        var all = string.Join("", pages);
        for (var i = 1; i <= 300; i++)
        {
            // Every row is drawn exactly once (R0001 … R0300): none lost or repeated at a page break.
            Assert.Equal(1, CountOf(all, $"R{i:D4}"));
        }
        Assert.Contains("杭州第300号信息技术有限公司", all);
        PdfReading.RenderFirstPage(pdf, "toolkit-long-table");
    }

    [Fact]
    public void AnEnglishReaderGetsThePortalsNameTheFooterAndTheZoneInEnglish()
    {
        var pages = PdfReading.Pages(LongTable(80, "en"));

        Assert.True(pages.Count >= 2);
        Assert.Contains("SMEProcurementPortal", pages[0].Replace(" ", ""));
        Assert.All(pages.Select((text, i) => (text, i)), p => Assert.Contains($"Page{p.i + 1}of{pages.Count}", p.text.Replace(" ", "")));
        Assert.All(pages, p => Assert.Contains("Generated:2026-11-2316:05Beijingtime", p.Replace(" ", "")));
        Assert.All(pages, p => Assert.DoesNotContain("北京时间", p));
        Assert.All(pages, p => Assert.DoesNotContain("共", p));
    }

    [Fact]
    public void TheFontIsEmbeddedAsASubsetSoAReportStaysSmall()
    {
        var pdf = LongTable(20);

        // The font file is 4.6 MB; a subset of the glyphs used is a few tens of kilobytes.
        Assert.True(pdf.Length < 300_000, $"The PDF is {pdf.Length} bytes.");
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
