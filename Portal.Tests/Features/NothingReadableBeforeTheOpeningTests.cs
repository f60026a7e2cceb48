using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Data;
using Portal.Features.Reports;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Features.TenderApi;

namespace Portal.Tests.Features;

/// <summary>
/// Before the opening no API answer, log line, notification, job argument, file under the data directory or database
/// dump holds a bid's price, proposal or attachment in plain text (电子招标投标办法 Art. 31): two bidders seal bids whose
/// price, proposal and PDF attachment carry unique markers, then every GET route of the OpenAPI document is called as
/// every role and every answer, file, log line, notification, job and (PostgreSQL) <c>pg_dump</c> is searched for every
/// marker. After the opening the price is found where it is published, so the search is shown to find what it looks for.
/// </summary>
public abstract class NothingReadableBeforeTheOpeningTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump";

    /// <summary>What one bidder sealed, and the markers that must not be readable anywhere before the opening.</summary>
    private sealed record Sealed(string Email, decimal PriceYuan, string ProposalToken, string PdfToken, byte[] Key)
    {
        public IEnumerable<string> Markers =>
        [
            PriceYuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            PriceYuan.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture),
            // In fen, as the portal checks it.
            (PriceYuan * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            ProposalToken,
            PdfToken,
        ];
    }

    private static string Token(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [Fact]
    public async Task NoAnswerFileLogNotificationJobOrDumpHoldsABidsContentBeforeTheOpening()
    {
        // --- Arrange: a lot, its evaluator assigned, two sealed bids with markers in price, proposal and attachment.
        var smeBid = new Sealed("sme@demo.local", 7_654_321.89m, Token("zqprop"), Token("zqpdf"), ReferenceSealer.NewKey());
        var largeBid = new Sealed("large@demo.local", 6_543_210.47m, Token("zqprop"), Token("zqpdf"), ReferenceSealer.NewKey());
        Sealed[] bids = [smeBid, largeBid];
        var markers = bids.SelectMany(b => b.Markers).ToList();
        Guid tenderId, lotId;
        DateTimeOffset deadline;
        var bidIds = new List<Guid>();
        using (var officer = await app.CreateClientForAsync("officer@demo.local"))
        {
            tenderId = await CreateTenderAsync(officer);
            lotId = (await AddLotAsync(officer, tenderId, reservedForSmes: false)).GetProperty("id").GetGuid();
            deadline = app.Clock.GetUtcNow().AddDays(14);
            await PublishAsync(officer, tenderId, deadline);
            var assigned = await officer.PostAsJsonAsync($"/api/v1/lots/{lotId}/evaluators", new { emails = new[] { "evaluator@demo.local" } });
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        }
        foreach (var bid in bids)
        {
            using var bidder = await app.CreateClientForAsync(bid.Email);
            var submitted = await bidder.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids",
                ReferenceSealer.SealBid(bid.Key, lotId, bid.PriceYuan, $"技术方案 {bid.ProposalToken}：分三期实施，报价 {bid.PriceYuan:#,0.00} 元。"));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            bidIds.Add((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bidId").GetGuid());
            var attached = await SealedBids.AttachAsync(bidder, lotId, bid.Key, "技术方案.pdf", TestPdf.Create($"Proposal {bid.ProposalToken} {bid.PdfToken} price {bid.PriceYuan}"));
            Assert.True(attached.IsSuccessStatusCode, await attached.Content.ReadAsStringAsync());
        }
        var ids = await app.WithDbAsync(async db => new
        {
            Attachments = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId).SelectMany(b => b.Attachments.Select(a => a.Id)).ToListAsync(),
            Suppliers = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId).Select(b => b.SupplierId).ToListAsync(),
            Notifications = await db.Notifications.AsNoTracking().OrderByDescending(n => n.CreatedAtUtc).Select(n => n.Id).Take(3).ToListAsync(),
        });
        Assert.Equal(2, ids.Attachments.Count);
        // Whatever the request wrote to the index, before it is searched.
        await app.Services.GetRequiredService<Portal.Search.SupplierIndexer>().EnsureCurrentAsync();

        // --- Every GET route of the OpenAPI document, as every role.
        var candidates = new Dictionary<string, IReadOnlyList<string>>
        {
            ["lots"] = [lotId.ToString()],
            ["tenders"] = [tenderId.ToString()],
            ["bids"] = bidIds.Select(i => i.ToString()).ToList(),
            ["attachments"] = ids.Attachments.Select(i => i.ToString()).ToList(),
            ["suppliers"] = ids.Suppliers.Select(i => i.ToString()).ToList(),
        };
        IReadOnlyList<string> every = [lotId.ToString(), tenderId.ToString(), .. candidates["bids"], .. candidates["attachments"], .. candidates["suppliers"],
            .. ids.Notifications.Select(i => i.ToString())];
        var urls = await GetRoutesAsync(candidates, every, lotId, tenderId, bidIds, ids.Attachments);
        Assert.True(urls.Count > 40, $"only {urls.Count} GET requests made from the OpenAPI document");
        Assert.Contains(urls, u => u.StartsWith($"/api/v1/reports/opening-record?", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith($"/api/v1/lots/{lotId}/bids/{bidIds[0]}/attachments/", StringComparison.Ordinal));

        var hits = new List<string>();
        var answered = 0;
        foreach (var (role, client) in await ClientsAsync())
        {
            using (client)
            {
                foreach (var url in urls)
                {
                    using var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    answered += response.IsSuccessStatusCode ? 1 : 0;
                    Assert.True((int)response.StatusCode < 500, $"{role} GET {url}: {(int)response.StatusCode}\n{app.Errors.Describe()}");
                    hits.AddRange(Find(body, markers).Select(m => $"{role} GET {url} ({(int)response.StatusCode}): {m}"));
                }
            }
        }
        Assert.True(answered > 100, $"only {answered} successful answers");
        // The log as it stands: the searches below put the markers in their own request lines.
        var logLines = app.Log.Lines;
        // The search index: a marker of the proposal finds nothing.
        using (var visitor = app.CreateHttpClient())
        {
            foreach (var token in bids.SelectMany(b => new[] { b.ProposalToken, b.PdfToken }))
            {
                var found = await visitor.GetStringAsync($"/api/v1/lots?q={token}");
                if (found.Contains(lotId.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    hits.Add($"GET /api/v1/lots?q={token} finds the lot: the sealed content is indexed");
                }
            }
        }

        // --- Files under the data directory, the log, notifications, jobs, the database dump.
        hits.AddRange(SearchFiles(markers));
        hits.AddRange(logLines.SelectMany(line => Find(Encoding.UTF8.GetBytes(line), markers).Select(m => $"log line {m}: {line[..Math.Min(line.Length, 300)]}")));
        var notifications = await app.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        hits.AddRange(notifications.SelectMany(n => Find(Encoding.UTF8.GetBytes($"{n.Title}\n{n.Body}\n{n.TitlePhrase}\n{n.BodyPhrase}\n{n.Link}"), markers).Select(m => $"notification {n.Id}: {m}")));
        var jobs = JobTexts();
        hits.AddRange(jobs.SelectMany(j => Find(Encoding.UTF8.GetBytes(j), markers).Select(m => $"job {m}: {j[..Math.Min(j.Length, 300)]}")));
        if (app.Provider == DatabaseProvider.Postgres)
        {
            hits.AddRange(Find(await PgDumpAsync(), markers).Select(m => $"pg_dump: {m}"));
        }

        Assert.True(hits.Count == 0, "Readable before the opening:\n" + string.Join("\n", hits.Distinct().Take(40)));
        // The searches looked at something: the log heard the portal, the jobs include the opening at the deadline.
        Assert.Contains(logLines, l => l.Contains("Portal.", StringComparison.Ordinal));
        Assert.Contains(logLines, l => l.Contains($"/api/v1/lots/{lotId}/bids", StringComparison.Ordinal));
        Assert.Contains(jobs, j => j.Contains("OpeningJob", StringComparison.Ordinal));

        // --- Positive control: after the opening the price is where it is published, and in the database.
        await SealedBids.OpenAsync(app, deadline, lotId, bids.Select(b => (b.Email, b.Key)).ToArray());
        using var officerAfter = await app.CreateClientForAsync("officer@demo.local");
        var record = await officerAfter.GetByteArrayAsync($"/api/v1/lots/{lotId}/opening");
        Assert.Contains("7654321.89", Find(record, markers));
        Assert.Contains("6543210.47", Find(record, markers));
        if (app.Provider == DatabaseProvider.Postgres)
        {
            Assert.Contains("7654321.89", Find(await PgDumpAsync(), markers));
        }
        else
        {
            Assert.Contains(SearchFiles(markers), hit => hit.EndsWith(": 7654321.89", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The GET routes of <c>/openapi/v1.json</c> as URLs: each path parameter filled with the test's ids for the segment
    /// before it (<c>lots/{id}</c> the lot, <c>bids/{bidId}</c> each bid), any other with every id the test knows;
    /// report kinds each; query parameters naming a lot, bid, tender or supplier filled (one URL without them too).
    /// </summary>
    private async Task<List<string>> GetRoutesAsync(Dictionary<string, IReadOnlyList<string>> candidates, IReadOnlyList<string> every,
        Guid lotId, Guid tenderId, IReadOnlyList<Guid> bidIds, IReadOnlyList<Guid> attachmentIds)
    {
        using var anonymous = app.CreateHttpClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var year = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var urls = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get))
            {
                continue;
            }
            var segments = path.Name.Split('/');
            var parameters = new List<(string Name, IReadOnlyList<string> Values)>();
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i] is not ['{', .., '}'])
                {
                    continue;
                }
                var name = segments[i][1..^1];
                IReadOnlyList<string> values = name switch
                {
                    "kind" => ReportService.Kinds,
                    "year" => [year],
                    "bidId" => candidates["bids"],
                    "attachmentId" => candidates["attachments"],
                    _ when i > 0 && candidates.TryGetValue(segments[i - 1], out var known) => known,
                    _ => every,
                };
                parameters.Add((name, values));
            }
            var variants = parameters.Count == 0 ? 1 : parameters.Max(p => p.Values.Count);
            var queryNames = get.TryGetProperty("parameters", out var declared)
                ? declared.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                : [];
            for (var v = 0; v < variants; v++)
            {
                var url = path.Name;
                foreach (var (name, values) in parameters)
                {
                    url = url.Replace("{" + name + "}", values[v % values.Count], StringComparison.Ordinal);
                }
                urls.Add(url);
                var query = Query(queryNames, v, lotId, tenderId, bidIds, attachmentIds);
                if (query.Length > 0)
                {
                    urls.Add(url + "?" + query);
                }
            }
        }
        // The trail of each bid and attachment in full, and the latest entries.
        urls.AddRange(bidIds.Select(b => $"/api/v1/audit?entityType=Bid&entityId={b}"));
        urls.AddRange(attachmentIds.Select(a => $"/api/v1/audit?entityType=Bid.Attachments&entityId={a}"));
        urls.Add("/api/v1/audit?pageSize=200");
        // The lot's page as a visitor's browser first receives it (prerendered).
        urls.Add($"/lots/{lotId}");
        return urls.Distinct().ToList();
    }

    private static string Query(List<string> names, int variant, Guid lotId, Guid tenderId, IReadOnlyList<Guid> bidIds, IReadOnlyList<Guid> attachmentIds)
    {
        var pairs = new List<string>();
        foreach (var name in names)
        {
            var value = name switch
            {
                "lotId" => lotId.ToString(),
                "tenderId" => tenderId.ToString(),
                "bidId" => bidIds[variant % bidIds.Count].ToString(),
                "entityId" => bidIds[variant % bidIds.Count].ToString(),
                "entityType" => "Bid",
                "attachmentId" => attachmentIds[variant % attachmentIds.Count].ToString(),
                "pageSize" => "200",
                _ => null,
            };
            if (value is not null)
            {
                pairs.Add($"{name}={value}");
            }
        }
        return string.Join("&", pairs);
    }

    /// <summary>A client per role: a visitor, the two bidders, an SME without a bid, officer, the assigned evaluator, official, admin.</summary>
    private async Task<List<(string Role, HttpClient Client)>> ClientsAsync()
    {
        var other = $"other-sme-{Guid.NewGuid():N}@example.cn";
        using (var anonymous = app.CreateHttpClient())
        {
            var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email = other, password = PortalApp.DemoPassword });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        return
        [
            ("anonymous", app.CreateHttpClient()),
            ("Sme bidder (small)", await app.CreateClientForAsync("sme@demo.local")),
            ("Sme bidder (large)", await app.CreateClientForAsync("large@demo.local")),
            ("other Sme", await app.CreateClientForAsync(other)),
            ("Officer", await app.CreateClientForAsync("officer@demo.local")),
            ("Evaluator (assigned)", await app.CreateClientForAsync("evaluator@demo.local")),
            ("Official", await app.CreateClientForAsync("official@demo.local")),
            ("Admin", await app.CreateClientForAsync("admin@demo.local")),
        ];
    }

    /// <summary>The markers found in the bytes, in UTF-8 or UTF-16 (as a .NET string or a Windows tool would write it).</summary>
    private static List<string> Find(byte[] haystack, IEnumerable<string> markers) =>
        markers.Where(m => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(m)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(m)) >= 0).ToList();

    /// <summary>Every file under the data directory (database and its -wal/-shm, attachments, index, reports) searched as bytes.</summary>
    private List<string> SearchFiles(IEnumerable<string> markers)
    {
        var hits = new List<string>();
        var files = Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Contains(files, f => f.EndsWith("portal.db", StringComparison.Ordinal));
        }
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            hits.AddRange(Find(bytes, markers).Select(m => $"{Path.GetRelativePath(app.DataDirectory, file)}: {m}"));
        }
        return hits;
    }

    /// <summary>
    /// Every Hangfire job the storage knows (enqueued, scheduled, processing, succeeded, failed, deleted, recurring):
    /// its method, arguments, parameters and state history as text.
    /// </summary>
    private List<string> JobTexts()
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();
        var jobIds = new HashSet<string>();
        foreach (var queue in monitoring.Queues())
        {
            jobIds.UnionWith(monitoring.EnqueuedJobs(queue.Name, 0, 1000).Select(j => j.Key));
            jobIds.UnionWith(monitoring.FetchedJobs(queue.Name, 0, 1000).Select(j => j.Key));
        }
        jobIds.UnionWith(monitoring.ScheduledJobs(0, 1000).Select(j => j.Key));
        jobIds.UnionWith(monitoring.ProcessingJobs(0, 1000).Select(j => j.Key));
        jobIds.UnionWith(monitoring.SucceededJobs(0, 1000).Select(j => j.Key));
        jobIds.UnionWith(monitoring.FailedJobs(0, 1000).Select(j => j.Key));
        jobIds.UnionWith(monitoring.DeletedJobs(0, 1000).Select(j => j.Key));
        var texts = new List<string>();
        foreach (var id in jobIds)
        {
            if (monitoring.JobDetails(id) is not { } details)
            {
                continue;
            }
            var text = new StringBuilder($"{id} {details.Job?.Type.Name}.{details.Job?.Method.Name}(");
            text.AppendJoin(", ", details.Job?.Args.Select(Describe) ?? []).Append(')');
            foreach (var (name, value) in details.Properties ?? new Dictionary<string, string>())
            {
                text.Append($" {name}={value}");
            }
            foreach (var state in details.History ?? new List<Hangfire.Storage.Monitoring.StateHistoryDto>())
            {
                text.Append($" {state.StateName} {state.Reason} {string.Join(",", state.Data.Select(d => $"{d.Key}={d.Value}"))}");
            }
            texts.Add(text.ToString());
        }
        using var connection = storage.GetConnection();
        texts.AddRange(connection.GetRecurringJobs().Select(r => $"recurring {r.Id} {r.Job?.Type.Name}.{r.Job?.Method.Name}({string.Join(", ", r.Job?.Args.Select(Describe) ?? [])})"));
        return texts;

        static string Describe(object? argument) => argument switch
        {
            null => "null",
            CancellationToken => "token",
            string or Guid or DateTime or decimal or int or long or bool => argument.ToString()!,
            _ => JsonSerializer.Serialize(argument),
        };
    }

    /// <summary>The app's PostgreSQL database as <c>pg_dump</c> writes it (plain SQL, every schema: the portal's and Hangfire's).</summary>
    private async Task<byte[]> PgDumpAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(PortalApp.PostgresServer);
        var start = new ProcessStartInfo(PgDump, ["-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", server.Username ?? "postgres", "--no-owner", app.PostgresDatabase!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (server.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await errors}");
        Assert.True(output.Length > 100_000, $"pg_dump wrote only {output.Length} bytes");
        return output.ToArray();
    }
}

/// <summary>A portal that captures every log message, on its own SQLite file.</summary>
public sealed class LoggedSqlitePortalApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override bool CapturesAllLogs => true;
}

/// <summary>A portal that captures every log message, on its own PostgreSQL database.</summary>
public sealed class LoggedPostgresPortalApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override bool CapturesAllLogs => true;
}

public sealed class SqliteNothingReadableBeforeTheOpeningTests(LoggedSqlitePortalApp app) : NothingReadableBeforeTheOpeningTests<LoggedSqlitePortalApp>(app);

public sealed class PostgresNothingReadableBeforeTheOpeningTests(LoggedPostgresPortalApp app) : NothingReadableBeforeTheOpeningTests<LoggedPostgresPortalApp>(app);
