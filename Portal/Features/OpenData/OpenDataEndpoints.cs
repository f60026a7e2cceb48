using Portal.Localization;
using System.Globalization;
using Portal.Api;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Portal.Domain;
using Portal.Features.Accounts;

namespace Portal.Features.OpenData;

/// <summary>The OCDS open-data feed under <c>/api/v1/ocds</c>.</summary>
public static class OpenDataEndpoints
{
    public static RouteGroupBuilder MapOpenDataEndpoints(this RouteGroupBuilder api)
    {
        var ocds = api.MapGroup("/ocds").WithTags("Open data (OCDS)");
        ocds.MapGet("/releases", Releases).AllowAnonymous()
            .WithSummary("One page of the OCDS 1.1 release package of published tenders; ?since= and ?page=, links.next while more follow; "
                + "204 No Content when no release is dated at or after since (nothing new: poll again later with the same since).")
            .WithQueryParameters(
                new("since", JsonSchemaType.String, "Releases dated at or after this ISO 8601 date or date-time.", "date-time"),
                new("page", JsonSchemaType.Integer, $"1-based page of {OcdsFeed.PageSize} releases (default 1)."))
            .ProducesContent("application/json", ReleasePackage()).ProducesValidationProblem();
        ocds.MapGet("/releases/all", All).AllowAnonymous()
            .WithSummary("The whole feed as one OCDS release package (bulk download, streamed); 204 No Content while the portal has published nothing.")
            .ProducesContent("application/json", ReleasePackage()).Produces(StatusCodes.Status204NoContent);
        ocds.MapPost("/import", Import).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Officer))
            .WithSummary("Imports an OCDS release package (the body): all or nothing, every problem listed.")
            .AcceptsContent("application/json", ReleasePackage())
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    /// <summary>
    /// <c>?since=</c> (ISO 8601, release date, inclusive) and <c>?page=</c> (1-based, <see cref="OcdsFeed.PageSize"/>
    /// releases a page): a release package, with <c>links.next</c> while more pages follow. No release selected: 204, not
    /// an empty package, which the OCDS package schema does not allow (<c>releases</c> has at least one item), and not a
    /// 404, which a polling client takes for a wrong address (decision 0012).
    /// </summary>
    private static async Task<Results<JsonHttpResult<JsonObject>, NoContent, ProblemHttpResult>> Releases(HttpRequest request, OcdsFeed feed, CancellationToken cancellationToken)
    {
        DateTime? since = null;
        if (request.Query["since"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return TypedResults.Problem(ApiProblems.Validation("since", "Give an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z."));
            }
            since = parsed.UtcDateTime;
        }
        var page = 1;
        if (request.Query["page"].ToString() is { Length: > 0 } pageText
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return TypedResults.Problem(ApiProblems.Validation("page", "The page must be a whole number from 1."));
        }
        try
        {
            return await feed.PageAsync(since, page, SelfUri(request), cancellationToken) is { } package
                ? TypedResults.Json(package)
                : TypedResults.NoContent();
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(ApiProblems.From(e));
        }
    }

    /// <summary>The whole feed as one release package, streamed (bulk download); 204 while there is no release.</summary>
    private static async Task All(HttpContext context, OcdsFeed feed, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"ocds-releases.json\"";
        if (!await feed.WriteAllAsync(context.Response.Body, SelfUri(context.Request), cancellationToken))
        {
            // Nothing was written, so the response has not started and can still become an empty one.
            context.Response.Headers.ContentType = default;
            context.Response.Headers.ContentDisposition = default;
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>
    /// A release package as the body: 200 <c>{imported, skipped, problems: []}</c>; a package with problems is 400 problem
    /// details carrying the same fields with every problem, and nothing is written; above the size limit, 413.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpRequest request, OcdsImporter importer, IOptions<OpenDataOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxImportBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                return TooLarge(limit);
            }
            body.Write(buffer, 0, read);
        }
        string json;
        try
        {
            json = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.GetBuffer(), 0, (int)body.Length).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Report(new ImportReport(0, 0, [new OcdsProblem("", "The file is not UTF-8 text, so it cannot be JSON.")]));
        }
        return Report(await importer.ImportAsync(json, cancellationToken));
    }

    private static Results<Ok<ImportReport>, ProblemHttpResult> Report(ImportReport report)
    {
        if (report.Problems.Count == 0)
        {
            return TypedResults.Ok(report);
        }
        var problem = ApiProblems.Validation(report.Problems.GroupBy(p => p.Path.Length == 0 ? "package" : p.Path)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        problem.Title = PortalText.Render(report.Problems.Count == 1
            ? Phrase.Of("The package was not imported: 1 problem.")
            : new Phrase("The package was not imported: {0} problems.", report.Problems.Count));
        problem.Extensions["imported"] = 0;
        problem.Extensions["skipped"] = 0;
        problem.Extensions["problems"] = report.Problems;
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(ApiProblems.TooLarge("package",
        new Phrase("The package is larger than the import limit of {0} MB: split it into smaller release packages.", limit / (1024 * 1024))));

    /// <summary>
    /// The release package as OCDS 1.1 defines it (the feed's answer, the import's body), for the OpenAPI document: the
    /// feed is built as JSON nodes, so no .NET type describes it. Each release follows the OCDS release schema.
    /// </summary>
    private static OpenApiSchema ReleasePackage() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An OCDS 1.1 release package: https://standard.open-contracting.org/1.1/en/schema/release_package/",
        Required = new HashSet<string> { "uri", "version", "publishedDate", "publisher", "releases" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["uri"] = Text("uri"),
            ["version"] = Text(),
            ["extensions"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("uri") },
            ["publishedDate"] = Text("date-time"),
            ["publisher"] = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["name"] = Text() } },
            ["license"] = Text("uri"),
            ["publicationPolicy"] = Text("uri"),
            ["releases"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "An OCDS release: https://standard.open-contracting.org/1.1/en/schema/reference/" },
            },
            ["links"] = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["next"] = Text("uri") } },
        },
    };

    private static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

    private static string SelfUri(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
