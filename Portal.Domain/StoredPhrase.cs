using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Domain;

/// <summary>
/// A <see cref="Phrase"/> kept in the database as its code and arguments (JSON), so that a stored reason is rendered in
/// each reader's language when it is read, not in the language of whoever caused it. Arguments may be text, numbers,
/// days, instants, money, enums and nested phrases. A stored text that is not such JSON (written before reasons were
/// stored as phrases) reads as a constant phrase of its own text.
/// </summary>
public static class StoredPhrase
{
    private static readonly JsonSerializerOptions _compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Phrase phrase) => ToNode(phrase).ToJsonString(_compact);

    public static Phrase Read(string stored)
    {
        if (!stored.StartsWith("{\"t\":", StringComparison.Ordinal))
        {
            return Phrase.Of(stored);
        }
        try
        {
            return FromNode(JsonNode.Parse(stored)!.AsObject());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return Phrase.Of(stored);
        }
    }

    private static JsonObject ToNode(Phrase phrase)
    {
        var node = new JsonObject { ["t"] = phrase.Template };
        if (phrase.Args.Count > 0)
        {
            node["a"] = new JsonArray([.. phrase.Args.Select(ToNode)]);
        }
        return node;
    }

    private static JsonNode? ToNode(object? argument) => argument switch
    {
        null => null,
        string text => JsonValue.Create(text),
        Phrase phrase => ToNode(phrase),
        Yuan yuan => new JsonObject { ["yuan"] = yuan.Amount },
        DateOnly day => new JsonObject { ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        DateTime instant => new JsonObject { ["utc"] = instant.ToString("O", CultureInfo.InvariantCulture) },
        DateTimeOffset instant => new JsonObject { ["utc"] = instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
        Enum value => new JsonObject { ["t"] = value.ToString() },
        int or long or decimal or double or float => JsonValue.Create(Convert.ToDecimal(argument, CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"A stored phrase cannot keep an argument of type {argument.GetType().Name}.", nameof(argument)),
    };

    private static Phrase FromNode(JsonObject node) =>
        new((string)node["t"]!, node["a"] is JsonArray args ? [.. args.Select(FromArgument)] : []);

    private static object? FromArgument(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.GetValue<decimal>(),
        JsonObject o when o.ContainsKey("t") => FromNode(o),
        JsonObject o when o["yuan"] is { } yuan => new Yuan(yuan.GetValue<decimal>()),
        JsonObject o when o["day"] is { } day => DateOnly.ParseExact(day.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonObject o when o["utc"] is { } utc => DateTime.Parse(utc.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ => throw new FormatException("Not an argument of a stored phrase."),
    };
}
