using Portal.Tests.EndToEnd;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A PDF report is in one language, its reader's (decision 0026). In zh-CN no English sentence — three or more Latin
/// words in a row — outside the allow-list the zh-CN page scan uses (<see cref="ChineseScanTests.LatinSentences"/>:
/// codes such as SHA-256, CR3, HHI, ISO names) and the Latin names the test's data gives; in en the English labels, and
/// none of the Chinese labels or the Chinese zone name.
/// </summary>
public static class PdfLanguage
{
    public static void AssertChinese(byte[] pdf, params string[] allowed)
    {
        var text = PdfReading.Text(pdf);
        // The units of the KPIs (45 min, 72 h) are symbols, not words: a chart's axis of them is no sentence.
        var english = ChineseScanTests.LatinSentences(text, [.. allowed, "min", "h"]).ToList();
        Assert.True(english.Count == 0, $"English in a zh-CN PDF: {string.Join(" | ", english)}");
        Assert.Contains("生成时间", text);
        Assert.Contains("北京时间", text);
        Assert.DoesNotContain("UTC+8", text);
        Assert.Contains("第 1 页，共", text);
    }

    public static void AssertEnglish(byte[] pdf, params string[] labels)
    {
        var text = PdfReading.Text(pdf);
        var squeezed = text.Replace(" ", "", StringComparison.Ordinal);
        Assert.All(labels, label => Assert.Contains(label.Replace(" ", "", StringComparison.Ordinal), squeezed));
        Assert.Contains("SMEProcurementPortal", squeezed);
        Assert.Contains("Beijingtime", squeezed);
        Assert.Contains("Page1of", squeezed);
        Assert.DoesNotContain("生成时间", text);
        Assert.DoesNotContain("北京时间", text);
        Assert.DoesNotContain("UTC+8", text);
    }
}
