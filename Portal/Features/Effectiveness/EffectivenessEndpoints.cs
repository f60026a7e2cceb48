using Portal.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Effectiveness;
using Portal.Features.Accounts;

namespace Portal.Features.Effectiveness;

/// <summary>
/// Delivered systems under <c>/api/v1/systems</c>: officers mark contracts delivered, set targets and issue keys;
/// observations come from the system itself (header <c>X-Api-Key</c>) or an officer; officials and admins rate on demand.
/// </summary>
public static class EffectivenessEndpoints
{
    public const string ApiKeyHeader = OpenApiSecurity.ApiKeyHeader;

    public static RouteGroupBuilder MapEffectivenessEndpoints(this RouteGroupBuilder api)
    {
        var systems = api.MapGroup("/systems").WithTags("Delivered systems");
        systems.MapGet("", List).RequireAuthorization()
            .WithSummary("Delivered systems the caller may see (an SME its own), with the last rating and payment.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        systems.MapPost("", MarkDelivered).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Marks a contract's system delivered, with default KPI targets.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        systems.MapGet("/{id:guid}", Get).RequireAuthorization()
            .WithSummary("A delivered system with its targets, API key, observations and monthly statements.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapPut("/{id:guid}/targets", ChangeTargets).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Replaces the system's KPI targets and deduction bands.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapPost("/{id:guid}/api-key", IssueKey).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Issues the system's API key, shown this once; the key before it is revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapDelete("/{id:guid}/api-key", RevokeKey).RequireAuthorization(p => p.RequireRole(Roles.Officer))
            .WithSummary("Revokes the system's API key.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The system posts with its key and no user: this route checks the key or the officer itself.
        systems.MapPost("/{id:guid}/observations", Observe).ChecksApiKeyItself(orRoles: Roles.Officer)
            .WithSummary("Records a monthly KPI observation, sent by the system with its X-Api-Key header or by an officer.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        systems.MapGet("/{id:guid}/observations", ListObservations).RequireAuthorization()
            .WithSummary("The system's KPI observations.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapGet("/{id:guid}/statements", Statements).RequireAuthorization()
            .WithSummary("The system's monthly statements: ratings per KPI, deduction and payment.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapPost("/observations.csv", ImportCsv).RequireAuthorization(p => p.RequireRole(Roles.Officer)).DisableAntiforgery()
            .WithSummary("Imports observations from a CSV file (the request body): all rows or none.")
            .AcceptsFile("text/csv")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status409Conflict);
        systems.MapPost("/rate", RateNow).RequireAuthorization(p => p.RequireRole(Roles.Official, Roles.Admin))
            .WithSummary("Rates every ended month not yet rated, now.");
        return api;
    }

    private static SystemViewer Viewer(ClaimsPrincipal caller, UserManager<PortalUser> users) => SystemViewer.Of(caller) with { UserId = users.GetUserId(caller) ?? "" };

    private static async Task<Ok<IReadOnlyList<SystemSummary>>> List(ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        TypedResults.Ok(await systems.ListAsync(Viewer(caller, users)));

    /// <summary>201 with the new system (default targets); 409 when the contract's system exists already.</summary>
    private static async Task<Results<Created<SystemDetail>, ProblemHttpResult>> MarkDelivered(DeliveryInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the delivery: contractId, name, deliveredOn and monthlyFeeYuan."));
        }
        var system = await systems.MarkDeliveredAsync(body, Viewer(caller, users));
        return TypedResults.Created($"/api/v1/systems/{system.System.Id}", system);
    }

    private static async Task<Results<Ok<SystemDetail>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.GetAsync(id, Viewer(caller, users)) is { } system ? TypedResults.Ok(system) : NoSystem();

    private static async Task<Results<Ok<SystemDetail>, ProblemHttpResult>> ChangeTargets(Guid id, TargetsInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.ChangeTargetsAsync(id, body ?? new TargetsInput(null), Viewer(caller, users)) is { } system ? TypedResults.Ok(system) : NoSystem();

    /// <summary>201 with <c>{key, prefix, issuedAt}</c>: the key is shown this once; the one before is revoked.</summary>
    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueKey(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.IssueKeyAsync(id, Viewer(caller, users)) is { } key ? TypedResults.Created($"/api/v1/systems/{id}", key) : NoSystem();

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.RevokeKeyAsync(id, Viewer(caller, users)) ? TypedResults.NoContent() : NoSystem();

    /// <summary>
    /// The contract route. With <c>X-Api-Key</c>: the key must be active and this system's (unknown or revoked → 401,
    /// another system's → 403). Without it: a signed-in officer (bearer token or cookie).
    /// </summary>
    private static async Task<Results<Created<ObservationView>, ProblemHttpResult>> Observe(
        Guid id, ObservationInput? body, HttpRequest request, ClaimsPrincipal caller, Observations observations)
    {
        string recordedBy;
        ObservationSource source;
        if (request.Headers.TryGetValue(ApiKeyHeader, out var secret) && !string.IsNullOrWhiteSpace(secret))
        {
            var check = await observations.CheckKeyAsync(id, secret.ToString());
            if (!check.Allowed)
            {
                return check.Authenticated
                    ? TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status403Forbidden, "Not allowed.", check.Refusal!))
                    : TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status401Unauthorized, "Not signed in.", check.Refusal!));
            }
            (recordedBy, source) = (check.RecordedBy!, ObservationSource.Api);
        }
        else if (caller.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status401Unauthorized, "Not signed in.",
                new Phrase("Send the system's API key in the {0} header, or sign in as an officer.", ApiKeyHeader)));
        }
        else if (!caller.IsInRole(Roles.Officer))
        {
            return TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status403Forbidden, "Not allowed.",
                "Observations are sent by the delivered system (with its API key) or by a procurement officer."));
        }
        else
        {
            (recordedBy, source) = (caller.Identity.Name ?? "officer", ObservationSource.Api);
        }
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the observation: period (YYYY-MM), kpi and value."));
        }
        return await observations.RecordAsync(id, body, source, recordedBy) is { } observation
            ? TypedResults.Created($"/api/v1/systems/{id}/observations", observation)
            : NoSystem();
    }

    private static async Task<Results<Ok<IReadOnlyList<ObservationView>>, ProblemHttpResult>> ListObservations(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.GetAsync(id, Viewer(caller, users)) is { } system ? TypedResults.Ok(system.Observations) : NoSystem();

    private static async Task<Results<Ok<IReadOnlyList<StatementView>>, ProblemHttpResult>> Statements(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, DeliveredSystems systems) =>
        await systems.StatementsAsync(id, Viewer(caller, users)) is { } statements ? TypedResults.Ok(statements) : NoSystem();

    /// <summary>
    /// The CSV file as the request body (<c>text/csv</c>). 200 <c>{imported}</c>; 400 with each bad row's number and
    /// reason (nothing saved); 413 over 5 MB.
    /// </summary>
    private static async Task<Results<Ok<ObservationsImported>, ProblemHttpResult>> ImportCsv(HttpRequest request, ClaimsPrincipal caller, Observations observations)
    {
        // A file over the limit is read to its end (up to 100 MB, discarded) before the 413, so that the client, still
        // sending, receives the answer instead of a reset connection.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = DrainLimitBytes;
        }
        CsvImport import;
        try
        {
            import = await observations.ImportCsvAsync(request.Body, request.ContentLength, caller.Identity?.Name ?? "officer");
        }
        catch (DomainException tooLarge) when (tooLarge.Kind == DomainErrorKind.TooLarge && request.ContentLength is null or <= DrainLimitBytes)
        {
            await request.Body.CopyToAsync(Stream.Null);
            throw;
        }
        return import.Problems.Count == 0 ? TypedResults.Ok(new ObservationsImported(import.Imported)) : TypedResults.Problem(CsvProblem(import.Problems));
    }

    private const long DrainLimitBytes = 100 * 1024 * 1024;

    /// <summary>The validation report: one entry per bad row (<c>row 3</c>), the first <see cref="Observations.MaxReportedProblems"/> of them.</summary>
    public static HttpValidationProblemDetails CsvProblem(IReadOnlyList<CsvRowProblem> problems)
    {
        var shown = problems.Take(Observations.MaxReportedProblems).GroupBy(p => p.Row).ToDictionary(g => $"row {g.Key}", g => g.Select(p => p.Message).ToArray());
        var problem = ApiProblems.Validation(shown);
        problem.Title = PortalText.Render(problems.Count > Observations.MaxReportedProblems
            ? new Phrase("Nothing was imported: {0} rows are wrong (the first {1} are listed).", problems.Count, Observations.MaxReportedProblems)
            : problems.Count == 1 ? Phrase.Of("Nothing was imported: 1 row is wrong.")
            : new Phrase("Nothing was imported: {0} rows are wrong.", problems.Count));
        return problem;
    }

    /// <summary>Rates every ended month not yet rated, now: <c>{rated, idle, statements}</c>.</summary>
    private static async Task<Ok<RatingRun>> RateNow(MonthlyRatingJob job) => TypedResults.Ok(await job.RunAsync());

    private static ProblemHttpResult NoSystem() =>
        TypedResults.Problem("No delivered system you may see has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>POST /api/v1/systems/observations.csv</c>: how many observations were recorded.</summary>
public sealed record ObservationsImported(int Imported);
