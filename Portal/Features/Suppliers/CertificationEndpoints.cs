using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Api;
using Portal.Data;
using Portal.Domain.Suppliers;
using Portal.Features.Accounts;

namespace Portal.Features.Suppliers;

/// <summary>The catalogue of certification kinds, and the certificate PDF of each certification on a profile.</summary>
public static class CertificationEndpoints
{
    /// <summary>Room for the multipart boundaries and headers around the file.</summary>
    private const long MultipartEnvelopeBytes = 16 * 1024;

    public static RouteGroupBuilder MapCertificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/certification-kinds", Kinds).AllowAnonymous().WithTags("Suppliers")
            .WithSummary("The certification kinds that profiles and requirements choose from, with their names, aliases and grades.");
        var evidence = api.MapGroup("/suppliers/{id:guid}/certifications/{certificationId:guid}/evidence").WithTags("Suppliers");
        evidence.MapPost("/", Upload).RequireAuthorization(p => p.RequireRole(Roles.Sme))
            .WithSummary("Uploads the certificate (a PDF, multipart field file) of a certification of the caller's own profile.")
            .Accepts<CertificateForm>("multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        evidence.MapGet("/", Download).RequireAuthorization()
            .WithSummary("The certificate PDF, for the profile's owner, officers and evaluators.")
            .ProducesFile("application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The upload's form: the certificate PDF in a field named <c>file</c>.</summary>
    public sealed record CertificateForm(IFormFile File);

    /// <summary>One kind: its key, names (<c>name</c> in the request's language), aliases and, for a grade, its scale and rank.</summary>
    public sealed record CertificationKindView(string Key, string Name, string NameZh, string NameEn, IReadOnlyList<string> Aliases, string? Scale, int? Rank);

    public sealed record CertificationKindList(IReadOnlyList<CertificationKindView> Items, string OtherKey);

    private static Ok<CertificationKindList> Kinds()
    {
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return TypedResults.Ok(new CertificationKindList(
            [.. CertificationCatalogue.All.Select(k => new CertificationKindView(k.Key, k.Name(chinese), k.NameZh, k.NameEn, k.Aliases, k.Scale, k.Scale is null ? null : k.Rank))],
            CertificationKind.OtherKey));
    }

    /// <summary>
    /// 200 with the certification. The body is streamed to the store, never buffered by the framework; a body over the
    /// limit is answered with the limit (413 naming <c>file</c>), a file that is not a PDF with 400 naming <c>file</c>.
    /// </summary>
    private static async Task<Results<Ok<CertificationView>, ProblemHttpResult>> Upload(Guid id, Guid certificationId, HttpContext http, ClaimsPrincipal caller, UserManager<PortalUser> users, CertificateEvidenceService certificates)
    {
        var limit = certificates.MaxBytes;
        var bodyLimit = limit + MultipartEnvelopeBytes;
        if (http.Request.ContentLength > bodyLimit)
        {
            throw CertificateStore.TooLarge(limit);
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
                    var uploaded = await certificates.UploadAsync(users.GetUserId(caller)!, id, certificationId, file.FileName, content, http.RequestAborted);
                    return uploaded is null ? NoCertification() : TypedResults.Ok(uploaded);
                }
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw CertificateStore.TooLarge(limit);
        }
        return NoFile();
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(Guid id, Guid certificationId, ClaimsPrincipal caller, UserManager<PortalUser> users, CertificateEvidenceService certificates, CancellationToken cancellationToken) =>
        await certificates.OpenAsync(id, certificationId, users.GetUserId(caller), caller.IsInRole(Roles.Officer) || caller.IsInRole(Roles.Evaluator), cancellationToken) is { } download
            ? TypedResults.File(download.Content, "application/pdf", download.FileName)
            : TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status404NotFound, "Not found.", "No certificate was uploaded for this certification."));

    private static ProblemHttpResult NoFile() =>
        TypedResults.Problem(ApiProblems.Validation("file", "Send the certificate as multipart/form-data, the PDF in a field named file."));

    private static ProblemHttpResult NoCertification() =>
        TypedResults.Problem(ApiProblems.Refused(StatusCodes.Status404NotFound, "Not found.", "The profile has no certification with this id."));
}
