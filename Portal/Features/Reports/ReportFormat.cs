using System.Globalization;
using Portal.Domain.Suppliers;

namespace Portal.Features.Reports;

/// <summary>How figures read in the reports: yuan to the fen with separators, shares in percent to one decimal.</summary>
public static class ReportFormat
{
    /// <summary>The language the domain's sentences take in a report (its headings are bilingual; reasons are in Chinese).</summary>
    public static CultureInfo Chinese { get; } = CultureInfo.GetCultureInfo("zh-CN");

    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Count(int count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Hhi(decimal hhi) => decimal.Round(hhi, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    public static string Score(decimal score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The size class as 中小企业划型标准规定 names it, with the English word.</summary>
    public static string Size(SizeClass size) => size switch
    {
        SizeClass.Micro => "微型 Micro",
        SizeClass.Small => "小型 Small",
        SizeClass.Medium => "中型 Medium",
        _ => "大型 Large",
    };
}
