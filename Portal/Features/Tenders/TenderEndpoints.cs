using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Portal.Api;
using Portal.Domain;
using Portal.Domain.Tenders;
using Portal.Features.Accounts;

namespace Portal.Features.Tenders;

/// <summary>Tenders for officers (<c>/api/v1/tenders</c>) and published lots for everyone (<c>/api/v1/lots</c>).</summary>
public static class TenderEndpoints
{
    public static RouteGroupBuilder MapTenderEndpoints(this RouteGroupBuilder api)
    {
        var tenders = api.MapGroup("/tenders").WithTags("Tenders").RequireAuthorization(p => p.RequireRole(Roles.Officer));
        tenders.MapPost("/", Create).WithSummary("Creates a draft tender.")
            .ProducesValidationProblem();
        tenders.MapGet("/", ListTenders).WithSummary("Tenders, drafts included, searched, filtered by a status tab, sorted and paged, with each tab's count.")
            .WithQueryParameters(TenderListRequest.Parameters).ProducesValidationProblem();
        tenders.MapGet("/{id:guid}", GetTender).WithSummary("A tender with its lots, amendments, SME-fairness warnings and reservation advice.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tenders.MapPut("/{id:guid}", Update).WithSummary("Changes a draft tender.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenders.MapPost("/{id:guid}/lots", AddLot).WithSummary("Adds a lot to a draft tender; the answer lists SME-fairness warnings.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenders.MapPut("/{id:guid}/lots/{lotId:guid}", UpdateLot).WithSummary("Changes a lot of a draft tender.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenders.MapDelete("/{id:guid}/lots/{lotId:guid}", RemoveLot).WithSummary("Removes a lot from a draft tender.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenders.MapPost("/{id:guid}/publish", Publish).WithSummary("Publishes the tender and all its lots with a bidding deadline and, optionally, its small and micro enterprise price deduction.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenders.MapPost("/{id:guid}/amendments", Amend).WithSummary("Publishes an amendment notice to a published tender, optionally extending its deadline.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var lots = api.MapGroup("/lots").WithTags("Lots");
        lots.MapGet("/", List).AllowAnonymous()
            .WithSummary("Published lots, filtered and paged; q= ranks them by free text.")
            .WithQueryParameters(LotListRequest.Parameters).ProducesValidationProblem();
        lots.MapGet("/{id:guid}", Get).AllowAnonymous()
            .WithSummary("A published lot with its requirements and criteria.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<CreatedTender>, ProblemHttpResult>> Create(TenderInput? body, TenderService tenders)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the tender: title, description, buyer, budgetYuan and category."));
        }
        var tender = await tenders.CreateAsync(body);
        return TypedResults.Created($"/api/v1/tenders/{tender.Id}", new CreatedTender(tender.Id));
    }

    private static async Task<Results<Ok<TenderListView>, ProblemHttpResult>> ListTenders(HttpRequest request, TenderListing listing)
    {
        var (query, errors) = TenderListRequest.Parse(request.Query);
        return query is null
            ? TypedResults.Problem(ApiProblems.Validation(errors))
            : TypedResults.Ok(TenderListView.From(await listing.ListAsync(query)));
    }

    private static async Task<Results<Ok<TenderDetail>, ProblemHttpResult>> GetTender(Guid id, TenderQueries queries) =>
        await queries.GetAsync(id) is { } tender ? TypedResults.Ok(tender) : NoTender();

    private static async Task<Results<NoContent, ProblemHttpResult>> Update(Guid id, TenderInput? body, TenderService tenders)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the tender: title, description, buyer, budgetYuan and category."));
        }
        return await tenders.UpdateAsync(id, body) is not null ? TypedResults.NoContent() : NoTender();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveLot(Guid id, Guid lotId, TenderService tenders) =>
        await tenders.RemoveLotAsync(id, lotId) ? TypedResults.NoContent() : NoTender();

    private static async Task<Results<Created<AmendmentNotice>, ProblemHttpResult>> Amend(Guid id, AmendmentInput? body, TenderService tenders, TenderQueries queries)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the notice and, to extend the bidding deadline, the new deadline."));
        }
        if (await tenders.AmendAsync(id, body) is not { } amendment)
        {
            return NoTender();
        }
        var tender = await queries.GetAsync(id);
        return TypedResults.Created($"/api/v1/tenders/{id}", new AmendmentNotice(
            amendment.Number, amendment.Notice, amendment.PublishedAtUtc, amendment.PreviousDeadlineUtc, amendment.NewDeadlineUtc, tender!.Deadline));
    }

    private static async Task<Results<Created<AddedLot>, ProblemHttpResult>> AddLot(Guid id, LotInput? body, TenderService tenders)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the lot: title, description, valueYuan, reservedForSmes, requirements and criteria."));
        }
        return await tenders.AddLotAsync(id, body) is { } lot
            ? TypedResults.Created($"/api/v1/lots/{lot.Id}", new AddedLot(lot.Id, WarningView.From(SmeFairnessReview.Review(
                lot.Number, lot.ValueYuan, lot.Description, lot.Requirements, lot.Criteria.Select(c => c.Name), lot.ReservedForSmes))))
            : NoTender();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateLot(Guid id, Guid lotId, LotInput? body, TenderService tenders)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send the lot: title, description, valueYuan, reservedForSmes, requirements and criteria."));
        }
        return await tenders.UpdateLotAsync(id, lotId, body) ? TypedResults.NoContent() : NoTender();
    }

    private static async Task<Results<Ok<PublishedTender>, ProblemHttpResult>> Publish(Guid id, PublishInput? body, TenderService tenders) =>
        await tenders.PublishAsync(id, body?.Deadline, body?.SmallMicroPriceDeduction) is { } tender
            ? TypedResults.Ok(new PublishedTender(tender.Id, tender.DeadlineUtc, tender.Lots.Select(l => l.Id).ToList()))
            : NoTender();

    /// <summary>Published lots: <c>?q=&amp;reservedForSmes=&amp;status=&amp;category=&amp;minValueYuan=&amp;maxValueYuan=&amp;closingWithinDays=&amp;page=&amp;pageSize=</c>.</summary>
    private static async Task<Results<Ok<LotPage>, ProblemHttpResult>> List(HttpRequest request, TenderService tenders, LotSearch search)
    {
        var (filter, text, errors) = LotListRequest.Parse(request.Query);
        if (filter is null)
        {
            return TypedResults.Problem(ApiProblems.Validation(errors));
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            filter = filter with { Ids = await search.RankAsync(text) };
        }
        return TypedResults.Ok(await tenders.ListPublishedAsync(filter));
    }

    private static async Task<Results<Ok<LotDetail>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal caller, TenderService tenders) =>
        await tenders.GetAsync(id, caller.IsInRole(Roles.Officer)) is { } lot
            ? TypedResults.Ok(lot)
            : TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ProblemHttpResult NoTender() =>
        TypedResults.Problem("No tender (or lot of it) has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>POST /api/v1/tenders</c>.</summary>
public sealed record CreatedTender(Guid Id);

/// <summary>The answer of <c>POST /api/v1/tenders/{id}/lots</c>: the new lot and what the SME-fairness review found in it.</summary>
public sealed record AddedLot(Guid Id, IReadOnlyList<WarningView> Warnings);

/// <summary>The answer of <c>POST /api/v1/tenders/{id}/publish</c>: the tender, its deadline and its lots' ids.</summary>
public sealed record PublishedTender(Guid Id, DateTime? Deadline, IReadOnlyList<Guid> Lots);

/// <summary>The answer of <c>POST /api/v1/tenders/{id}/amendments</c>: the notice and the tender's deadline after it.</summary>
public sealed record AmendmentNotice(int Number, string Notice, DateTime PublishedAt, DateTime PreviousDeadline, DateTime? NewDeadline, DateTime? Deadline);

/// <summary>Reads the public lot list's query string; impossible values are errors naming the parameter.</summary>
public static class LotListRequest
{
    /// <summary>The parameters <see cref="Parse"/> reads, as the OpenAPI document lists them.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        new("q", JsonSchemaType.String, "Free text: ranks the lots by relevance."),
        new("reservedForSmes", JsonSchemaType.Boolean, "Only lots reserved for SMEs (true) or only the others (false)."),
        new("status", JsonSchemaType.String, "One of open, closed, evaluating, awarded, contracted, unsuccessful."),
        new("category", JsonSchemaType.String, "A category key."),
        new("minValueYuan", JsonSchemaType.Number, "Lowest estimated value in yuan."),
        new("maxValueYuan", JsonSchemaType.Number, "Highest estimated value in yuan."),
        new("closingWithinDays", JsonSchemaType.Integer, "Only lots whose deadline is within this many days (1-365)."),
        new("page", JsonSchemaType.Integer, "1-based page number (default 1)."),
        new("pageSize", JsonSchemaType.Integer, "Lots a page, 1-100 (default 20)."),
    ];

    public static (LotFilter? Filter, string? Text, Dictionary<string, Phrase[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, Phrase[]>();
        var filter = new LotFilter();
        if (query["reservedForSmes"] is [{ } reserved])
        {
            if (bool.TryParse(reserved, out var value))
            {
                filter = filter with { ReservedForSmes = value };
            }
            else
            {
                errors["reservedForSmes"] = [Phrase.Of("Use true or false.")];
            }
        }
        if (query["status"] is [{ Length: > 0 } status])
        {
            if (LotStatuses.TryParse(status, out var value))
            {
                filter = filter with { Status = value };
            }
            else
            {
                errors["status"] = [Phrase.Of("Use one of open, closed, evaluating, awarded, contracted, unsuccessful.")];
            }
        }
        if (query["category"] is [{ Length: > 0 } category])
        {
            if (Categories.All.Any(c => c.Key == category))
            {
                filter = filter with { Category = category };
            }
            else
            {
                errors["category"] = [new Phrase("Unknown category '{0}'.", category)];
            }
        }
        filter = filter with
        {
            MinValueYuan = Amount(query, "minValueYuan", errors),
            MaxValueYuan = Amount(query, "maxValueYuan", errors),
            ClosingWithin = Whole(query, "closingWithinDays", 1, 365, errors) is { } days ? TimeSpan.FromDays(days) : null,
            Page = Whole(query, "page", 1, 100_000, errors) ?? 1,
            PageSize = Whole(query, "pageSize", 1, 100, errors) ?? 20,
        };
        var text = query["q"].ToString();
        return errors.Count > 0 ? (null, null, errors) : (filter, text, errors);
    }

    private static decimal? Amount(IQueryCollection query, string name, Dictionary<string, Phrase[]> errors)
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return null;
        }
        if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }
        errors[name] = [Phrase.Of("Use an amount in yuan of zero or more.")];
        return null;
    }

    private static int? Whole(IQueryCollection query, string name, int min, int max, Dictionary<string, Phrase[]> errors)
    {
        if (query[name] is not [{ Length: > 0 } raw])
        {
            return null;
        }
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [new Phrase("Use a whole number from {0} to {1}.", min, max)];
        return null;
    }
}
