using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Reporting;
using Portal.Features.Effectiveness;
using Portal.Features.Evaluation;
using Portal.Features.Opening;
using Portal.Features.Subsidies;

namespace Portal.Features.Reports;

/// <summary>
/// Builds a report as a PDF for a reader: checks the kind, the parameters and who may read it, loads the figures and
/// draws them. The API answers with it directly; the reports page runs the long kinds in the background
/// (<see cref="ReportRunJob"/>). Official kinds (SME participation, subsidies, effectiveness) are for officials and
/// administrators; an award notice and the winner's declaration are public once the lot is awarded, and a bidder may
/// always read its own declaration; the opening record is read by whoever reads <c>GET /api/v1/lots/{id}/opening</c>.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<PortalDbContext> contexts, ParticipationStatistics participation, SubsidyLedger ledger,
    EvaluationService evaluation, OpeningService opening, DeliveredSystems systems, TimeProvider clock)
{
    public const string SmeParticipation = "sme-participation";
    public const string Subsidies = "subsidies";
    public const string Effectiveness = "effectiveness";
    public const string AwardNotice = "award-notice";
    public const string Declaration = "declaration";
    public const string OpeningRecord = "opening-record";

    public static readonly string[] Kinds = [SmeParticipation, Subsidies, Effectiveness, AwardNotice, Declaration, OpeningRecord];

    /// <summary>The kinds only officials and administrators may generate.</summary>
    public static bool IsOfficialKind(string kind) => kind is SmeParticipation or Subsidies or Effectiveness;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ReportOutcome> BuildAsync(ReportRequest request, ReportReader reader, Action<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Kinds.Contains(request.Kind))
        {
            return ReportOutcome.NotFound(new Phrase("There is no report of kind '{0}'; the kinds are {1}.", request.Kind, string.Join(", ", Kinds)));
        }
        if (IsOfficialKind(request.Kind) && !reader.IsOfficial)
        {
            return reader.IsSignedIn
                ? ReportOutcome.Refused(StatusCodes.Status403Forbidden, "This report is for officials and administrators.")
                : ReportOutcome.Refused(StatusCodes.Status401Unauthorized, "Sign in as an official to generate this report.");
        }
        progress?.Invoke(0.02);
        switch (request.Kind)
        {
            case SmeParticipation:
            {
                var data = await participation.ReadAsync(PeriodOf(request), cancellationToken);
                progress?.Invoke(0.1);
                return ReportOutcome.Pdf(SmeParticipationReport.Render(data, Now, reader.Language, progress), FileName(request.Kind, data.Figures.Period));
            }
            case Subsidies:
            {
                var period = PeriodOf(request);
                var all = await ledger.ListAsync(LedgerViewer.Official, new LedgerFilter(null, null, null), cancellationToken);
                progress?.Invoke(0.1);
                return ReportOutcome.Pdf(SubsidyLedgerReport.Render(all, period, Now, reader.Language, progress), FileName(request.Kind, period));
            }
            case AwardNotice:
            {
                var lotId = request.LotId ?? throw new DomainException("lotId is required for the award notice.", "lotId");
                var notice = await evaluation.AwardNoticeAsync(lotId, cancellationToken);
                return notice is null
                    ? ReportOutcome.NotFound("No published lot has this id.")
                    : ReportOutcome.Pdf(AwardNoticeReport.Render(notice, Now, reader.Language), $"award-notice-{lotId:N}.pdf");
            }
            case OpeningRecord:
            {
                var lotId = request.LotId ?? throw new DomainException("lotId is required for the opening record.", "lotId");
                var record = await opening.RecordAsync(lotId, new OpeningReader(reader.UserId ?? "", reader.IsOfficer, reader.IsOfficial, reader.IsOfficial), cancellationToken);
                return record is null
                    ? ReportOutcome.NotFound("No published lot has this id.")
                    : ReportOutcome.Pdf(OpeningRecordReport.Render(record, Now, reader.Language), $"opening-record-{lotId:N}.pdf");
            }
            case Declaration:
                return await DeclarationAsync(request.BidId ?? throw new DomainException("bidId is required for the declaration letter.", "bidId"), reader, cancellationToken);
            default:
                return await EffectivenessAsync(request, reader, progress, cancellationToken);
        }
    }

    /// <summary>
    /// The effectiveness report from the statements the rating job made: of one system (<c>systemId</c>) or of all
    /// systems in operation in the period. An official reads every system, as on the systems pages.
    /// </summary>
    private async Task<ReportOutcome> EffectivenessAsync(ReportRequest request, ReportReader reader, Action<double>? progress, CancellationToken cancellationToken)
    {
        var period = PeriodOf(request);
        var viewer = new SystemViewer(reader.UserId ?? "", "", IsOfficer: false, IsOfficial: true, IsAdmin: false, IsSme: false);
        if (request.SystemId is { } systemId)
        {
            var detail = await systems.GetAsync(systemId, viewer, cancellationToken);
            if (detail is null)
            {
                return ReportOutcome.NotFound("No delivered system has this id.");
            }
            progress?.Invoke(0.1);
            var one = EffectivenessReport.InPeriod([detail], period);
            return ReportOutcome.Pdf(EffectivenessReport.RenderOne(detail, one, Now, reader.Language, progress), $"effectiveness-{systemId:N}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.pdf");
        }
        var details = new List<SystemDetail>();
        foreach (var summary in await systems.ListAsync(viewer, cancellationToken))
        {
            if (await systems.GetAsync(summary.Id, viewer, cancellationToken) is { } detail)
            {
                details.Add(detail);
            }
        }
        progress?.Invoke(0.1);
        return ReportOutcome.Pdf(EffectivenessReport.RenderAll(EffectivenessReport.InPeriod(details, period), Now, reader.Language, progress), FileName(request.Kind, period));
    }

    /// <summary>The period asked for: both ends given, one end and twelve months, or the last twelve months.</summary>
    public ReportingPeriod PeriodOf(ReportRequest request) => (request.From, request.To) switch
    {
        ({ } from, { } to) => ReportingPeriod.Of(from, to),
        ({ } from, null) => ReportingPeriod.Of(from, from.AddMonths(12).AddDays(-1)),
        (null, { } to) => ReportingPeriod.Of(to.AddMonths(-12).AddDays(1), to),
        _ => ReportingPeriod.LastTwelveMonths(Now),
    };

    /// <summary>A date of the query string (<c>2026-01-31</c>); anything else is the caller's 400 naming the parameter.</summary>
    public static DateOnly? ParseDate(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new DomainException(new Phrase("{0} is a date such as 2026-01-31.", field), field);

    public static string FileName(string kind, ReportingPeriod period) => $"{kind}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.pdf";

    private async Task<ReportOutcome> DeclarationAsync(Guid bidId, ReportReader reader, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from b in db.Bids.AsNoTracking()
            where b.Id == bidId
            join l in db.Lots on b.LotId equals l.Id
            join t in db.Tenders on l.TenderId equals t.Id
            join s in db.Suppliers on b.SupplierId equals s.Id
            select new
            {
                Declaration = new BidDeclaration(b.Id, s.Name, t.Title, l.Number, l.Title, b.SubmittedAtUtc, b.Declaration),
                Public = l.AwardedBidId == b.Id && l.AwardedAtUtc != null,
                s.OwnerUserId,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ReportOutcome.NotFound("No bid has this id.");
        }
        var mayRead = found.Public || reader.IsOfficial || (reader.UserId is not null && reader.UserId == found.OwnerUserId);
        if (!mayRead)
        {
            return reader.IsSignedIn
                ? ReportOutcome.Refused(StatusCodes.Status403Forbidden, "A declaration letter is public once its bid wins the award; before that only the bidder and officials read it.")
                : ReportOutcome.Refused(StatusCodes.Status401Unauthorized, "Sign in to read this declaration letter: it is not public.");
        }
        if (string.IsNullOrWhiteSpace(found.Declaration.Letter))
        {
            return ReportOutcome.NotFound("This bid carries no SME declaration letter: the bidder declared itself a large enterprise.");
        }
        return ReportOutcome.Pdf(DeclarationReport.Render(found.Declaration, Now, reader.Language), $"declaration-{bidId:N}.pdf");
    }
}

