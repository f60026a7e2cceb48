using Portal.Domain;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Portal.Features.OpenData;

/// <summary>
/// The official OCDS 1.1.5 release package schema, with its releases checked against the release schema that has the
/// lots, bids and party scale extensions merged in (draft 4, validated with NJsonSchema). Every problem comes back
/// with the path of the value at fault, so an import report can list them all.
/// </summary>
public sealed class OcdsSchema
{
    private static readonly Lazy<Task<OcdsSchema>> EmbeddedSchema = new(() => LoadAsync(
        ReadResource("Ocds.release-package-schema-1.1.5.json"), ReadResource("Ocds.release-schema-merged.json")));

    private readonly JsonSchema _package;
    private readonly JsonSchema _release;

    private OcdsSchema(JsonSchema package, JsonSchema release)
    {
        _package = package;
        _release = release;
    }

    /// <summary>The schema files embedded in the portal (<c>Features/OpenData/Schema</c>).</summary>
    public static Task<OcdsSchema> EmbeddedAsync() => EmbeddedSchema.Value;

    /// <summary>
    /// Loads a package schema and a release schema. The package schema refers to the release schema by its published
    /// address; that reference is cut here and each release is validated against <paramref name="releaseSchemaJson"/>.
    /// </summary>
    public static async Task<OcdsSchema> LoadAsync(string packageSchemaJson, string releaseSchemaJson)
    {
        var package = JsonNode.Parse(packageSchemaJson)!.AsObject();
        package["properties"]!["releases"]!["items"] = new JsonObject();
        var release = JsonNode.Parse(releaseSchemaJson)!.AsObject();
        ReplaceDanglingReferences(release, release["definitions"]!.AsObject());
        return new OcdsSchema(await JsonSchema.FromJsonAsync(package.ToJsonString()), await JsonSchema.FromJsonAsync(release.ToJsonString()));
    }

    /// <summary>
    /// The lots extension refers to <c>#/definitions/SubmissionTerms</c>, which only the submission terms extension
    /// defines; the merged schema lacks it. Such a reference becomes "any object", so the rest of the schema loads.
    /// </summary>
    private static void ReplaceDanglingReferences(JsonNode? node, JsonObject definitions)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } target && target.StartsWith("#/definitions/", StringComparison.Ordinal)
                    && !definitions.ContainsKey(target["#/definitions/".Length..]))
                {
                    obj.Remove("$ref");
                    obj["type"] = new JsonArray("object", "null");
                }
                foreach (var (_, child) in obj.ToList())
                {
                    ReplaceDanglingReferences(child, definitions);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    ReplaceDanglingReferences(child, definitions);
                }
                break;
        }
    }

    /// <summary>Every schema error of a release package (an empty list when it is valid).</summary>
    public IReadOnlyList<OcdsProblem> Validate(string packageJson)
    {
        JToken document;
        try
        {
            using var reader = new JsonTextReader(new StringReader(packageJson)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            document = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            return [new OcdsProblem("", new Phrase("The file is not valid JSON: {0}", e.Message))];
        }
        var problems = Flatten(_package.Validate(document)).ToList();
        if (document is JObject { } root && root["releases"] is JArray releases)
        {
            for (var i = 0; i < releases.Count; i++)
            {
                // Paths are the token's place in the whole document (/releases/3/...).
                problems.AddRange(Flatten(_release.Validate(releases[i])));
            }
        }
        return problems;
    }

    private static IEnumerable<OcdsProblem> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
                continue;
            }
            yield return new OcdsProblem(Pointer(error.Path), Describe(error));
        }
    }

    /// <summary>NJsonSchema's <c>#/releases[0].tender.id</c> as a JSON pointer (<c>/releases/0/tender/id</c>).</summary>
    private static string Pointer(string? path)
    {
        var text = (path ?? "#").TrimStart('#');
        return text.Replace("[", "/", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '/').Replace("//", "/", StringComparison.Ordinal);
    }

    private static Phrase Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => new Phrase("The required field '{0}' is missing.", error.Property),
        ValidationErrorKind.NotInEnumeration => new Phrase("'{0}' is not one of the codes this field allows.", $"{error.Token}"),
        ValidationErrorKind.DateTimeExpected => new Phrase("'{0}' is not an ISO 8601 date-time.", $"{error.Token}"),
        ValidationErrorKind.UriExpected => new Phrase("'{0}' is not an absolute URI.", $"{error.Token}"),
        ValidationErrorKind.ItemsNotUnique => Phrase.Of("The list holds the same item twice."),
        _ => new Phrase("Schema error: {0} ({1}).", error.Kind.ToString(), error.Property ?? "value"),
    };

    private static string ReadResource(string name)
    {
        using var stream = typeof(OcdsSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded OCDS schema {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One problem of an OCDS package: where (a JSON pointer, "" for the whole file) and what.</summary>
public sealed record OcdsProblem(string Path, [property: System.Text.Json.Serialization.JsonIgnore] Phrase Said)
{
    public OcdsProblem(string path, string message) : this(path, Phrase.Of(message))
    {
    }

    /// <summary>What is wrong, in the reader's language (the request's or the page's).</summary>
    public string Message => Portal.Localization.PortalText.Render(Said);
}
