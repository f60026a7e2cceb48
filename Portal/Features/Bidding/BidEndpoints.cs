using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Api;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Features.Accounts;

namespace Portal.Features.Bidding;

/// <summary>Eligibility and sealed bids under <c>/api/v1/lots/{id}</c>.</summary>
public static class BidEndpoints
{
    /// <summary>Room in an upload's request body for the multipart boundaries and part headers around the file.</summary>
    private const long MultipartEnvelopeBytes = 64 * 1024;

    public static RouteGroupBuilder MapBidEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("/lots").WithTags("Bids");
        lots.MapGet("/{id:guid}/eligibility", Eligibility).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .Produces<EligibilityView>().ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapPost("/{id:guid}/bids", Submit).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .Produces<BidReceipt>(StatusCodes.Status201Created).Produces<BidReceipt>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/bids/mine", Mine).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .Produces<BidView>().ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapDelete("/{id:guid}/bids/mine", Withdraw).RequireAuthorization(p => p.RequireRole(Roles.Sme));
        lots.MapGet("/{id:guid}/bids", ForLot).RequireAuthorization();
        lots.MapPost("/{id:guid}/bids/mine/attachments", Attach).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .Accepts<AttachmentForm>("multipart/form-data").Produces<AttachedDocument>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge);
        lots.MapDelete("/{id:guid}/bids/mine/attachments/{attachmentId:guid}", RemoveAttachment).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .Produces<SealedReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        // Any signed-in caller, by bearer token or by the sign-in cookie (the lot page links here); the service decides.
        lots.MapGet("/{id:guid}/bids/{bidId:guid}/attachments/{attachmentId:guid}", Download).RequireAuthorization();
        return api;
    }

    public sealed record BidInput(decimal? PriceYuan, string? Proposal);

    /// <summary>The form an attachment is uploaded in, as OpenAPI describes it (the body itself is streamed, not bound).</summary>
    public sealed record AttachmentForm(IFormFile File);

    private static async Task<IResult> Eligibility(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.EligibilityAsync(id, users.GetUserId(caller)!) is { } result ? TypedResults.Ok(result) : NoLot();

    /// <summary>201 with the receipt for a first bid, 200 with the new receipt when it replaces the caller's bid.</summary>
    private static async Task<IResult> Submit(Guid id, BidInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids)
    {
        if (body is null)
        {
            return TypedResults.Problem(ApiProblems.Validation("body", "Send your bid: priceYuan and proposal."));
        }
        var receipt = await bids.SubmitAsync(id, users.GetUserId(caller)!, body.PriceYuan, body.Proposal);
        return receipt switch
        {
            null => NoLot(),
            { Replaced: true } => TypedResults.Ok(receipt),
            _ => TypedResults.Created($"/api/v1/lots/{id}/bids/mine", receipt),
        };
    }

    private static async Task<IResult> Mine(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.MineAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(bid)
            : TypedResults.Problem("Your company has no bid for this lot.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static async Task<IResult> Withdraw(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.WithdrawAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(new { bidId = bid.Id, withdrawnAt = bid.WithdrawnAtUtc })
            : NoLot();

    /// <summary>The lot's bids for its officers and assigned evaluators, after the deadline; 403 with the reason otherwise.</summary>
    private static async Task<IResult> ForLot(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.ForLotAsync(id, users.GetUserId(caller)!, caller.IsInRole(Roles.Officer)) is { } items
            ? TypedResults.Ok(new { items })
            : NoLot();

    /// <summary>
    /// 201 with the attachment and the bid's renewed receipt. The multipart body is streamed straight to the service
    /// (never buffered by the framework); the server's own body limit is set just above the attachment limit, and a
    /// body over it is answered with the attachment limit (413), not a reset connection.
    /// </summary>
    private static async Task<IResult> Attach(Guid id, HttpContext http, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments)
    {
        var limit = attachments.MaxBytes;
        var bodyLimit = limit + MultipartEnvelopeBytes;
        if (http.Request.ContentLength > bodyLimit)
        {
            throw BidAttachment.TooLarge(limit);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }
        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return NoFile();
        }
        var reader = new MultipartReader(boundary, http.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (section.AsFileSection() is { Name: "file", FileStream: { } content } file)
                {
                    var attached = await attachments.AttachAsync(id, users.GetUserId(caller)!, file.FileName, content, http.RequestAborted);
                    return attached is null
                        ? NoLot()
                        : TypedResults.Created($"/api/v1/lots/{id}/bids/{attached.Receipt.BidId}/attachments/{attached.Id}", attached);
                }
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw BidAttachment.TooLarge(limit);
        }
        return NoFile();
    }

    /// <summary>200 with the bid's renewed receipt.</summary>
    private static async Task<IResult> RemoveAttachment(Guid id, Guid attachmentId, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments) =>
        await attachments.RemoveAsync(id, users.GetUserId(caller)!, attachmentId) is { } receipt ? TypedResults.Ok(receipt) : NoLot();

    /// <summary>The PDF as sealed: to its bidder at any time, to the lot's officers and assigned evaluators after the deadline; 403 with the reason otherwise.</summary>
    private static async Task<IResult> Download(Guid id, Guid bidId, Guid attachmentId, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments, CancellationToken cancellationToken) =>
        await attachments.OpenAsync(id, bidId, attachmentId, users.GetUserId(caller)!, caller.IsInRole(Roles.Officer), cancellationToken) is { } download
            ? TypedResults.File(download.Content, "application/pdf", download.FileName)
            : TypedResults.Problem("No attachment of a bid of this lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static IResult NoFile() =>
        TypedResults.Problem(ApiProblems.Validation("file", "Send the PDF as multipart/form-data in a field named file."));

    private static IResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
