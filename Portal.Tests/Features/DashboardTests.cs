using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Reporting;
using Portal.Domain.Subsidies;
using Portal.Features.Reports;
using Portal.Features.Subsidies;
using Portal.Tests.Infrastructure;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Tests.Features;

/// <summary>
/// The officials' dashboard (<c>/dashboard</c>) over the demo city's history, as the server renders it on SQLite and
/// PostgreSQL: every figure shown is the one the domain computes (<see cref="ParticipationFigures"/>, the subsidy ledger),
/// only officials and administrators reach it, and a bad period is explained.
/// </summary>
public abstract class DashboardTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly ReportingPeriod _history = ReportingPeriod.Of(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31));
    private static readonly ReportingPeriod _year2025 = ReportingPeriod.Of(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
    private static readonly ReportingPeriod _year2026 = ReportingPeriod.Of(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    private async Task<HttpResponseMessage> GetAsync(string email, string query, string language = "en")
    {
        var client = await app.CreateClientForAsync(email);
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.GetAsync("/dashboard" + query);
    }

    private async Task<IDocument> PageAsync(string query, string email = "official@demo.local", string language = "en")
    {
        var response = await GetAsync(email, query, language);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}; the portal logged: {app.Errors.Describe()}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Shown(IParentNode page, string testId) => page.QuerySelector($"[data-testid='{testId}']")!.TextContent.Trim();

    private async Task<ParticipationFigures> FiguresAsync(ReportingPeriod period)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParticipationStatistics>().ReadAsync(period)).Figures;
    }

    [Fact]
    public async Task ShowsTheSmeSharesAndConcentrationThatTheDomainComputesForThePeriod()
    {
        var page = await PageAsync("?from=2025-01-01&to=2026-12-31");

        var figures = await FiguresAsync(_history);
        Assert.Equal(20, figures.Contracts);
        Assert.Equal(Percent(figures.SmeShareOfValue), Shown(page, "sme-share-value"));
        Assert.Equal(Percent(figures.SmeShareOfContracts), Shown(page, "sme-share-contracts"));
        Assert.Equal(Percent(figures.Cr3), Shown(page, "cr3"));
        Assert.Equal(Hhi(figures.Hhi), Shown(page, "hhi"));
        Assert.Equal(figures.HighlyConcentrated ? "true" : "false", page.QuerySelector("[data-testid='hhi-reading']")!.GetAttribute("data-highly-concentrated"));
        var top = page.QuerySelectorAll("[data-testid='top-supplier']");
        Assert.Equal(figures.TopSuppliers(5).Select(s => (s.SupplierId.ToString(), Percent(s.ShareOfValue))),
            top.Select(r => (r.GetAttribute("data-supplier-id")!, Shown(r, "supplier-share"))));
        // Eight calendar quarters, whose contracts add up to the period's.
        var quarters = page.QuerySelectorAll("[data-testid='quarter-row']");
        Assert.Equal(8, quarters.Length);
        Assert.Equal("2025-Q1", quarters[0].GetAttribute("data-quarter"));
        Assert.Equal(figures.Contracts, quarters.Sum(q => int.Parse(q.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)));
        // The charts are drawn on the server: two lines of shares, bars per year and per programme year.
        Assert.Equal(2, page.QuerySelectorAll("[data-testid='participation-trend'] .mud-chart-serie.mud-chart-line").Length);
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid='concentration'] .mud-chart-bar"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid='subsidy-spend'] .mud-chart-bar"));
    }

    [Fact]
    public async Task EachYearsConcentrationIsThatYearsOwnFiguresAndShowsTheLargeFirmsGrip2025()
    {
        var page = await PageAsync("?from=2025-01-01&to=2026-12-31");

        var (in2025, in2026) = (await FiguresAsync(_year2025), await FiguresAsync(_year2026));
        var rows = page.QuerySelectorAll("[data-testid='year-row']").ToDictionary(r => r.GetAttribute("data-year")!);
        Assert.Equal(["2025", "2026"], rows.Keys);
        Assert.Equal(Percent(in2025.Cr3), Shown(rows["2025"], "year-cr3"));
        Assert.Equal(Percent(in2026.Cr3), Shown(rows["2026"], "year-cr3"));
        Assert.StartsWith(Hhi(in2025.Hhi), Shown(rows["2025"], "year-hhi"));
        Assert.Equal(Percent(in2025.SmeShareOfValue), Shown(rows["2025"], "year-sme-share"));
        Assert.Equal(Percent(in2026.SmeShareOfValue), Shown(rows["2026"], "year-sme-share"));
        // The seed's story: three large firms hold most of 2025's value, a highly concentrated year; SMEs gain in 2026.
        Assert.InRange(in2025.Cr3, 0.70m, 0.95m);
        Assert.True(in2025.HighlyConcentrated);
        Assert.EndsWith("▲", Shown(rows["2025"], "year-hhi"));
        Assert.True(in2026.SmeShareOfValue > in2025.SmeShareOfValue);
    }

    [Fact]
    public async Task SubsidySpendIsTheLedgersBudgetCommittedAndRemainingWithWhatWasPaid()
    {
        var page = await PageAsync("?from=2025-01-01&to=2026-12-31");

        await using var scope = app.Services.CreateAsyncScope();
        var ledger = await scope.ServiceProvider.GetRequiredService<SubsidyLedger>().ListAsync(LedgerViewer.Official, new LedgerFilter(null, null, null));
        var paid = await app.WithDbAsync(async db => (await (
                from g in db.SubsidyGrants
                where g.State == GrantState.Disbursed
                join p in db.SubsidyProgrammes on g.ProgrammeId equals p.Id
                select new { p.Year, g.AmountYuan }).ToListAsync())
            .GroupBy(g => g.Year).ToDictionary(g => g.Key, g => g.Sum(x => x.AmountYuan)));
        var rows = page.QuerySelectorAll("[data-testid='subsidy-row']");
        Assert.Equal(ledger.Programmes.Where(p => p.Year is 2025 or 2026).Select(p => p.Year.ToString()).Order(), rows.Select(r => r.GetAttribute("data-year")!));
        foreach (var row in rows)
        {
            var programme = ledger.Programmes.Single(p => p.Year.ToString() == row.GetAttribute("data-year"));
            Assert.Equal(Yuan(programme.AnnualBudgetYuan), Shown(row, "subsidy-budget"));
            Assert.Equal(Yuan(programme.CommittedYuan), Shown(row, "subsidy-committed"));
            Assert.Equal(Yuan(paid.GetValueOrDefault(programme.Year)), Shown(row, "subsidy-disbursed"));
            Assert.Equal(Yuan(programme.RemainingYuan), Shown(row, "subsidy-remaining"));
        }
        Assert.True(paid.Values.Sum() > 0);
        Assert.Equal("reports", page.QuerySelector("[data-testid='report-link']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutAPeriodTheLastTwentyFourMonthsAreShown()
    {
        var page = await PageAsync("");

        var period = ReportingPeriod.LastMonths(24, app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(period.ToString(), page.QuerySelector("[data-testid='participation-trend']")!.GetAttribute("data-period"));
        Assert.Equal(Percent((await FiguresAsync(period)).Cr3), Shown(page, "cr3"));
    }

    [Theory]
    [InlineData("?from=2026-06-01&to=2026-01-01", "en", "from must be on or before to.")]
    [InlineData("?from=2026-13-01&to=2026-12-31", "en", "from is a date such as 2026-01-31.")]
    [InlineData("?from=2019-01-01&to=2026-12-31", "en", "A report covers at most 60 months")]
    [InlineData("?from=2026-06-01&to=2026-01-01", "zh-CN", "起始日期")]
    public async Task ABadPeriodIsExplainedInsteadOfCharted(string query, string language, string message)
    {
        var page = await PageAsync(query, language: language);

        Assert.Contains(message, Shown(page, "period-error"));
        Assert.Empty(page.QuerySelectorAll("[data-testid='concentration']"));
        // The figures that do not depend on the period are still there.
        Assert.NotNull(page.QuerySelector("[data-testid='reserved-share']"));
    }

    /// <summary>A browser's way in: the sign-in form, then the sign-in cookie (no redirects followed).</summary>
    private async Task<HttpClient> SignInWithCookieAsync(string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["Input.Email"] = email,
            ["Input.Password"] = PortalApp.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Theory]
    [InlineData("official@demo.local", true)]
    [InlineData("admin@demo.local", true)]
    [InlineData("officer@demo.local", false)]
    [InlineData("evaluator@demo.local", false)]
    [InlineData("sme@demo.local", false)]
    public async Task OnlyOfficialsAndAdministratorsReachTheDashboard(string email, bool allowed)
    {
        using var browser = await SignInWithCookieAsync(email);

        var response = await browser.GetAsync("/dashboard?from=2025-01-01&to=2025-12-31");

        Assert.True((allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect) == response.StatusCode,
            $"{response.StatusCode}; the portal logged: {app.Errors.Describe()}");
        Assert.Equal(allowed, (await response.Content.ReadAsStringAsync()).Contains("data-testid=\"concentration\"", StringComparison.Ordinal));
        Assert.Equal(allowed, response.Headers.Location?.ToString().Contains("/account/access-denied", StringComparison.Ordinal) != true);
        // An API client with a token is let in or kept out alike.
        var api = await GetAsync(email, "");
        Assert.True(allowed == (api.StatusCode == HttpStatusCode.OK), $"{api.StatusCode} {api.Headers.Location}; the portal logged: {app.Errors.Describe()}");
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        using var visitor = app.CreateHttpClient();

        var response = await visitor.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteDashboardTests(SqliteHistoryApp app) : DashboardTests<SqliteHistoryApp>(app);

public sealed class PostgresDashboardTests(PostgresHistoryApp app) : DashboardTests<PostgresHistoryApp>(app);
