using System.Globalization;
using Portal.Domain.Suppliers;
using Portal.Localization;

namespace Portal.Features.Reports;

/// <summary>How figures read in the reports: yuan to the fen with separators, shares in percent to one decimal.</summary>
public static class ReportFormat
{
    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Count(int count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Hhi(decimal hhi) => decimal.Round(hhi, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    public static string Score(decimal score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The size class in the reader's language: 微型/小型/中型/大型 as 中小企业划型标准规定 names it, or the English word.</summary>
    public static string Size(SizeClass size, CultureInfo culture) => PortalText.Translate(size switch
    {
        SizeClass.Micro => "Micro",
        SizeClass.Small => "Small",
        SizeClass.Medium => "Medium",
        _ => "Large",
    }, culture);
}
