using System.Globalization;
using Portal.Api;
using Portal.Domain;

namespace Portal.Features.OpenData;

/// <summary>The OCDS open-data feed under <c>/api/v1/ocds</c>.</summary>
public static class OpenDataEndpoints
{
    public static RouteGroupBuilder MapOpenDataEndpoints(this RouteGroupBuilder api)
    {
        var ocds = api.MapGroup("/ocds").WithTags("Open data (OCDS)");
        ocds.MapGet("/releases", Releases).AllowAnonymous();
        ocds.MapGet("/releases/all", All).AllowAnonymous();
        return api;
    }

    /// <summary>
    /// <c>?since=</c> (ISO 8601, release date, inclusive) and <c>?page=</c> (1-based, <see cref="OcdsFeed.PageSize"/>
    /// releases a page): a release package, with <c>links.next</c> while more pages follow.
    /// </summary>
    private static async Task<IResult> Releases(HttpRequest request, OcdsFeed feed, CancellationToken cancellationToken)
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
            return TypedResults.Json(await feed.PageAsync(since, page, SelfUri(request), cancellationToken));
        }
        catch (DomainException e)
        {
            return TypedResults.Problem(ApiProblems.From(e));
        }
    }

    /// <summary>The whole feed as one release package, streamed (bulk download).</summary>
    private static async Task All(HttpContext context, OcdsFeed feed, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"ocds-releases.json\"";
        await feed.WriteAllAsync(context.Response.Body, SelfUri(context.Request), cancellationToken);
    }

    private static string SelfUri(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
