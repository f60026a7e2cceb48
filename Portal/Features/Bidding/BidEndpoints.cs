using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .WithSummary("Says whether the caller's company may bid on the lot, requirement by requirement.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapPost("/{id:guid}/bids", Submit).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Submits a sealed bid (201), or replaces the caller's bid (200), before the deadline.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/bids/mine", Mine).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("The caller's own bid for the lot, with its attachments.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapDelete("/{id:guid}/bids/mine", Withdraw).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Withdraws the caller's bid before the deadline.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapGet("/{id:guid}/bids", ForLot).RequireAuthorization()
            .WithSummary("The lot's bids, for its officers and assigned evaluators after the deadline.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        lots.MapPost("/{id:guid}/bids/mine/attachments", Attach).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Attaches a sealed PDF (iv ‖ ciphertext ‖ tag under the bid's key) to the caller's bid and renews its receipt.")
            .Accepts<AttachmentForm>("multipart/form-data")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        lots.MapDelete("/{id:guid}/bids/mine/attachments/{attachmentId:guid}", RemoveAttachment).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Removes an attachment from the caller's bid and renews its receipt.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // Any signed-in caller, by bearer token or by the sign-in cookie (the lot page links here); the service decides.
        lots.MapGet("/{id:guid}/bids/{bidId:guid}/attachments/{attachmentId:guid}", Download).RequireAuthorization()
            .WithSummary("Downloads a bid's attachment, decrypted once the bid is opened at the opening (application/pdf).")
            .ProducesFile("application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>
    /// A sealed bid: <c>{"sealed": {"format": "sealed-bid/1", "iv", "ciphertext"}}</c>. <see cref="PriceYuan"/> and
    /// <see cref="Proposal"/> are read only to tell a client that sends its bid in plain how to seal it.
    /// </summary>
    public sealed record BidInput(SealedInput? Sealed, decimal? PriceYuan, string? Proposal);

    /// <summary>The envelope <c>sealed-bid/1</c> (docs/api.md, "Sealed bids").</summary>
    public sealed record SealedInput(string? Format, string? Iv, string? Ciphertext);

    /// <summary>
    /// The form a sealed attachment is uploaded in, as OpenAPI describes it (the body itself is streamed, not bound):
    /// <c>fileName</c> first (part of the envelope's associated data), then <c>file</c>, the bytes iv ‖ ciphertext ‖ tag.
    /// </summary>
    public sealed record AttachmentForm(string FileName, IFormFile File);

    /// <summary>Where a client learns to seal a bid: the portal's own API reference (the envelope is also in docs/api.md).</summary>
    public const string SealingDocs = "/api/docs#tag/bids";

    private static async Task<Results<Ok<EligibilityView>, ProblemHttpResult>> Eligibility(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.EligibilityAsync(id, users.GetUserId(caller)!) is { } result ? TypedResults.Ok(result) : NoLot();

    /// <summary>201 with the receipt for a first bid, 200 with the new receipt when it replaces the caller's bid.</summary>
    private static async Task<Results<Created<BidReceipt>, Ok<BidReceipt>, ProblemHttpResult>> Submit(Guid id, BidInput? body, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids)
    {
        if (body?.Sealed is null)
        {
            var problem = ApiProblems.Validation("sealed", body is { PriceYuan: not null } or { Proposal: not null }
                ? "Bids are sealed by the bidder: the portal does not accept a price or proposal in plain. Encrypt {\"priceYuan\", \"proposal\"} with AES-256-GCM under your own random 256-bit key (aad: the lot id) and send {\"sealed\": {\"format\": \"sealed-bid/1\", \"iv\", \"ciphertext\"}}; keep the key to decrypt your bid at the opening. See docs/api.md, \"Sealed bids\"."
                : "Send your sealed bid: {\"sealed\": {\"format\": \"sealed-bid/1\", \"iv\", \"ciphertext\"}} (docs/api.md, \"Sealed bids\").");
            problem.Type = SealingDocs;
            return TypedResults.Problem(problem);
        }
        var envelope = SealedEnvelope.Parse(body.Sealed.Format, body.Sealed.Iv, body.Sealed.Ciphertext);
        var receipt = await bids.SubmitAsync(id, users.GetUserId(caller)!, envelope);
        return receipt switch
        {
            null => NoLot(),
            { Replaced: true } => TypedResults.Ok(receipt),
            _ => TypedResults.Created($"/api/v1/lots/{id}/bids/mine", receipt),
        };
    }

    private static async Task<Results<Ok<BidView>, ProblemHttpResult>> Mine(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.MineAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(bid)
            : TypedResults.Problem("Your company has no bid for this lot.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static async Task<Results<Ok<WithdrawnBid>, ProblemHttpResult>> Withdraw(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.WithdrawAsync(id, users.GetUserId(caller)!) is { } bid
            ? TypedResults.Ok(new WithdrawnBid(bid.Id, bid.WithdrawnAtUtc))
            : NoLot();

    /// <summary>The lot's bids for its officers and assigned evaluators, after the deadline; 403 with the reason otherwise.</summary>
    private static async Task<Results<Ok<LotBids>, ProblemHttpResult>> ForLot(Guid id, ClaimsPrincipal caller, UserManager<PortalUser> users, BidService bids) =>
        await bids.ForLotAsync(id, users.GetUserId(caller)!, caller.IsInRole(Roles.Officer)) is { } items
            ? TypedResults.Ok(new LotBids(items))
            : NoLot();

    /// <summary>
    /// 201 with the attachment and the bid's renewed receipt. The multipart body is streamed straight to the service
    /// (never buffered by the framework); the server's own body limit is set just above the attachment limit, and a
    /// body over it is answered with the attachment limit (413), not a reset connection.
    /// </summary>
    private static async Task<Results<Created<AttachedDocument>, ProblemHttpResult>> Attach(Guid id, HttpContext http, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments)
    {
        var limit = attachments.MaxBytes;
        var bodyLimit = attachments.MaxSealedBytes + MultipartEnvelopeBytes;
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
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (section.AsFormDataSection() is { Name: "fileName" } nameField)
                {
                    fileName = await nameField.GetValueAsync(http.RequestAborted);
                }
                else if (section.AsFileSection() is { Name: "file", FileStream: { } content } file)
                {
                    // The name sealed into the envelope's associated data; the part's own file name when no field came first.
                    var attached = await attachments.AttachAsync(id, users.GetUserId(caller)!, fileName ?? file.FileName, content, http.RequestAborted);
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
    private static async Task<Results<Ok<SealedReceipt>, ProblemHttpResult>> RemoveAttachment(Guid id, Guid attachmentId, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments) =>
        await attachments.RemoveAsync(id, users.GetUserId(caller)!, attachmentId) is { } receipt ? TypedResults.Ok(receipt) : NoLot();

    /// <summary>The PDF as sealed: to its bidder at any time, to the lot's officers and assigned evaluators after the deadline; 403 with the reason otherwise.</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(Guid id, Guid bidId, Guid attachmentId, ClaimsPrincipal caller, UserManager<PortalUser> users, BidAttachmentService attachments, CancellationToken cancellationToken) =>
        await attachments.OpenAsync(id, bidId, attachmentId, users.GetUserId(caller)!, caller.IsInRole(Roles.Officer), cancellationToken) is { } download
            ? TypedResults.File(download.Content, "application/pdf", download.FileName)
            : TypedResults.Problem("No attachment of a bid of this lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ProblemHttpResult NoFile() =>
        TypedResults.Problem(ApiProblems.Validation("file", "Send the sealed PDF as multipart/form-data: a field fileName, then the sealed bytes (iv ‖ ciphertext ‖ tag) in a field named file."));

    private static ProblemHttpResult NoLot() =>
        TypedResults.Problem("No published lot has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}

/// <summary>The answer of <c>DELETE /api/v1/lots/{id}/bids/mine</c>.</summary>
public sealed record WithdrawnBid(Guid BidId, DateTime? WithdrawnAt);

/// <summary>The answer of <c>GET /api/v1/lots/{id}/bids</c>.</summary>
public sealed record LotBids(IReadOnlyList<BidView> Items);
