using System.Globalization;

namespace Portal.Components.Shared;

/// <summary>How money and instants read on screen: yuan with separators, times in China Standard Time.</summary>
public static class Format
{
    private static readonly TimeZoneInfo _chinaTime = FindChinaTime();

    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage: 0.10 is "10%", 0.125 is "12.5%".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Instant(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _chinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";

    /// <summary>
    /// Reads what a <c>datetime-local</c> input sends (<c>2026-12-10T09:00</c>) as China time (UTC+8, no daylight
    /// saving); null when it is not such a value.
    /// </summary>
    public static DateTimeOffset? ChinaLocalInput(string? value) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8))
            : null;

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
