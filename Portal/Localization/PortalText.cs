using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using Portal.Domain;

namespace Portal.Localization;

/// <summary>
/// Renders what the rules say (<see cref="Phrase"/>, <see cref="DomainException"/>) in a reader's language, from the
/// same translations the pages use (<c>Resources/SharedResource.zh-CN.resx</c>, English text as the key). Pages use the
/// <see cref="IStringLocalizer"/> extensions; the API, jobs and e-mails, which have no page, use the culture given or
/// the request's (<c>Accept-Language</c>, the culture cookie, else zh-CN).
/// </summary>
public static class PortalText
{
    private static readonly ResourceManager _resources = new("Portal.Resources.SharedResource", typeof(SharedResource).Assembly);
    private static readonly ConcurrentDictionary<(string Culture, string Key), string> _cache = new();

    /// <summary>The translation of a key in a culture, or the key itself (English) when there is none.</summary>
    public static string Translate(string key, CultureInfo culture)
    {
        if (!culture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            return key;
        }
        return _cache.GetOrAdd((culture.Name, key), k =>
        {
            try
            {
                return _resources.GetString(k.Key, culture) ?? k.Key;
            }
            catch (MissingManifestResourceException)
            {
                return k.Key;
            }
        });
    }

    /// <summary>The phrase in the current UI culture (the request's, in the API).</summary>
    public static string Render(Phrase phrase) => Render(phrase, CultureInfo.CurrentUICulture);

    public static string Render(Phrase phrase, CultureInfo culture) => phrase.Render(key => Translate(key, culture));

    /// <summary>A constant text (a resource key) in the current UI culture.</summary>
    public static string Translate(string key) => Translate(key, CultureInfo.CurrentUICulture);

    /// <summary>The phrase in the page's language.</summary>
    public static string Render(this IStringLocalizer localizer, Phrase phrase) => phrase.Render(key => localizer[key].Value);

    /// <summary>Why the rule refused, in the page's language.</summary>
    public static string Render(this IStringLocalizer localizer, DomainException refusal) => localizer.Render(refusal.Phrase);
}
