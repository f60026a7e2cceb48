using Portal.Localization;
using Portal.Domain;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Api;
using Portal.Data;
using Portal.Features.Accounts;

namespace Portal.Features.Reports;

/// <summary><c>GET /api/v1/reports/{kind}</c>: a report as <c>application/pdf</c>, or problem details saying why not.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        // Open to visitors: award notices and winners' declarations are public; the service checks each kind.
        reports.MapGet("/{kind}", Generate).AllowAnonymous()
            .WithSummary("Generates a report as a PDF: sme-participation, subsidies, effectiveness, award-notice, declaration or opening-record.")
            .WithDescription("Official kinds (sme-participation, subsidies, effectiveness; from, to, systemId) are for officials and administrators. award-notice (lotId) and declaration (bidId) are public once the lot is awarded. opening-record (lotId) is read as GET /api/v1/lots/{id}/opening: by the lot's bidders, officers, assigned evaluators, officials and administrators from the opening on, by anyone once awarded; 409 before the opening.")
            .ProducesFile(ReportFile.ContentType).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        reports.MapGet("/runs/{id:guid}", Download).RequireAuthorization(p => p.RequireRole(Roles.Official, Roles.Admin))
            .WithSummary("Downloads the PDF of one of the caller's finished report runs; 410 once it has expired (Reports:KeepRunsForHours).")
            .ProducesFile(ReportFile.ContentType).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Generate(
        string kind, string? from, string? to, Guid? lotId, Guid? bidId, Guid? systemId, ClaimsPrincipal caller, UserManager<PortalUser> users,
        ReportService reports, CancellationToken cancellationToken)
    {
        var request = new ReportRequest(kind.Trim().ToLowerInvariant(), ReportService.ParseDate(from, "from"), ReportService.ParseDate(to, "to"), lotId, bidId, systemId);
        var outcome = await reports.BuildAsync(request, ReaderOf(caller, users), cancellationToken: cancellationToken);
        return Answer(outcome);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Download(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, ReportRuns runs) =>
        Answer(runs.Download(id, users.GetUserId(caller)!));

    public static ReportReader ReaderOf(ClaimsPrincipal caller, UserManager<PortalUser> users) =>
        new(caller.Identity?.IsAuthenticated == true ? users.GetUserId(caller) : null, caller.IsInRole(Roles.Official) || caller.IsInRole(Roles.Admin),
            caller.IsInRole(Roles.Officer), System.Globalization.CultureInfo.CurrentUICulture);

    private static Results<FileContentHttpResult, ProblemHttpResult> Answer(ReportOutcome outcome) => outcome.File is { } file
        ? TypedResults.File(file.Content, ReportFile.ContentType, file.FileName)
        : TypedResults.Problem(outcome.Problem is { } problem ? PortalText.Render(problem) : null, statusCode: outcome.Status, title: outcome.Status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in first.",
            StatusCodes.Status403Forbidden => "Not allowed.",
            StatusCodes.Status410Gone => "Expired.",
            _ => "Not found.",
        });
}
