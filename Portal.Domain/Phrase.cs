using System.Globalization;

namespace Portal.Domain;

/// <summary>
/// A sentence a rule says, kept as its code and arguments so that each reader gets it in their own language.
/// The code is the English template (<c>"{0} expired on {1}."</c>), which is also its key in the translations
/// (<c>SharedResource.zh-CN.resx</c> maps it to <c>"{0}已于{1}过期。"</c>). Arguments stay typed until rendering:
/// <see cref="string"/> is the user's own text and is never translated; <see cref="Yuan"/> is money; a
/// <see cref="DateOnly"/> is a day; a UTC <see cref="DateTime"/> is an instant, rendered in China time with the zone
/// said; a nested <see cref="Phrase"/> is translated too; an enum is translated by its name; numbers are invariant.
/// </summary>
public sealed class Phrase : IEquatable<Phrase>
{
    /// <summary>The resource key of the zone name written after an instant ("2026-12-03 23:57 Beijing time").</summary>
    public const string ZoneKey = "Beijing time";

    private static readonly TimeZoneInfo _chinaTime = ChinaTimeZone();

    public Phrase(string template, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        Template = template;
        Args = args.Select(Check).ToArray();
    }

    /// <summary>The English template and translation key, with <c>{0}</c>, <c>{1}</c>… where the arguments go.</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Args { get; }

    /// <summary>A phrase with no arguments: a constant sentence or word, translated by its English text.</summary>
    public static Phrase Of(string text) => new(text);

    /// <summary>
    /// The phrase in one language: <paramref name="translate"/> gives a key's translation (or the key itself when there
    /// is none); English is <c>Render(key =&gt; key)</c>. A template without arguments is not formatted, so braces in a
    /// constant message stay as they are.
    /// </summary>
    public string Render(Func<string, string> translate)
    {
        var template = translate(Template);
        if (Args.Count == 0)
        {
            return template;
        }
        var rendered = Args.Select(a => RenderArgument(a, translate)).ToArray<object?>();
        try
        {
            return string.Format(CultureInfo.InvariantCulture, template, rendered);
        }
        catch (FormatException)
        {
            // A translation with a placeholder too many must not take a page down: fall back to English.
            return string.Format(CultureInfo.InvariantCulture, Template, rendered);
        }
    }

    /// <summary>The English text (what logs and <see cref="Exception.Message"/> carry).</summary>
    public override string ToString() => Render(key => key);

    /// <summary>Money as the portal writes it in every language: 万元 from ten thousand yuan up, else 元.</summary>
    public static string FormatYuan(decimal yuan) => yuan >= Money.YuanPerWan
        ? $"{(yuan / Money.YuanPerWan).ToString("#,0.##", CultureInfo.InvariantCulture)} 万元"
        : $"{yuan.ToString("#,0.##", CultureInfo.InvariantCulture)} 元";

    /// <summary>A UTC instant in China time to the minute, without the zone's name.</summary>
    public static string FormatChinaTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _chinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string RenderArgument(object? argument, Func<string, string> translate) => argument switch
    {
        null => "",
        string text => text,
        Phrase phrase => phrase.Render(translate),
        Yuan yuan => FormatYuan(yuan.Amount),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime instant => $"{FormatChinaTime(instant)} {translate(ZoneKey)}",
        DateTimeOffset instant => $"{FormatChinaTime(instant.UtcDateTime)} {translate(ZoneKey)}",
        Enum value => translate(value.ToString()),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => argument.ToString() ?? "",
    };

    private static object? Check(object? argument) => argument switch
    {
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => argument,
    };

    private static TimeZoneInfo ChinaTimeZone()
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

    public bool Equals(Phrase? other) =>
        other is not null && Template == other.Template && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => obj is Phrase other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Template, Args.Count);
}

/// <summary>An amount of money in yuan, as a <see cref="Phrase"/> argument (rendered as 万元 or 元).</summary>
public readonly record struct Yuan(decimal Amount);
