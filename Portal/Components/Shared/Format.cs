using System.Globalization;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Components.Shared;

/// <summary>How money and instants read on screen: yuan with separators, times in China Standard Time.</summary>
public static class Format
{
    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage: 0.10 is "10%", 0.125 is "12.5%".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// An instant as a person reads it: China time to the minute with the zone said in the page's language
    /// ("2026-12-03 23:57 北京时间", "… Beijing time"), as a <see cref="Phrase"/> renders an instant.
    /// </summary>
    public static string Instant(DateTime utc) => $"{Phrase.FormatChinaTime(utc)} {PortalText.Translate(Phrase.ZoneKey)}";

    /// <summary>
    /// Reads what a <c>datetime-local</c> input sends (<c>2026-12-10T09:00</c>) as China time (UTC+8, no daylight
    /// saving); null when it is not such a value.
    /// </summary>
    public static DateTimeOffset? ChinaLocalInput(string? value) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8))
            : null;
}
