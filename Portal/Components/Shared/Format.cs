using System.Globalization;

namespace Portal.Components.Shared;

/// <summary>How money and instants read on screen: yuan with separators, times in China Standard Time.</summary>
public static class Format
{
    private static readonly TimeZoneInfo _chinaTime = FindChinaTime();

    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Instant(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _chinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";

    private static TimeZoneInfo FindChinaTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
