using System.Globalization;

namespace Portal.Features.Dashboard.Components;

/// <summary>How the dashboard's charts read figures: shares in percent to one decimal, money in 万元, round axis steps.</summary>
public static class DashboardCharts
{
    public static double Percent(decimal share) => (double)decimal.Round(share * 100, 1);

    public static string PercentAxis(double value) => value.ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Yuan in 万元 (10,000 yuan).</summary>
    public static double TenThousands(decimal yuan) => (double)decimal.Round(yuan / 10_000m, 2);

    /// <summary>The round step (1, 2 or 5 times a power of ten) at or above <paramref name="step"/>: ticks at 0, 1,000, 2,000 …</summary>
    public static int RoundStep(double step)
    {
        if (step <= 1)
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(step)));
        return (int)new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= step);
    }
}
