using System.Globalization;
using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Components.Shared;

/// <summary>Names of reference values in the current UI language (the domain keeps both Chinese and English).</summary>
public static class Labels
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Category(Category category) => Chinese ? category.NameZh : category.NameEn;

    public static string Category(string? key) =>
        Categories.All.FirstOrDefault(c => c.Key == key) is { } category ? Category(category) : key ?? "";

    public static string Industry(IndustryThresholds industry) => Chinese ? industry.NameZh : industry.NameEn;

    /// <summary>The resource key of a size class given as its API key ("small" → "Small").</summary>
    public static string SizeClassResourceKey(string key) =>
        SizeClassExtensions.TryParseKey(key, out var size) ? size.ToString() : key;
}
