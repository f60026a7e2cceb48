using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Bids;
using Portal.Domain.Effectiveness;
using Portal.Domain.Reporting;
using Portal.Domain.Subsidies;
using Portal.Domain.Suppliers;
using Portal.Features.Effectiveness;
using Portal.Features.Reports;
using Portal.Tests.Infrastructure;
using static Portal.Features.Reports.ReportFormat;
using static Portal.Tests.Features.AwardedLots;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// <c>GET /api/v1/reports/{kind}</c> on SQLite and PostgreSQL: every report is read back with PdfPig and its key figures
/// compared with the database; who may read which report; bad parameters; a background run through the job.
/// </summary>
public abstract class ReportApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static string Day(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The period query for the last year up to the clock's today (China time).</summary>
    private string LastYear => $"from={Day(app.Clock.GetUtcNow().AddYears(-1))}&to={Day(app.Clock.GetUtcNow())}";

    private static async Task<byte[]> PdfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The text without the spaces the layout puts between words and cells.</summary>
    private static string Squeezed(byte[] pdf) => PdfReading.Text(pdf).Replace(" ", "", StringComparison.Ordinal);

    private static void AssertShows(string text, string figure) => Assert.Contains(figure.Replace(" ", "", StringComparison.Ordinal), text);

    [Fact]
    public async Task TheSmeParticipationReportShowsTheDatabasesAwardedValueSharesAndConcentration()
    {
        var sme = await ArrangeAsync(app, priceYuan: 850_000m);
        await RecordContractAsync(app, sme, 812_345.67m);
        await ArrangeAsync(app, winnerEmail: "large@demo.local", priceYuan: 640_000m);
        using var official = await app.CreateClientForAsync("official@demo.local", language: "zh-CN");
        using var officialInEnglish = await app.CreateClientForAsync("official@demo.local");

        var pdf = await PdfAsync(await official.GetAsync($"/api/v1/reports/sme-participation?{LastYear}"));
        var english = await PdfAsync(await officialInEnglish.GetAsync($"/api/v1/reports/sme-participation?{LastYear}"));

        var awards = await AwardedValuesSinceAsync(app, app.Clock.GetUtcNow().UtcDateTime.AddYears(-1).AddDays(-1));
        var total = awards.Sum(a => a.ValueYuan);
        var smeValue = awards.Where(a => a.SizeClass != SizeClass.Large).Sum(a => a.ValueYuan);
        var shares = awards.GroupBy(a => a.SupplierId).Select(g => g.Sum(a => a.ValueYuan) / total).OrderDescending().ToList();
        var text = Squeezed(pdf);
        AssertShows(text, $"{Count(awards.Count)}授予合同");
        AssertShows(text, Yuan(total));
        AssertShows(text, Yuan(812_345.67m));
        AssertShows(text, Percent(smeValue / total) + "中小企业金额占比");
        AssertShows(text, Percent(shares.Take(3).Sum()) + "前三名集中度");
        AssertShows(text, Hhi(shares.Sum(s => s * 100 * s * 100)) + "赫芬达尔指数");
        Assert.Contains("中小企业参与及集中度报告", text);
        AssertShows(text, "按企业规模");
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(english, "SME participation and concentration report", $"{Count(awards.Count)}Contracts awarded",
            Percent(smeValue / total) + "SME share of value", "CR3 (top-3 share)", "By size class", "Largest suppliers", "Every award of the period");
        Assert.DoesNotContain("授予合同", PdfReading.Text(english));
        PdfReading.RenderFirstPage(pdf, $"sme-participation-{app.Provider}");
        PdfReading.RenderFirstPage(english, $"sme-participation-en-{app.Provider}");
    }

    [Fact]
    public async Task TheSubsidyReportListsEveryGrantOfThePeriodWithTotalsAndTheRemainingBudget()
    {
        var lot = await ArrangeAsync(app);
        var grantId = (await RecordContractAsync(app, lot, 700_000m)).GetProperty("grant").GetProperty("id").GetGuid();
        using var official = await app.CreateClientForAsync("official@demo.local", language: "zh-CN");
        using var officialInEnglish = await app.CreateClientForAsync("official@demo.local");

        var pdf = await PdfAsync(await official.GetAsync($"/api/v1/reports/subsidies?{LastYear}"));
        var english = await PdfAsync(await officialInEnglish.GetAsync($"/api/v1/reports/subsidies?{LastYear}"));

        var start = app.Clock.GetUtcNow().UtcDateTime.AddYears(-1);
        var grants = await app.WithDbAsync(db => db.SubsidyGrants.AsNoTracking().Where(g => g.CreatedAtUtc >= start).Select(g => new { g.AmountYuan, g.State, g.ProgrammeId }).ToListAsync());
        var year = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var programme = await app.WithDbAsync(db => db.SubsidyProgrammes.AsNoTracking().SingleAsync(p => p.Year == year));
        var committed = await app.WithDbAsync(async db => (await db.SubsidyGrants.AsNoTracking()
            .Where(g => g.ProgrammeId == programme.Id && SubsidyGrant.CommittedStates.Contains(g.State)).Select(g => g.AmountYuan).ToListAsync()).Sum());
        var text = Squeezed(pdf);
        AssertShows(text, $"{Count(grants.Count)}补贴笔数");
        AssertShows(text, Yuan(grants.Sum(g => g.AmountYuan)) + "补贴金额");
        AssertShows(text, Yuan(70_000m));
        var eligible = $"{Count(grants.Count(g => g.State == GrantState.Eligible))}{Yuan(grants.Where(g => g.State == GrantState.Eligible).Sum(g => g.AmountYuan))}";
        AssertShows(text, "待审批" + eligible);
        AssertShows(text, Yuan(programme.AnnualBudgetYuan - committed));
        Assert.NotEqual(Guid.Empty, grantId);
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(english, "SME contract subsidy ledger", "Totals per state", "Awaiting approval" + eligible, "Budget per year", "Every grant",
            $"{Count(grants.Count)}Number of grants");
        PdfReading.RenderFirstPage(pdf, $"subsidies-{app.Provider}");
    }

    [Fact]
    public async Task AnyoneDownloadsThePublicAwardNoticeWithWinnerPriceScoresAndDeclaration()
    {
        var lot = await ArrangeAsync(app, priceYuan: 823_000m);
        using var visitor = app.CreateHttpClient(language: "zh-CN");
        using var visitorInEnglish = app.CreateHttpClient();

        var pdf = await PdfAsync(await visitor.GetAsync($"/api/v1/reports/award-notice?lotId={lot.LotId}"));
        var english = await PdfAsync(await visitorInEnglish.GetAsync($"/api/v1/reports/award-notice?lotId={lot.LotId}"));

        var (supplier, declaration) = await app.WithDbAsync(async db => (
            await db.Suppliers.Where(s => s.Id == lot.SupplierId).Select(s => s.Name).SingleAsync(),
            await db.Bids.Where(b => b.Id == lot.BidId).Select(b => b.Declaration).SingleAsync()));
        var pages = PdfReading.Pages(pdf);
        Assert.Single(pages);
        var text = Squeezed(pdf);
        AssertShows(text, supplier);
        AssertShows(text, Yuan(823_000m) + "中标价格");
        AssertShows(text, "小型企业规模");
        AssertShows(text, "Technicalsolution50%8040");
        // The declaration letter's first lines, as the bidder submitted them.
        AssertShows(text, declaration.Split('\n')[0].Trim());
        AssertShows(text, "本企业对上述声明内容的真实性负责");
        // The officer's justification is the officer's own text (English in the test's data), shown as written.
        PdfLanguage.AssertChinese(pdf, "The only valid bid meets every requirement at a price within the budget.");
        // In English the labels are English; the declaration letter, a legal form whose text is Chinese, stays as signed.
        PdfLanguage.AssertEnglish(english, "Award notice", $"Winning supplier: {supplier}", "SmallSize class", Yuan(823_000m) + "Winning price", "Scores",
            DeclarationReport.ChineseOriginalNote, "本企业对上述声明内容的真实性负责");
        PdfReading.RenderFirstPage(pdf, $"award-notice-{app.Provider}");
        PdfReading.RenderFirstPage(english, $"award-notice-en-{app.Provider}");
    }

    [Fact]
    public async Task TheWinnersDeclarationIsPublicAndAnOpenBidsOnlyForItsBidderAndOfficials()
    {
        var awarded = await ArrangeAsync(app);
        using var visitor = app.CreateHttpClient();
        using var visitorInChinese = app.CreateHttpClient(language: "zh-CN");
        var winnerPdf = await PdfAsync(await visitorInChinese.GetAsync($"/api/v1/reports/declaration?bidId={awarded.BidId}"));
        var winner = Squeezed(winnerPdf);
        var openBid = await OpenBidAsync("sme@demo.local");
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var large = await app.CreateClientForAsync("large@demo.local");
        using var official = await app.CreateClientForAsync("official@demo.local");

        var own = await PdfAsync(await sme.GetAsync($"/api/v1/reports/declaration?bidId={openBid}"));
        await PdfAsync(await official.GetAsync($"/api/v1/reports/declaration?bidId={openBid}"));
        await AssertProblemAsync(await visitor.GetAsync($"/api/v1/reports/declaration?bidId={openBid}"), HttpStatusCode.Unauthorized, "not public");
        await AssertProblemAsync(await large.GetAsync($"/api/v1/reports/declaration?bidId={openBid}"), HttpStatusCode.Forbidden, "only the bidder and officials");

        var letter = await app.WithDbAsync(db => db.Bids.Where(b => b.Id == openBid).Select(b => b.Declaration).SingleAsync());
        var supplier = await app.WithDbAsync(db => db.Suppliers.Where(s => s.Id == awarded.SupplierId).Select(s => new { s.Name, s.CreditCode }).SingleAsync());
        AssertShows(winner, "中小企业声明函");
        PdfLanguage.AssertChinese(winnerPdf);
        PdfLanguage.AssertEnglish(own, "SME declaration letter", "Bid submitted:", DeclarationReport.ChineseOriginalNote, letter.Split('\n')[2].Trim());
        AssertShows(winner, $"统一社会信用代码：{supplier.CreditCode}");
        AssertShows(Squeezed(own), letter.Split('\n')[2].Trim());
        PdfReading.RenderFirstPage(own, $"declaration-{app.Provider}");
    }

    public static TheoryData<string, string> OfficialKinds => new() { { "sme-participation", "" }, { "subsidies", "" }, { "effectiveness", "" } };

    [Theory]
    [MemberData(nameof(OfficialKinds))]
    public async Task OfficialReportsAreRefusedToVisitorsSmesAndOfficersButNotToAdministrators(string kind, string query)
    {
        using var visitor = app.CreateHttpClient();
        using var sme = await app.CreateClientForAsync("sme@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");

        await AssertProblemAsync(await visitor.GetAsync($"/api/v1/reports/{kind}{query}"), HttpStatusCode.Unauthorized, "Sign in as an official");
        await AssertProblemAsync(await sme.GetAsync($"/api/v1/reports/{kind}{query}"), HttpStatusCode.Forbidden, "for officials and administrators");
        await AssertProblemAsync(await officer.GetAsync($"/api/v1/reports/{kind}{query}"), HttpStatusCode.Forbidden, "for officials and administrators");
        await PdfAsync(await admin.GetAsync($"/api/v1/reports/{kind}{query}"));
    }

    public static TheoryData<string, HttpStatusCode, string> BadRequests => new()
    {
        { "/api/v1/reports/sme-participation?from=2026-05-01&to=2026-04-30", HttpStatusCode.BadRequest, "\"from\"" },
        { "/api/v1/reports/subsidies?from=2026-13-01", HttpStatusCode.BadRequest, "from is a date such as" },
        { "/api/v1/reports/subsidies?from=2020-01-01&to=2026-01-01", HttpStatusCode.BadRequest, "\"to\"" },
        { "/api/v1/reports/award-notice", HttpStatusCode.BadRequest, "\"lotId\"" },
        { "/api/v1/reports/declaration", HttpStatusCode.BadRequest, "\"bidId\"" },
        { "/api/v1/reports/opening-record", HttpStatusCode.BadRequest, "\"lotId\"" },
        { $"/api/v1/reports/opening-record?lotId={Guid.Empty}", HttpStatusCode.NotFound, "No published lot" },
        { $"/api/v1/reports/award-notice?lotId={Guid.Empty}", HttpStatusCode.NotFound, "No published lot" },
        { $"/api/v1/reports/declaration?bidId={Guid.Empty}", HttpStatusCode.NotFound, "No bid has this id" },
        { "/api/v1/reports/league-table", HttpStatusCode.NotFound, "kinds are sme-participation, subsidies" },
        { $"/api/v1/reports/effectiveness?systemId={Guid.Empty}", HttpStatusCode.NotFound, "No delivered system has this id" },
        { "/api/v1/reports/effectiveness?from=2026-05-01&to=2026-04-30", HttpStatusCode.BadRequest, "\"from\"" },
        { "/api/v1/reports/effectiveness?systemId=not-a-guid", HttpStatusCode.BadRequest, "systemId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadParametersAnswerAProblemNamingWhatIsWrong(string url, HttpStatusCode status, string containing)
    {
        using var official = await app.CreateClientForAsync("official@demo.local");

        await AssertProblemAsync(await official.GetAsync(url), status, containing);
    }

    [Fact]
    public async Task TheAwardNoticeOfALotNotYetAwardedIsAConflict()
    {
        var openBid = await OpenBidAsync("sme@demo.local");
        var lotId = await app.WithDbAsync(db => db.Bids.Where(b => b.Id == openBid).Select(b => b.LotId).SingleAsync());
        using var visitor = app.CreateHttpClient();

        await AssertProblemAsync(await visitor.GetAsync($"/api/v1/reports/award-notice?lotId={lotId}"), HttpStatusCode.Conflict, "has not been awarded");
    }

    [Fact]
    public async Task ABackgroundRunReportsProgressAndEndsWithTheSamePdfForItsUserOnly()
    {
        await ArrangeAsync(app);
        var officialId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "official@demo.local").Select(u => u.Id).SingleAsync());
        var runs = app.Services.GetRequiredService<ReportRuns>();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

        var run = runs.Start(new ReportRequest(ReportService.SmeParticipation, today.AddMonths(-3), today), officialId, culture: CultureInfo.GetCultureInfo("zh-CN"));
        var inEnglish = runs.Start(new ReportRequest(ReportService.SmeParticipation, today.AddMonths(-3), today), officialId, culture: CultureInfo.GetCultureInfo("en-GB"));

        var done = await runs.FinishedAsync(run);
        Assert.Equal((ReportRunState.Ready, 1.0, null, "zh-CN"), (done.State, done.Progress, done.Error, done.Language));
        Assert.Equal((ReportRunState.Ready, "en"), ((await runs.FinishedAsync(inEnglish)).State, inEnglish.Language));
        Assert.Equal($"sme-participation-{today.AddMonths(-3):yyyyMMdd}-{today:yyyyMMdd}.pdf", done.FileName);
        Assert.Null(runs.Find(run.Id, "someone-else"));
        using var official = await app.CreateClientForAsync("official@demo.local");
        // Each run in the language of the user who asked, whatever the language of the download's request.
        var pdf = await PdfAsync(await official.GetAsync($"/api/v1/reports/runs/{run.Id}"));
        Assert.Contains("中小企业参与及集中度报告", PdfReading.Text(pdf));
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(await PdfAsync(await official.GetAsync($"/api/v1/reports/runs/{inEnglish.Id}")), "SME participation and concentration report");
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/reports/runs/{run.Id}"), HttpStatusCode.NotFound, "No finished report run of yours");
    }

    [Fact]
    public async Task TheOpeningRecordShowsTheLotItsTimesInBeijingTimeAndEachBidderWithStatusPriceReasonAndReceipt()
    {
        Guid lotId;
        DateTimeOffset deadline;
        byte[] smeKey;
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        using (var sme = await app.CreateClientForAsync("sme@demo.local"))
        using (var large = await app.CreateClientForAsync("large@demo.local"))
        {
            var tenderId = await CreateTenderAsync(officer);
            lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
            deadline = app.Clock.GetUtcNow().AddDays(14);
            await PublishAsync(officer, tenderId, deadline);
            (var smeBid, smeKey) = await SealedBids.SubmitAsync(sme, lotId, 812_345.67m, "实施方案：分两期完成。");
            Assert.Equal(HttpStatusCode.Created, smeBid.StatusCode);
            var (largeBid, _) = await SealedBids.SubmitAsync(large, lotId, 640_000m, "大型企业的方案。");
            Assert.Equal(HttpStatusCode.Created, largeBid.StatusCode);

            await AssertProblemAsync(await officer.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"), HttpStatusCode.Conflict, "no opening record before it");
        }
        // sme decrypts its bid in the window; large does not, and its bid is void when the window ends.
        await SealedBids.OpenAsync(app, deadline, lotId, ("sme@demo.local", smeKey));
        var windowEnds = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.OpeningEndsAtUtc!.Value).SingleAsync());
        app.Clock.Advance(windowEnds - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await SealedBids.RunOpeningJobAsync(app);
        using var bidder = await app.CreateClientForAsync("sme@demo.local", language: "zh-CN");
        using var bidderInEnglish = await app.CreateClientForAsync("sme@demo.local");
        using var visitor = app.CreateHttpClient();
        using var evaluator = await app.CreateClientForAsync("evaluator@demo.local");
        using var official = await app.CreateClientForAsync("official@demo.local");
        using var officerNow = await app.CreateClientForAsync("officer@demo.local");

        var pdf = await PdfAsync(await bidder.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"));
        var english = await PdfAsync(await bidderInEnglish.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"));

        await PdfAsync(await official.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"));
        await PdfAsync(await officerNow.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"));
        // The same refusals as the opening record of the API: not public until the award, not for an unassigned evaluator.
        var apiVisitor = await visitor.GetAsync($"/api/v1/lots/{lotId}/opening");
        // The API asks an anonymous visitor to sign in (401); the PDF route refuses it like every report (403).
        Assert.Equal(HttpStatusCode.Unauthorized, apiVisitor.StatusCode);
        await AssertProblemAsync(await visitor.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"), HttpStatusCode.Forbidden, "public once the lot is awarded");
        await AssertProblemAsync(await evaluator.GetAsync($"/api/v1/reports/opening-record?lotId={lotId}"), HttpStatusCode.Forbidden, "for the lot's bidders, officers");

        var lot = await app.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));
        var tender = await app.WithDbAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.Id == lot.TenderId));
        var bids = await app.WithDbAsync(db => db.Bids.AsNoTracking().Where(b => b.LotId == lotId)
            .Join(db.Suppliers, b => b.SupplierId, s => s.Id, (b, s) => new { b.Status, b.Sha256, b.SizeClass, s.Name }).ToListAsync());
        var opened = bids.Single(b => b.Status == BidStatus.Opened);
        var voided = bids.Single(b => b.Status == BidStatus.Void);
        var text = Squeezed(pdf);
        Assert.Contains("开标记录", text);
        AssertShows(text, tender.Title);
        AssertShows(text, $"标段{lot.Number}：{lot.Title}");
        AssertShows(text, "开标时间：" + OpeningRecordReport.BeijingTime(lot.OpeningStartedAtUtc!.Value, ReportReader.Chinese));
        AssertShows(text, "解密截止时间：" + OpeningRecordReport.BeijingTime(lot.OpeningEndsAtUtc!.Value, ReportReader.Chinese));
        Assert.Matches(@"\d{2}:\d{2}:\d{2}北京时间", text);
        AssertShows(text, $"{opened.Name}{Size(opened.SizeClass, ReportReader.Chinese)}已解密{Yuan(812_345.67m)}");
        AssertShows(text, $"{voided.Name}{Size(voided.SizeClass, ReportReader.Chinese)}未解密，视为撤回—");
        AssertShows(text, "投标人在解密时间内未解密的投标视为撤回（《电子招标投标办法》第三十五条）。");
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(english, "Opening record", "Opening began: " + OpeningRecordReport.BeijingTime(lot.OpeningStartedAtUtc!.Value, ReportReader.English),
            $"{opened.Name}{Size(opened.SizeClass, ReportReader.English)}Decrypted{Yuan(812_345.67m)}",
            $"{voided.Name}{Size(voided.SizeClass, ReportReader.English)}Not decrypted, treated as withdrawn—", "Bid receipts (SHA-256 of the sealed bid)", "2Number of bidders");
        AssertShows(text, "2投标人数");
        Assert.Contains(opened.Sha256, text);
        Assert.Contains(voided.Sha256, text);
        Assert.DoesNotContain("640,000.00", text);
        PdfReading.RenderFirstPage(pdf, $"opening-record-{app.Provider}");
        PdfReading.RenderFirstPage(english, $"opening-record-en-{app.Provider}");
    }

    /// <summary>This month (China time) as a report period: the month whose statements the effectiveness tests make.</summary>
    private string ThisMonthQuery
    {
        get
        {
            var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime);
            var first = new DateOnly(month.Year, month.Month, 1);
            return $"from={first:yyyy-MM-dd}&to={first.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        }
    }

    /// <summary>
    /// A contract's system delivered today with a fee of 10,000, this month's observations posted by the officer, and
    /// the month rated by the domain as the job does, at the month's end (the test's clock stays where it is).
    /// </summary>
    private async Task<Guid> RatedSystemAsync(string name, decimal usage, decimal dataLagHours)
    {
        var systemId = await DeliveredSystemAsync(app, name);
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        var month = Period.Of(app.Clock.GetUtcNow().UtcDateTime);
        foreach (var (kpi, value) in new[] { ("usageRate", usage), ("satisfaction", 90m), ("faultRate", 0.5m), ("complaintResponseMinutes", 45m), ("dataLagHours", dataLagHours) })
        {
            var observed = await officer.PostAsJsonAsync($"/api/v1/systems/{systemId}/observations", new { period = month.ToString(), kpi, value });
            Assert.Equal(HttpStatusCode.Created, observed.StatusCode);
        }
        var rule = app.Services.GetRequiredService<IOptions<EffectivenessOptions>>().Value.Rule;
        await app.WithDbAsync(async db =>
        {
            var system = await db.DeliveredSystems.AsNoTracking().SingleAsync(s => s.Id == systemId);
            var observations = await db.KpiObservations.AsNoTracking().Where(o => o.SystemId == systemId).ToListAsync();
            db.MonthlyStatements.Add(MonthlyStatement.Rate(system, month, observations, observations.Max(o => o.RecordedAtUtc), rule, month.EndUtc.AddMinutes(5)));
            return await db.SaveChangesAsync();
        });
        return systemId;
    }

    [Fact]
    public async Task TheEffectivenessReportOfAllSystemsShowsTheDatabasesPaymentsDeductionsAndIdleSystems()
    {
        // Usage 10% against 60%: 2,000 deducted and idle; data 72 h old against 24 h: 1,000 deducted. Payment 7,000.
        await RatedSystemAsync("无人机巡检平台（每月仅飞一次）", usage: 10m, dataLagHours: 72m);
        await RatedSystemAsync("社区养老服务平台", usage: 75m, dataLagHours: 12m);
        using var official = await app.CreateClientForAsync("official@demo.local", language: "zh-CN");
        using var officialInEnglish = await app.CreateClientForAsync("official@demo.local");

        // Arranging a lot moves the clock past the standstill: the two systems may be rated for different months.
        var pdf = await PdfAsync(await official.GetAsync($"/api/v1/reports/effectiveness?{LastYear}"));
        var english = await PdfAsync(await officialInEnglish.GetAsync($"/api/v1/reports/effectiveness?{LastYear}"));
        PdfReading.RenderFirstPage(pdf, $"effectiveness-all-{app.Provider}");

        var now = app.Clock.GetUtcNow();
        var months = ReportingPeriod.Of(DateOnly.Parse(Day(now.AddYears(-1)), CultureInfo.InvariantCulture), DateOnly.Parse(Day(now), CultureInfo.InvariantCulture))
            .Months().Select(m => $"{m.Year:0000}-{m.Month:00}").ToList();
        var statements = (await app.WithDbAsync(db => db.MonthlyStatements.AsNoTracking()
            .Select(s => new { s.SystemId, s.Period, s.MonthlyFeeYuan, s.DeductionYuan, s.PaymentYuan, s.Idle }).ToListAsync()))
            .Where(s => months.Contains(s.Period)).ToList();
        Assert.True(statements.Count >= 2);
        var systems = await app.WithDbAsync(db => db.DeliveredSystems.CountAsync());
        var text = Squeezed(pdf);
        Assert.Contains("系统运行效果评估报告", text);
        AssertShows(text, $"{Count(systems)}运行中系统");
        var idleSystems = Count(statements.Where(s => s.Idle).Select(s => s.SystemId).Distinct().Count());
        AssertShows(text, $"{idleSystems}闲置系统");
        AssertShows(text, Yuan(statements.Sum(s => s.MonthlyFeeYuan)) + "运维费");
        AssertShows(text, Yuan(statements.Sum(s => s.DeductionYuan)) + "扣减");
        AssertShows(text, Yuan(statements.Sum(s => s.PaymentYuan)) + "支付");
        AssertShows(text, "无人机巡检平台（每月仅飞一次）");
        // The reason is a phrase of the domain, written in the report's language like every sentence of it.
        AssertShows(text, "使用率低：使用率 10% 低于闲置阈值");
        AssertShows(text, $"{Yuan(7_000m)}{Yuan(3_000m)}");
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(english, "Effectiveness report on delivered systems", $"{idleSystems}Idle systems", Yuan(statements.Sum(s => s.MonthlyFeeYuan)) + "Fees",
            Yuan(statements.Sum(s => s.PaymentYuan)) + "Payments", "Low usage: ", "Payments and deductions per month");
        Assert.DoesNotContain("闲置阈值", PdfReading.Text(english));
    }

    [Fact]
    public async Task TheEffectivenessReportOfOneSystemShowsItsTargetsBandsDeductionsAndPayment()
    {
        var systemId = await RatedSystemAsync("老旧小区门禁平台", usage: 10m, dataLagHours: 72m);
        using var official = await app.CreateClientForAsync("official@demo.local", language: "zh-CN");
        using var officialInEnglish = await app.CreateClientForAsync("official@demo.local");
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        using var officer = await app.CreateClientForAsync("officer@demo.local");

        var pdf = await PdfAsync(await official.GetAsync($"/api/v1/reports/effectiveness?systemId={systemId}&{ThisMonthQuery}"));
        var english = await PdfAsync(await officialInEnglish.GetAsync($"/api/v1/reports/effectiveness?systemId={systemId}&{ThisMonthQuery}"));
        await PdfAsync(await admin.GetAsync($"/api/v1/reports/effectiveness?systemId={systemId}"));
        await AssertProblemAsync(await officer.GetAsync($"/api/v1/reports/effectiveness?systemId={systemId}"), HttpStatusCode.Forbidden, "for officials and administrators");

        var statement = await app.WithDbAsync(db => db.MonthlyStatements.AsNoTracking().SingleAsync(s => s.SystemId == systemId));
        var text = Squeezed(pdf);
        AssertShows(text, "老旧小区门禁平台");
        AssertShows(text, Yuan(statement.PaymentYuan) + "支付");
        AssertShows(text, Yuan(statement.DeductionYuan) + "扣减");
        AssertShows(text, "1闲置月份");
        AssertShows(text, "使用率≥ 60%10%25%4% / 10% / 20%");
        AssertShows(text, $"{statement.Period}严重偏低 10%达标 90%达标 0.5%达标 45 min严重偏低 72 h");
        AssertShows(text, $"{Yuan(3_000m)}{Yuan(7_000m)}");
        Assert.Equal((3_000m, 7_000m), (statement.DeductionYuan, statement.PaymentYuan));
        AssertShows(text, "指标趋势");
        PdfLanguage.AssertChinese(pdf);
        PdfLanguage.AssertEnglish(english, "Effectiveness report on delivered systems: 老旧小区门禁平台", "1Idle months", "Usage rate≥ 60%10%25%4% / 10% / 20%",
            $"{statement.Period}Far below target 10%Met 90%Met 0.5%Met 45 minFar below target 72 h", "KPI trends against the target", "Usage rate (higher is better)");
        PdfReading.RenderFirstPage(pdf, $"effectiveness-system-{app.Provider}");
        PdfReading.RenderFirstPage(english, $"effectiveness-system-en-{app.Provider}");
    }

    /// <summary>A bid of the user's company on a freshly published lot, before its deadline: the bid's id.</summary>
    private async Task<Guid> OpenBidAsync(string email)
    {
        using var officer = await app.CreateClientForAsync("officer@demo.local");
        using var bidder = await app.CreateClientForAsync(email);
        var tenderId = await CreateTenderAsync(officer);
        var lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
        await PublishAsync(officer, tenderId, app.Clock.GetUtcNow().AddDays(14));
        var (response, _) = await SealedBids.SubmitAsync(bidder, lotId, 700_000m, "实施方案：分两期完成。");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bidId").GetGuid();
    }
}

public sealed class SqliteReportApiTests(SqlitePortalApp app) : ReportApiTests<SqlitePortalApp>(app);

public sealed class PostgresReportApiTests(PostgresPortalApp app) : ReportApiTests<PostgresPortalApp>(app);
