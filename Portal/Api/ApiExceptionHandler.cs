using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain;
using Portal.Localization;

namespace Portal.Api;

/// <summary>
/// Turns failures of API requests into RFC 7807 problem details: a broken domain rule or unreadable input is the
/// caller's 400 naming the field; anything else is a 500 without internals. Page requests fall through to /Error.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at /Error: the path that failed is in the feature.
        var failedPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!new PathString(failedPath).StartsWithSegments("/api"))
        {
            return false;
        }
        ProblemDetails problem = exception switch
        {
            DomainException domain => ApiProblems.From(domain),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = PortalText.Translate("The request could not be read."),
                Detail = bad.InnerException is System.Text.Json.JsonException json ? $"Invalid JSON: {json.Message}" : bad.Message,
            },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = PortalText.Translate("An unexpected error occurred.") },
        };
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>
/// Answers a broken domain rule inside the endpoint, as problem details: 400 naming the field, 403 for a caller who may
/// not, 409 for a state that does not allow it. (The global exception handler stays as the net for everything else.)
/// </summary>
public sealed class DomainErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException domain)
        {
            return TypedResults.Problem(ApiProblems.From(domain));
        }
    }
}

/// <summary>
/// Problem details in the caller's language (the request culture: <c>Accept-Language</c>, else zh-CN): titles and
/// constant messages are translated by their English text, a <see cref="Phrase"/> is rendered with its arguments.
/// </summary>
public static class ApiProblems
{
    public static ProblemDetails From(DomainException domain) => domain.Kind switch
    {
        DomainErrorKind.Forbidden => Refused(StatusCodes.Status403Forbidden, "Not allowed.", domain.Phrase),
        DomainErrorKind.Conflict => Refused(StatusCodes.Status409Conflict, "Not possible now.", domain.Phrase),
        DomainErrorKind.TooLarge => TooLarge(domain.Field ?? "request", domain.Phrase),
        _ => Validation(domain.Field ?? "request", domain.Phrase),
    };

    /// <summary>A refusal that is not about a field: forbidden for this caller (403) or not possible in this state (409).</summary>
    public static ProblemDetails Refused(int status, string title, string detail) => Refused(status, title, Phrase.Of(detail));

    public static ProblemDetails Refused(int status, string title, Phrase detail) =>
        new() { Status = status, Title = PortalText.Translate(title), Detail = PortalText.Render(detail) };

    /// <summary>A 413 that names the field and the limit, in the shape of a validation problem.</summary>
    public static HttpValidationProblemDetails TooLarge(string field, string message) => TooLarge(field, Phrase.Of(message));

    public static HttpValidationProblemDetails TooLarge(string field, Phrase message)
    {
        var problem = Validation(field, message);
        problem.Status = StatusCodes.Status413PayloadTooLarge;
        problem.Title = PortalText.Translate("Too large.");
        return problem;
    }

    public static HttpValidationProblemDetails Validation(string field, string message) => Validation(field, Phrase.Of(message));

    public static HttpValidationProblemDetails Validation(string field, Phrase message) =>
        Rendered(new Dictionary<string, string[]> { [field] = [PortalText.Render(message)] });

    /// <summary>Several fields at once; each message is a constant text (translated by its English key).</summary>
    public static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        Rendered(errors.ToDictionary(e => e.Key, e => e.Value.Select(PortalText.Translate).ToArray()));

    public static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, Phrase[]> errors) =>
        Rendered(errors.ToDictionary(e => e.Key, e => e.Value.Select(PortalText.Render).ToArray()));

    private static HttpValidationProblemDetails Rendered(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = PortalText.Translate("The request has invalid fields."),
        Detail = string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
    };
}