/// <summary>What is asked for: the kind and its parameters as given (dates already read).</summary>
/// <remarks><see cref="SystemId"/> narrows the effectiveness report to one delivered system.</remarks>
public sealed record ReportRequest(string Kind, DateOnly? From = null, DateOnly? To = null, Guid? LotId = null, Guid? BidId = null, Guid? SystemId = null);

/// <summary>
/// Who asks: the signed-in user's id (null for a visitor), whether it is an official or an administrator, whether it is
/// a procurement officer (the opening record is theirs too), and the language the PDF is written in (zh-CN or en; the
/// request's culture in the API, the one stored with a background run; zh-CN, the portal's default, when none is given).
/// </summary>
public sealed record ReportReader(string? UserId, bool IsOfficial, bool IsOfficer = false, CultureInfo? Culture = null)
{
    public bool IsSignedIn => UserId is not null;

    /// <summary>The PDF's language: English for a reader of English, else Chinese.</summary>
    public CultureInfo Language => LanguageOf(Culture?.Name);

    /// <summary>The report language for a culture name: en for any English culture, zh-CN for anything else (or nothing).</summary>
    public static CultureInfo LanguageOf(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    public static CultureInfo Chinese { get; } = CultureInfo.GetCultureInfo("zh-CN");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");
}

public sealed record ReportFile(byte[] Content, string FileName)
{
    public const string ContentType = "application/pdf";
}

/// <summary>The PDF, or why there is none: 401/403 for a reader who may not, 404 for nothing to report, 410 for an expired run.</summary>
public sealed record ReportOutcome(ReportFile? File, int Status, Phrase? Problem)
{
    public static ReportOutcome Pdf(byte[] content, string fileName) => new(new ReportFile(content, fileName), StatusCodes.Status200OK, null);

    public static ReportOutcome NotFound(string problem) => NotFound(Phrase.Of(problem));

    public static ReportOutcome NotFound(Phrase problem) => new(null, StatusCodes.Status404NotFound, problem);

    public static ReportOutcome Refused(int status, string problem) => new(null, status, Phrase.Of(problem));

    public static ReportOutcome Gone(Phrase problem) => new(null, StatusCodes.Status410Gone, problem);
}
