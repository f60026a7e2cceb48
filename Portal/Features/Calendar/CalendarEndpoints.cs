using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Api;
using Portal.Features.Accounts;

namespace Portal.Features.Calendar;

/// <summary>China's working-day calendar under <c>/api/v1/calendar</c>: anyone reads a year, administrators keep it.</summary>
public static class CalendarEndpoints
{
    /// <summary>A CSV import is a small file: a year has at most 200 rows.</summary>
    public const int MaxCsvBytes = 64 * 1024;

    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        calendar.MapGet("/{year:int}", Get).AllowAnonymous()
            .WithSummary("A year's public holidays and make-up working days (调休) with the notice they come from; kept:false when no one keeps the year (it counts Monday–Friday).")
            .ProducesValidationProblem();
        calendar.MapPut("/{year:int}", Put).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Replaces a year's calendar as a whole (admin); nothing is written when any entry is refused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        calendar.MapPost("/{year:int}/import", Import).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Replaces a year's calendar from CSV (text/csv body; columns date,kind,name[,nameEn], kind holiday|workday); ?source= names the notice, else the year's present source is kept.")
            .Accepts<string>("text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<Ok<CalendarView>> Get(int year, CalendarService calendars) => TypedResults.Ok(await calendars.GetAsync(year));

    private static async Task<Ok<CalendarView>> Put(int year, CalendarInput body, CalendarService calendars) =>
        TypedResults.Ok(await calendars.SaveAsync(year, body));

    private static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> Import(int year, string? source, HttpRequest request, CalendarService calendars)
    {
        if (request.ContentLength > MaxCsvBytes)
        {
            return TypedResults.Problem(ApiProblems.TooLarge("file", new Domain.Phrase("The file is at most {0} KB.", MaxCsvBytes / 1024)));
        }
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxCsvBytes + 1];
        var read = await reader.ReadBlockAsync(buffer);
        if (read > MaxCsvBytes)
        {
            return TypedResults.Problem(ApiProblems.TooLarge("file", new Domain.Phrase("The file is at most {0} KB.", MaxCsvBytes / 1024)));
        }
        return TypedResults.Ok(await calendars.ImportCsvAsync(year, new string(buffer, 0, read), source));
    }
}
