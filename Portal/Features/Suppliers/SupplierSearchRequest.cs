using System.Globalization;
using System.Numerics;
using Microsoft.OpenApi;
using Portal.Api;
using Portal.Domain;
using Portal.Domain.Suppliers;
using Portal.Domain.Tenders;
using Portal.Search;

namespace Portal.Features.Suppliers;

/// <summary>The query string of <c>GET /api/v1/suppliers</c>, checked parameter by parameter.</summary>
public static class SupplierSearchRequest
{
    public const string NothingToSearchFor = "Nothing to search for: type what you need, or choose a filter.";

    /// <summary>The parameters <see cref="Parse"/> reads, as the OpenAPI document lists them.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        new("q", JsonSchemaType.String, "Free text over names, capabilities, certifications and past projects. Optional: without it the library is listed SMEs first, then the most recently updated profiles."),
        new("sizeClass", JsonSchemaType.String, "One of micro, small, medium, large."),
        new("certification", JsonSchemaType.String, "A certification kind the supplier holds valid today: a key of /api/v1/certification-kinds, a name or an alias; a higher grade of its scale counts."),
        new("region", JsonSchemaType.String, "The supplier's region."),
        new("category", JsonSchemaType.String, "A category key the supplier works in."),
        new("minProjectValueYuan", JsonSchemaType.Number, "Has a past project worth at least this many yuan."),
        new("withinYears", JsonSchemaType.Integer, $"With minProjectValueYuan: completed within this many years (1-{QualificationRequirement.MaxYears})."),
        new("page", JsonSchemaType.Integer, "1-based page number (default 1)."),
        new("pageSize", JsonSchemaType.Integer, $"Suppliers a page, 1-{SupplierQuery.MaxPageSize} (default 20)."),
        new("sort", JsonSchemaType.String, "relevance (default), name or -name."),
    ];

    public static (SupplierQuery? Query, Dictionary<string, Phrase[]> Errors) Parse(IQueryCollection parameters)
    {
        var errors = new Dictionary<string, Phrase[]>();
        string? Text(string name) => parameters[name].ToString() is { Length: > 0 } value ? value : null;

        SizeClass? size = null;
        if (Text("sizeClass") is { } sizeText)
        {
            if (SizeClassExtensions.TryParseKey(sizeText, out var parsed))
            {
                size = parsed;
            }
            else
            {
                errors["sizeClass"] = [Phrase.Of("Use one of micro, small, medium, large.")];
            }
        }
        var minValue = Number<decimal>(Text("minProjectValueYuan"), "minProjectValueYuan", errors, 0m, decimal.MaxValue,
            Phrase.Of("must be a number of yuan, zero or more"));
        var years = Number<int>(Text("withinYears"), "withinYears", errors, 1, QualificationRequirement.MaxYears,
            new Phrase("must be a whole number of years from 1 to {0}", QualificationRequirement.MaxYears));
        var page = Number<int>(Text("page"), "page", errors, 1, 10_000, Phrase.Of("must be a whole number from 1")) ?? 1;
        var pageSize = Number<int>(Text("pageSize"), "pageSize", errors, 1, SupplierQuery.MaxPageSize,
            new Phrase("must be a whole number from 1 to {0}", SupplierQuery.MaxPageSize)) ?? 20;
        var sort = SupplierSort.Relevance;
        if (Text("sort") is { } sortText && !TryParseSort(sortText, out sort))
        {
            errors["sort"] = [Phrase.Of("Use relevance, name or -name.")];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new SupplierQuery(Text("q"), size, Text("certification"), Text("region"), Text("category"), minValue, years, page, pageSize, sort), errors);
    }

    private static bool TryParseSort(string text, out SupplierSort sort)
    {
        sort = text switch
        {
            "relevance" => SupplierSort.Relevance,
            "name" => SupplierSort.Name,
            "-name" => SupplierSort.NameDescending,
            _ => (SupplierSort)(-1),
        };
        return Enum.IsDefined(sort);
    }

    private static T? Number<T>(string? text, string name, Dictionary<string, Phrase[]> errors, T min, T max, Phrase rule)
        where T : struct, INumber<T>
    {
        if (text is null)
        {
            return null;
        }
        if (T.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [new Phrase("{0} {1}; '{2}' is not.", name, rule, text)];
        return null;
    }
}
