using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Domain.Tenders;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.EndToEnd;

/// <summary>
/// The zh-CN scan: anonymous and every demo role visit each page they reach (the menu's pages and the detail pages the
/// demo data leads to), and no page may show an English sentence — three or more Latin-script words in a row — outside
/// a short list of what stays Latin in a Chinese page: codes and standards (ISO 27001, CMMI, OCDS, PDF, API…), e-mail
/// addresses, URLs, and the proper names the seed data gives in Latin script (companies' and public holidays' English names).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChineseScanTests(BrowserFixture browser, DemoHistoryPortalApp app) : IClassFixture<DemoHistoryPortalApp>
{
    /// <summary>Three or more Latin-script words in a row (words may carry digits, hyphens, apostrophes, dots).</summary>
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9'’.\-]*(?:[ \t,;:()/&]+[A-Za-z][A-Za-z0-9'’.\-]*){2,}")]
    private static partial Regex LatinSentence();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|https?://\S+|/?api/v1/\S*|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{64}\b")]
    private static partial Regex AddressesAndIds();

    /// <summary>Latin text a Chinese page legitimately shows: codes, standards, product and protocol names.</summary>
    private static readonly string[] AllowedTerms =
    [
        "ISO 9001", "ISO 14001", "ISO 27001", "ISO 20000", "ISO/IEC 27001", "ISO/IEC 20000", "CMMI", "MLPS", "ITSS", "OCDS",
        "PDF", "CSV", "API", "KPI", "HHI", "CR3", "NB-IoT", "LoRaWAN", "IoT", "GIS", "AI", "SME", "UTC+8", "X-Api-Key",
        "English", "GB/T", "Open Contracting Data Standard", Portal.Features.Effectiveness.Observations.CsvHeader, Portal.Domain.Calendar.CalendarCsv.Header,
    ];

    private sealed record Visit(string Role, string Path);

    [Fact]
    public async Task NoPageARoleReachesShowsAnEnglishSentenceInChinese()
    {
        var ids = await DemoIdsAsync(app);
        // The demo SME is invited to the open lot, so its notifications page has a message to read in Chinese.
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            var invited = await officer.PostAsJsonAsync($"/api/v1/lots/{ids.OpenLot}/invitations", new { supplierId = ids.SmeSupplier });
            Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        }
        var allowed = await SeedNamesAsync(app);
        string[] publicPages = ["/", "/lots", "/suppliers", $"/suppliers/{ids.Supplier}", $"/lots/{ids.OpenLot}", $"/lots/{ids.AwardedLot}"];
        var byRole = new (string Role, string? Email, string[] Paths)[]
        {
            ("anonymous", null, [.. publicPages, "/account/login", "/account/register"]),
            ("sme", "sme@demo.local",
                [.. publicPages, "/supplier/profile", "/lots/for-you", "/alerts", "/subsidies/mine", "/notifications", "/systems", $"/systems/{ids.System}"]),
            ("large", "large@demo.local", ["/", "/supplier/profile", "/lots/for-you", $"/lots/{ids.ReservedLot}", "/subsidies/mine", "/notifications"]),
            ("officer", "officer@demo.local",
            [
                .. publicPages, "/tenders", "/tenders/new", $"/tenders/{ids.Tender}", $"/lots/{ids.OpenLot}/matches",
                $"/lots/{ids.AwardedLot}/evaluation", $"/lots/{ids.AwardedLot}/contract", "/systems", $"/systems/{ids.System}", "/open-data/import",
                "/notifications",
            ]),
            ("evaluator", "evaluator@demo.local", ["/", "/evaluation", $"/evaluation/lots/{ids.EvaluatedLot}", "/lots"]),
            ("official", "official@demo.local",
                ["/", "/dashboard", "/subsidies", "/reports", "/audit", "/systems", $"/systems/{ids.System}", $"/lots/{ids.AwardedLot}", "/suppliers"]),
            ("admin", "admin@demo.local",
                ["/", "/admin/users", "/admin/search-index", "/admin/claims", "/admin/calendar", "/reports", "/dashboard", "/audit", "/systems", "/open-data/import"]),
        };

        var findings = new List<string>();
        var visited = 0;
        foreach (var (role, email, paths) in byRole)
        {
            var page = await browser.NewPageAsync("zh-CN", app);
            if (email is not null)
            {
                await SignInTests.SignInAsync(page, email, PortalApp.DemoPassword);
            }
            foreach (var path in paths)
            {
                var text = await ReadAsync(page, path);
                visited++;
                if (!path.StartsWith("/account/", StringComparison.Ordinal) && new Uri(page.Url).AbsolutePath is var reached
                    && (reached.StartsWith("/account/", StringComparison.Ordinal) || reached == "/not-found" || text.Contains("抱歉，您访问的页面不存在。", StringComparison.Ordinal)))
                {
                    findings.Add($"{role} {path}: not reached ({reached})");
                }
                if (role == "sme" && path == $"/lots/{ids.OpenLot}")
                {
                    // The lot page as an SME reads it in Chinese: its requirements and eligibility reasons, China time.
                    Assert.Contains("北京时间", text);
                    await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "lot-zh-sme.png"), FullPage = true });
                }
                if ((role, path) == ("sme", "/notifications"))
                {
                    // The invitation saved above reads in the reader's language, its deadline in China time.
                    Assert.Contains("投标邀请：", text);
                    Assert.Contains("北京时间", text);
                }
                findings.AddRange(LatinSentences(text, allowed).Select(s => $"{role} {path}: “{s}”"));
            }
            await page.Context.CloseAsync();
        }

        var report = Path.Combine(BrowserFixture.ScreenshotDirectory, "zh-cn-scan.txt");
        await File.WriteAllTextAsync(report, $"{visited} pages visited; {findings.Count} Latin-script sentences:\n" + string.Join("\n", findings.Distinct()), Encoding.UTF8);
        Assert.True(findings.Count == 0, $"English on zh-CN pages ({findings.Count}, also in {report}):\n" + string.Join("\n", findings.Distinct()));
    }

    /// <summary>The page's text once it has loaded its data (no progress bar left).</summary>
    private static async Task<string> ReadAsync(IPage page, string path)
    {
        if (path.StartsWith("/account/", StringComparison.Ordinal))
        {
            // The sign-in and registration pages are static forms, without a circuit.
            await page.GotoAsync(path);
        }
        else
        {
            await page.OpenAsync(path);
        }
        await Assertions.Expect(page.Locator(".mud-progress-linear-indeterminate, .mud-progress-circular")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^zh"));
        // The audit trail quotes stored values verbatim ([data-stored-value]): evidence of what was saved, not the portal
        // speaking, so they are left out (their field names and everything around them are read).
        return await page.EvaluateAsync<string>("""
            () => {
                const quoted = [...document.querySelectorAll('[data-stored-value]')];
                quoted.forEach(e => e.style.display = 'none');
                const text = document.body.innerText;
                quoted.forEach(e => e.style.display = '');
                return text;
            }
            """);
    }

    internal static IEnumerable<string> LatinSentences(string text, IReadOnlyCollection<string> allowed)
    {
        var cleaned = AddressesAndIds().Replace(text, " ");
        foreach (var term in allowed.Concat(AllowedTerms).OrderByDescending(t => t.Length))
        {
            // A whole term only: "SME" goes, "SMEs" (an English plural in a sentence) stays to be found.
            cleaned = Regex.Replace(cleaned, $@"(?<![A-Za-z]){Regex.Escape(term)}(?![A-Za-z])", " ");
        }
        return LatinSentence().Matches(cleaned).Select(m => m.Value.Trim()).Distinct();
    }

    private sealed record DemoIds(Guid OpenLot, Guid ReservedLot, Guid AwardedLot, Guid EvaluatedLot, Guid Tender, Guid Supplier, Guid SmeSupplier, Guid System);

    /// <summary>Detail pages the demo data leads to: an open lot (and a reserved one), an awarded lot, its tender, a supplier, a delivered system.</summary>
    private static Task<DemoIds> DemoIdsAsync(PortalApp app) => app.WithDbAsync(async db =>
    {
        var open = await db.Lots.AsNoTracking().Where(l => l.Status == LotStatus.Open).OrderBy(l => l.Number).ToListAsync();
        var contracted = await db.Contracts.AsNoTracking().Select(c => c.LotId).FirstAsync();
        var evaluator = await db.Users.Where(u => u.Email == "evaluator@demo.local").Select(u => u.Id).SingleAsync();
        var evaluated = await db.EvaluationSheets.AsNoTracking().Where(s => s.EvaluatorUserId == evaluator).Select(s => s.LotId).FirstAsync();
        var supplier = await db.Suppliers.AsNoTracking().Where(s => s.OwnerUserId != null).Select(s => s.Id).FirstAsync();
        var system = await db.DeliveredSystems.AsNoTracking().Select(s => s.Id).FirstAsync();
        var sme = await db.Users.Where(u => u.Email == "sme@demo.local").Select(u => u.Id).SingleAsync();
        var smeSupplier = await db.Suppliers.AsNoTracking().Where(s => s.OwnerUserId == sme).Select(s => s.Id).SingleAsync();
        return new DemoIds(open.First(l => !l.ReservedForSmes).Id, open.First(l => l.ReservedForSmes).Id, contracted, evaluated,
            open[0].TenderId, supplier, smeSupplier, system);
    });

    /// <summary>The proper names the seed data writes in Latin script: companies' English names and their own words.</summary>
    private static Task<List<string>> SeedNamesAsync(PortalApp app) => app.WithDbAsync(async db =>
        (await db.Suppliers.AsNoTracking().Where(s => s.NameEn != null).Select(s => s.NameEn!).ToListAsync())
            .Concat((await db.WorkingDayCalendars.AsNoTracking().ToListAsync()).SelectMany(c => c.Days).Select(d => d.NameEn).Distinct())
            .Where(n => n.Length > 0).ToList());
}

/// <summary>
/// The portal as a newcomer starts it: the demo data with the city's past procurements (awards, contracts, delivered
/// systems, subsidy grants) and the neighbouring district's open data, so every detail page has something to show.
/// </summary>
public sealed class DemoHistoryPortalApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Seed:History", "true"), ("Seed:OpenData", "true")];
}
