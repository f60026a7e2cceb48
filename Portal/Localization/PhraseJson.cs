using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Domain;

namespace Portal.Localization;

/// <summary>
/// A <see cref="Phrase"/> as stored data (a notification's title and body): its template and its typed arguments, so
/// that it is rendered in the reader's language when it is read, not in the writer's when it is saved.
/// <c>{"t":"Bids close {0}.","a":[{"instant":"2026-12-03T15:57:00Z"}]}</c>. Argument kinds: <c>text</c> (the user's
/// own words), <c>yuan</c>, <c>day</c>, <c>instant</c> (UTC), <c>number</c>, <c>phrase</c> (nested, translated) and
/// <c>word</c> (an enum's name, translated like the enum was).
/// </summary>
public static class PhraseJson
{
    public static string Write(Phrase phrase) => ToNode(phrase).ToJsonString();

    /// <summary>The stored phrase, or null when the text is not one (a damaged or foreign value).</summary>
    public static Phrase? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) is JsonObject node ? FromNode(node) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonObject ToNode(Phrase phrase)
    {
        var args = new JsonArray();
        foreach (var argument in phrase.Args)
        {
            args.Add(Argument(argument));
        }
        return new JsonObject { ["t"] = phrase.Template, ["a"] = args };
    }

    private static JsonObject? Argument(object? argument) => argument switch
    {
        null => null,
        string text => new JsonObject { ["text"] = text },
        Phrase nested => new JsonObject { ["phrase"] = ToNode(nested) },
        Yuan yuan => new JsonObject { ["yuan"] = yuan.Amount },
        DateOnly day => new JsonObject { ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        DateTime instant => new JsonObject { ["instant"] = DateTime.SpecifyKind(instant, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) },
        DateTimeOffset instant => new JsonObject { ["instant"] = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) },
        Enum value => new JsonObject { ["word"] = value.ToString() },
        IFormattable number => new JsonObject { ["number"] = number.ToString(null, CultureInfo.InvariantCulture) },
        _ => new JsonObject { ["text"] = argument.ToString() ?? "" },
    };

    private static Phrase FromNode(JsonObject node)
    {
        var template = node["t"]!.GetValue<string>();
        var args = node["a"] is JsonArray array ? array.Select(FromArgument).ToArray() : [];
        return new Phrase(template, args);
    }

    private static object? FromArgument(JsonNode? node)
    {
        if (node is not JsonObject argument || argument.Count != 1)
        {
            return null;
        }
        var (kind, value) = argument.Single();
        return kind switch
        {
            "text" => value!.GetValue<string>(),
            "phrase" => FromNode(value!.AsObject()),
            "yuan" => new Yuan(value!.GetValue<decimal>()),
            "day" => DateOnly.ParseExact(value!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "instant" => DateTime.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            // An enum renders as the translation of its name, which is what a constant phrase of that name renders as.
            "word" => Phrase.Of(value!.GetValue<string>()),
            "number" => decimal.Parse(value!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
