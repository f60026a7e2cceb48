using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;
using Portal.Domain.Bids;
using Portal.Domain.Suppliers;

namespace Portal.Benchmarks;

/// <summary>
/// <c>benchmark deadline-rush</c>: the last minute before a bidding deadline and the opening after it, against a real
/// portal. The portal runs as a child process (the same Release build, <c>--urls http://127.0.0.1:port</c>, production
/// environment) on a fresh data directory with SQLite, then on a fresh PostgreSQL database: its memory, GC heap and
/// processor time are then its own, not mixed with the load generator's, and its thread pool serves only requests.
/// Setup (accounts, profiles, the lot) goes through the API and is not measured. The deadline is real, a little over
/// <c>--rush-seconds</c> ahead (<c>Procurement:MinimumBiddingPeriod</c> is lowered for the run): the bids arrive
/// open-loop (each bidder starts when its time comes, whatever the others are doing), about 70% spread over the
/// minute and 30% bursting in its last ten seconds; each seals its bid and a PDF under its own key, then posts the
/// bid and the attachment. After the deadline the portal's own job begins the opening (Hangfire, polled every
/// second for the run) and every bidder unseals.
/// </summary>
internal static class DeadlineRushBenchmark
{
    private const string Password = "Bench#Rush2026";
    private const string OfficerEmail = "officer@demo.local";
    private const string OfficerPassword = "Demo#2026";
    private const int SetupParallelism = 4;
    private const int WarmupBids = 5;

    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    private static readonly object[] _criteria =
    [
        new { name = "Price", weight = 30, isPrice = true },
        new { name = "Technical solution", weight = 50, isPrice = false },
        new { name = "Service", weight = 20, isPrice = false },
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = DeadlineRushOptions.Parse(args, Environment.GetEnvironmentVariable, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(DeadlineRushOptions.Usage);
            return 2;
        }
        var root = options.OutputDirectory is { } output
            ? Path.GetFullPath(output)
            : Path.Combine(Path.GetTempPath(), "portal-deadline-rush", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        Console.WriteLine($"deadline-rush: {options.Bidders} bidders, {options.AttachmentMegabytes.ToString(_invariant)} MB sealed PDF each, "
            + $"arrivals over the last {options.RushSeconds} s, unseal over {options.UnsealSeconds} s; seed {options.Seed}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical processors, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
        Console.WriteLine($"data under {root}");

        var results = new List<RushResult>();
        try
        {
            if (!options.SkipSqlite)
            {
                results.Add(await RunOneAsync(DatabaseProvider.Sqlite, options, root));
            }
            if (options.PostgresConnectionString is { } server)
            {
                results.Add(await RunOneAsync(DatabaseProvider.Postgres, options, root, server));
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
        finally
        {
            if (options.OutputDirectory is null)
            {
                TryDelete(root);
            }
        }
        Console.WriteLine();
        Console.WriteLine(RushResult.Table(results));
        return results.All(r => r.Passed) ? 0 : 1;
    }

    private static async Task<RushResult> RunOneAsync(DatabaseProvider provider, DeadlineRushOptions options, string root, string? postgresServer = null)
    {
        Console.WriteLine();
        Console.WriteLine($"== {provider} ==");
        var dataDirectory = Path.Combine(root, provider.ToString().ToLowerInvariant());
        Directory.CreateDirectory(dataDirectory);
        string connectionString;
        string? database = null;
        if (provider == DatabaseProvider.Postgres)
        {
            database = $"portal_rush_{Guid.NewGuid():N}";
            connectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        }
        var result = new RushResult(provider, options);
        result.LoadAtStart = LoadAverage();
        await using var portal = await ChildPortal.StartAsync(provider, connectionString, dataDirectory);
        try
        {
            using var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
            var started = Stopwatch.StartNew();
            await portal.WaitUntilReadyAsync(http);
            Console.WriteLine($"portal ready on {portal.BaseAddress} after {started.Elapsed.TotalSeconds:0.0} s");

            // ---- setup (not measured)
            var setup = Stopwatch.StartNew();
            var officer = await TokenAsync(http, OfficerEmail, OfficerPassword);
            var bidders = new Bidder[options.Bidders];
            var progress = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Bidders), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, ct) =>
            {
                bidders[i] = await NewBidderAsync(http, i, options.Seed);
                if (Interlocked.Increment(ref progress) % 100 == 0)
                {
                    Console.WriteLine($"  {progress} bidders with profiles ({setup.Elapsed.TotalSeconds:0} s)");
                }
            });
            var (warmTender, warmLot) = await CreateLotAsync(http, officer, "预热标段");
            await PublishAsync(http, officer, warmTender, DateTimeOffset.UtcNow.AddHours(2));
            var document = SyntheticPdf((int)(options.AttachmentMegabytes * 1024 * 1024));
            // A few bids on another lot first, so that the measured ones meet a warmed-up server (JIT, pools), as a
            // portal that has been up for a while would be.
            for (var i = 0; i < Math.Min(WarmupBids, bidders.Length); i++)
            {
                var warm = await SubmitAsync(http, bidders[i], warmLot, document, i);
                if (warm.BidStatus is not (201 or 200) || warm.AttachStatus != 201)
                {
                    throw new InvalidOperationException($"Warm-up bid refused: bid {warm.BidStatus}, attachment {warm.AttachStatus}. Portal log: {portal.LogPath}");
                }
            }
            var (tender, lotId) = await CreateLotAsync(http, officer, "标段1：人脸识别门禁（截止压测）");
            // Time for the portal's reaction to the publication (the alert job tells every matching supplier) to end
            // before the rush: in real life the deadline is days after the publication.
            var deadline = DateTimeOffset.UtcNow.AddSeconds(options.RushSeconds + 20);
            deadline = new DateTimeOffset(deadline.Ticks - deadline.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            await PublishAsync(http, officer, tender, deadline);
            Console.WriteLine($"setup {setup.Elapsed.TotalSeconds:0.0} s; lot {lotId}, deadline {deadline:HH:mm:ss} UTC");

            // ---- the rush
            var rng = new Random(options.Seed);
            var arrivals = ArrivalOffsets(rng, options.Bidders, options.RushSeconds);
            var rushStart = deadline.AddSeconds(-options.RushSeconds);
            var quiet = await portal.WaitUntilQuietAsync(rushStart.AddSeconds(-1));
            Console.WriteLine(quiet is { } idleCpu ? $"portal quiet before the rush ({idleCpu.TotalMilliseconds:0} ms CPU in the last second)" : "portal still busy when the rush began");
            await DelayUntil(rushStart);
            result.LoadAtRush = LoadAverage();
            portal.Measuring = true;
            var cpuBefore = portal.ProcessorTime();
            var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var submissions = new List<Task<Submission>>(options.Bidders);
            var lag = TimeSpan.Zero;
            for (var i = 0; i < options.Bidders; i++)
            {
                var wait = arrivals[i] - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                lag = Max(lag, clock.Elapsed - arrivals[i]);
                var (bidder, price) = (bidders[i], 100_000m + rng.Next(0, 800_000));
                submissions.Add(Task.Run(() => SubmitAsync(http, bidder, lotId, document, price)));
            }
            var submitted = await Task.WhenAll(submissions);
            result.RushCpu = portal.ProcessorTime() - cpuBefore;
            result.RushClientCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore;
            result.RushElapsed = clock.Elapsed;
            result.DispatchLag = lag;
            result.LastSubmitDone = submitted.Max(s => s.DoneAt) - deadline;
            result.Submissions.AddRange(submitted);
            result.LoadAtRushEnd = LoadAverage();
            Console.WriteLine($"rush done: {submitted.Count(s => s.Ok)} of {submitted.Length} bids with their PDF; last answer {result.LastSubmitDone.TotalSeconds:+0.0;-0.0} s from the deadline");

            // ---- the opening
            await DelayUntil(deadline.AddMilliseconds(200));
            var opening = Stopwatch.StartNew();
            string status;
            while ((status = await LotStatusAsync(http, lotId)) == "open")
            {
                if (opening.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"The opening did not begin within 2 minutes of the deadline. Portal log: {portal.LogPath}");
                }
                await Task.Delay(100);
            }
            result.OpeningBegunAfter = DateTimeOffset.UtcNow - deadline;
            Console.WriteLine($"lot is '{status}' {result.OpeningBegunAfter.TotalSeconds:0.0} s after the deadline");

            // ---- unseal
            var ok = submitted.Where(s => s.Ok).ToList();
            var unsealAt = ok.Select(_ => TimeSpan.FromSeconds(rng.NextDouble() * options.UnsealSeconds)).Order().ToArray();
            cpuBefore = portal.ProcessorTime();
            clock.Restart();
            var unseals = new List<Task<Unseal>>(ok.Count);
            for (var i = 0; i < ok.Count; i++)
            {
                var wait = unsealAt[i] - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                var submission = ok[i];
                unseals.Add(Task.Run(() => UnsealAsync(http, submission, lotId)));
            }
            var unsealed = await Task.WhenAll(unseals);
            result.UnsealCpu = portal.ProcessorTime() - cpuBefore;
            result.UnsealElapsed = clock.Elapsed;
            result.Unseals.AddRange(unsealed);
            portal.Measuring = false;
            result.LoadAtEnd = LoadAverage();
            result.FinalLotStatus = await LotStatusAsync(http, lotId);
            Console.WriteLine($"unseal done: {unsealed.Count(u => u.Status == 200)} of {unsealed.Length} answered 200; lot is '{result.FinalLotStatus}'");

            // ---- what the database holds
            result.BidsByStatus = await CountBidsAsync(provider, connectionString, lotId);
            result.Memory = portal.Memory();
            result.ServerErrorsLogged = portal.ErrorLines;
            result.LogPath = portal.LogPath;
            Console.WriteLine(result.Summary());
            return result;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"{provider} run failed: {ex.Message}");
            Console.Error.WriteLine($"portal log: {portal.LogPath}");
            foreach (var line in portal.LogTail())
            {
                Console.Error.WriteLine("  | " + line);
            }
            throw;
        }
        finally
        {
            await portal.StopAsync();
            if (database is not null)
            {
                await DropDatabaseAsync(postgresServer!, database);
            }
        }
    }

    /// <summary>Open-loop arrival times over the rush: 70% uniform over all but its last 12 s, 30% in the 10 s before the last 2.</summary>
    private static TimeSpan[] ArrivalOffsets(Random rng, int count, int rushSeconds)
    {
        var burst = count * 3 / 10;
        var body = rushSeconds - 12.0;
        return Enumerable.Range(0, count)
            .Select(i => i < count - burst ? rng.NextDouble() * body : body + rng.NextDouble() * 10.0)
            .Order().Select(TimeSpan.FromSeconds).ToArray();
    }

    // ------------------------------------------------------------------ one bidder's requests

    private sealed record Bidder(int Index, string Email, string Token);

    private sealed record Submission(Bidder Bidder, byte[] Key, int BidStatus, int AttachStatus, double BidMs, double AttachMs, double TotalMs, DateTimeOffset DoneAt, string? Problem)
    {
        public bool Ok => BidStatus is 201 or 200 && AttachStatus == 201;
    }

    private sealed record Unseal(int Status, double Ms, string? OpenedAs, string? Problem);

    private static async Task<Submission> SubmitAsync(HttpClient http, Bidder bidder, Guid lotId, byte[] document, decimal priceYuan)
    {
        // Sealing is the bidder's work on its own device: done before the clock starts.
        var key = RandomNumberGenerator.GetBytes(SealedEnvelope.KeyBytes);
        var envelope = SealedEnvelope.Seal(key, new BidContent(priceYuan, $"技术方案（投标人 {bidder.Index}）：人脸识别门禁与适老化改造，含三年运维。").ToPlaintext(), SealedEnvelope.BidAad(lotId));
        var fileName = $"technical-proposal-{bidder.Index:D4}.pdf";
        var upload = SealedEnvelope.Seal(key, document, SealedEnvelope.AttachmentAad(lotId, fileName)).ToUpload();
        var body = JsonContent.Create(new { @sealed = new { format = SealedEnvelope.Format, iv = Convert.ToBase64String(envelope.Iv), ciphertext = Convert.ToBase64String(envelope.Ciphertext) } });

        var start = Stopwatch.GetTimestamp();
        var (bidStatus, bidProblem) = await SendAsync(http, bidder.Token, HttpMethod.Post, $"/api/v1/lots/{lotId}/bids", body);
        var bidMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (bidStatus is not (201 or 200))
        {
            return new Submission(bidder, key, bidStatus, 0, bidMs, 0, bidMs, DateTimeOffset.UtcNow, bidProblem);
        }
        var form = new MultipartFormDataContent
        {
            { new StringContent(fileName), "fileName" },
            { new ByteArrayContent(upload), "file", "sealed.bin" },
        };
        var attachStart = Stopwatch.GetTimestamp();
        var (attachStatus, attachProblem) = await SendAsync(http, bidder.Token, HttpMethod.Post, $"/api/v1/lots/{lotId}/bids/mine/attachments", form);
        var attachMs = Stopwatch.GetElapsedTime(attachStart).TotalMilliseconds;
        return new Submission(bidder, key, bidStatus, attachStatus, bidMs, attachMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds, DateTimeOffset.UtcNow, attachProblem);
    }

    private static async Task<Unseal> UnsealAsync(HttpClient http, Submission submission, Guid lotId)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lots/{lotId}/bids/mine/unseal")
        {
            Content = JsonContent.Create(new { key = Convert.ToBase64String(submission.Key) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", submission.Bidder.Token);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string? openedAs = null;
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(text);
                openedAs = json.RootElement.GetProperty("status").GetString();
            }
            return new Unseal((int)response.StatusCode, ms, openedAs, response.IsSuccessStatusCode ? null : Trim(text));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Unseal(0, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Sends one request and reads its whole answer; status 0 when the connection failed or timed out.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient http, string token, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : Trim(text));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;

    // ------------------------------------------------------------------ setup through the API

    private static async Task<Bidder> NewBidderAsync(HttpClient http, int index, int seed)
    {
        var email = $"rush-{index:D4}@bench.test";
        await ExpectAsync(await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password }), HttpStatusCode.Created);
        var token = await TokenAsync(http, email, Password);
        var rng = new Random(HashCode.Combine(seed, index));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/suppliers")
        {
            Content = JsonContent.Create(new
            {
                name = $"杭州压测{index:D4}号智能科技有限公司",
                creditCode = CreditCodeFor(rng),
                industry = "software_it_services",
                employees = 10 + rng.Next(0, 90),
                revenueYuan = 2_000_000m + rng.Next(0, 20_000_000),
                assetsYuan = 1_000_000m + rng.Next(0, 9_000_000),
                region = "杭州市",
                capabilities = "人脸识别门禁、适老化改造、社区智慧安防系统集成与运维。",
                categories = new[] { "community-apps" },
                certifications = new[] { new { name = "ISO 27001", validUntil = "2029-06-30" } },
                pastProjects = new[] { new { title = "社区门禁改造", client = "杭州市某街道办事处", valueYuan = 1_200_000m, completedOn = "2026-03-31", description = "30 个小区出入口" } },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await ExpectAsync(await http.SendAsync(request), HttpStatusCode.Created);
        return new Bidder(index, email, token);
    }

    private static string CreditCodeFor(Random rng)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91330106" + string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[rng.Next(alphabet.Length)]));
        return body + CreditCode.CheckCharacter(body);
    }

    private static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<(Guid Tender, Guid Lot)> CreateLotAsync(HttpClient http, string officer, string lotTitle)
    {
        var tender = await PostForIdAsync(http, officer, "/api/v1/tenders", new
        {
            title = "上城区老旧小区智能门禁改造（截止压测）",
            description = "老旧小区出入口人脸识别门禁与适老化改造。",
            buyer = "杭州市上城区住房和城乡建设局",
            budgetYuan = 1_800_000m,
            category = "community-apps",
        });
        var lot = await PostForIdAsync(http, officer, $"/api/v1/tenders/{tender}/lots", new
        {
            title = lotTitle,
            description = "40个小区出入口的人脸识别门禁，含大字版界面与语音提示。",
            valueYuan = 900_000m,
            reservedForSmes = false,
            requirements = Array.Empty<object>(),
            criteria = _criteria,
        });
        return (tender, lot);
    }

    private static async Task PublishAsync(HttpClient http, string officer, Guid tender, DateTimeOffset deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenders/{tender}/publish") { Content = JsonContent.Create(new { deadline }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", officer);
        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Publishing refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<Guid> PostForIdAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: "
                + $"{(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync())}");
        }
    }

    private static async Task<string> LotStatusAsync(HttpClient http, Guid lotId)
    {
        var lot = await http.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{lotId}");
        return lot.GetProperty("status").GetString()!;
    }

    /// <summary>A PDF of exactly <paramref name="bytes"/> (header, one empty page, a comment as padding, %%EOF).</summary>
    private static byte[] SyntheticPdf(int bytes)
    {
        var head = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n%");
        var tail = Encoding.ASCII.GetBytes("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        var pdf = new byte[Math.Max(bytes, head.Length + tail.Length)];
        head.CopyTo(pdf, 0);
        new Random(7).NextBytes(pdf.AsSpan(head.Length, pdf.Length - head.Length - tail.Length));
        // Comment bytes must not end the comment line early: keep them printable.
        for (var i = head.Length; i < pdf.Length - tail.Length; i++)
        {
            pdf[i] = (byte)(0x21 + pdf[i] % 94);
        }
        tail.CopyTo(pdf, pdf.Length - tail.Length);
        return pdf;
    }

    // ------------------------------------------------------------------ the database afterwards

    private static async Task<SortedDictionary<string, int>> CountBidsAsync(DatabaseProvider provider, string connectionString, Guid lotId)
    {
        PortalDbContext db = provider == DatabaseProvider.Postgres
            ? new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connectionString).Options)
            : new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);
        await using (db)
        {
            var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId).ToListAsync();
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var group in bids.GroupBy(b => b.Status.ToString().ToLowerInvariant()))
            {
                counts[group.Key] = group.Count();
            }
            counts["with 1 attachment"] = bids.Count(b => b.Attachments.Count == 1);
            return counts;
        }
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    // ------------------------------------------------------------------ helpers

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task DelayUntil(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // ------------------------------------------------------------------ the portal under test

    /// <summary>The portal as a child process: its own log file, memory samples and GC figures (see <see cref="ProcessStatsReporter"/>).</summary>
    private sealed class ChildPortal : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StreamWriter _log;
        private readonly object _gate = new();
        private readonly Queue<string> _tail = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampler;
        private long _peakWorkingSet, _peakWorkingSetMeasured, _peakHeapMeasured, _peakCommittedMeasured, _gcPauseAtStart = -1, _gcPauseLast;
        private string _gcAtStart = "", _gcLast = "";

        private ChildPortal(Process process, string logPath, Uri baseAddress)
        {
            _process = process;
            LogPath = logPath;
            BaseAddress = baseAddress;
            _log = new StreamWriter(logPath) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _sampler = Task.Run(SampleAsync);
        }

        public Uri BaseAddress { get; }

        public string LogPath { get; }

        /// <summary>Set from the start of the rush to the end of the unsealing: the peaks reported are those of this stretch.</summary>
        public bool Measuring { get; set; }

        public int ErrorLines { get; private set; }

        public static Task<ChildPortal> StartAsync(DatabaseProvider provider, string connectionString, string dataDirectory)
        {
            var port = FreePort();
            var host = Environment.ProcessPath!;
            var start = new ProcessStartInfo(host)
            {
                WorkingDirectory = Environment.CurrentDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(DeadlineRushBenchmark).Assembly.Location);
            }
            string[] settings =
            [
                "--urls", $"http://127.0.0.1:{port}",
                $"--Database:Provider={provider}",
                $"--ConnectionStrings:Portal={connectionString}",
                $"--Storage:DataDirectory={dataDirectory}",
                // A deadline a minute ahead; the demo officer publishes the lot; no seeded history to load.
                "--Procurement:MinimumBiddingPeriod=00:00:10",
                "--Seed:History=false",
                "--Seed:OpenData=false",
                // The opening job scheduled for the deadline runs within a second of it.
                "--Jobs:SchedulePollingInterval=00:00:01",
                $"--{ProcessStatsReporter.Setting}=true",
            ];
            foreach (var setting in settings)
            {
                start.ArgumentList.Add(setting);
            }
            // The Release build in production mode, whatever environment `dotnet run` gave this process.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
            return Task.FromResult(new ChildPortal(process, Path.Combine(dataDirectory, "portal.log"), new Uri($"http://127.0.0.1:{port}")));
        }

        public async Task WaitUntilReadyAsync(HttpClient http)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before answering.");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(BaseAddress, "/api/v1/lots"));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                if (waited.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new TimeoutException("The portal did not answer within 3 minutes.");
                }
                await Task.Delay(250);
            }
        }

        /// <summary>Waits until the portal uses under 10% of one processor over a second; its CPU then, or null when <paramref name="until"/> came first.</summary>
        public async Task<TimeSpan?> WaitUntilQuietAsync(DateTimeOffset until)
        {
            while (DateTimeOffset.UtcNow.AddSeconds(1) < until)
            {
                var before = ProcessorTime();
                await Task.Delay(1000);
                var used = ProcessorTime() - before;
                if (used < TimeSpan.FromMilliseconds(100))
                {
                    return used;
                }
            }
            return null;
        }

        public TimeSpan ProcessorTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        public MemoryFigures Memory()
        {
            _process.Refresh();
            lock (_gate)
            {
                return new MemoryFigures(Math.Max(_peakWorkingSet, _process.PeakWorkingSet64), _peakWorkingSetMeasured, _peakHeapMeasured, _peakCommittedMeasured,
                    _gcAtStart, _gcLast, _gcPauseAtStart < 0 ? 0 : _gcPauseLast - _gcPauseAtStart);
            }
        }

        public IReadOnlyList<string> LogTail()
        {
            lock (_gate)
            {
                return [.. _tail];
            }
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_gate)
            {
                if (line.StartsWith(ProcessStatsReporter.Prefix, StringComparison.Ordinal))
                {
                    var fields = line[ProcessStatsReporter.Prefix.Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
                    var gc = $"gen0 {fields["gen0"]} / gen1 {fields["gen1"]} / gen2 {fields["gen2"]}";
                    _gcLast = gc;
                    _gcPauseLast = long.Parse(fields["pause"], _invariant);
                    if (Measuring)
                    {
                        if (_gcPauseAtStart < 0)
                        {
                            (_gcAtStart, _gcPauseAtStart) = (gc, _gcPauseLast);
                        }
                        _peakHeapMeasured = Math.Max(_peakHeapMeasured, long.Parse(fields["heap"], _invariant));
                        _peakCommittedMeasured = Math.Max(_peakCommittedMeasured, long.Parse(fields["committed"], _invariant));
                    }
                    return;
                }
                if (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal))
                {
                    ErrorLines++;
                }
                _log.WriteLine(line);
                _tail.Enqueue(line);
                if (_tail.Count > 40)
                {
                    _tail.Dequeue();
                }
            }
        }

        private async Task SampleAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    if (_process.HasExited)
                    {
                        return;
                    }
                    _process.Refresh();
                    var workingSet = _process.WorkingSet64;
                    lock (_gate)
                    {
                        _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
                        if (Measuring)
                        {
                            _peakWorkingSetMeasured = Math.Max(_peakWorkingSetMeasured, workingSet);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (InvalidOperationException)
            {
                // The process went away between the check and the read.
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _sampler;
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process.Dispose();
            await _log.DisposeAsync();
            _stop.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    internal sealed record MemoryFigures(long PeakWorkingSet, long PeakWorkingSetMeasured, long PeakHeapMeasured, long PeakCommittedMeasured,
        string GcAtStart, string GcAtEnd, long GcPauseMsMeasured);

    /// <summary>Everything one run found, and its report.</summary>
    private sealed class RushResult(DatabaseProvider provider, DeadlineRushOptions options)
    {
        public DatabaseProvider Provider { get; } = provider;
        public List<Submission> Submissions { get; } = [];
        public List<Unseal> Unseals { get; } = [];
        public string LoadAtStart { get; set; } = "";
        public string LoadAtRush { get; set; } = "";
        public string LoadAtRushEnd { get; set; } = "";
        public string LoadAtEnd { get; set; } = "";
        public TimeSpan RushCpu { get; set; }
        public TimeSpan RushClientCpu { get; set; }
        public TimeSpan RushElapsed { get; set; }
        public TimeSpan UnsealCpu { get; set; }
        public TimeSpan UnsealElapsed { get; set; }
        public TimeSpan DispatchLag { get; set; }
        public TimeSpan LastSubmitDone { get; set; }
        public TimeSpan OpeningBegunAfter { get; set; }
        public string FinalLotStatus { get; set; } = "";
        public SortedDictionary<string, int> BidsByStatus { get; set; } = [];
        public MemoryFigures? Memory { get; set; }
        public int ServerErrorsLogged { get; set; }
        public string LogPath { get; set; } = "";

        private int Opened => BidsByStatus.GetValueOrDefault("opened");

        private int ServerErrors => Submissions.Count(s => s.BidStatus >= 500 || s.AttachStatus >= 500) + Unseals.Count(u => u.Status >= 500);

        public bool Passed => Opened == options.Bidders && ServerErrors == 0 && Submissions.All(s => s.Ok) && Unseals.All(u => u.Status == 200);

        private static string Percentiles(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            if (sorted.Length == 0)
            {
                return "n/a";
            }
            double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            return string.Create(_invariant, $"p50 {At(0.50):N0} / p95 {At(0.95):N0} / p99 {At(0.99):N0} / max {sorted[^1]:N0} ms");
        }

        private string Statuses()
        {
            var codes = Submissions.Select(s => $"bid {s.BidStatus}")
                .Concat(Submissions.Where(s => s.AttachStatus != 0 || s.BidStatus is 200 or 201).Select(s => $"attachment {s.AttachStatus}"))
                .Concat(Unseals.Select(u => $"unseal {u.Status}{(u.OpenedAs is { } opened ? " " + opened : "")}"));
            return string.Join(", ", codes.GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
        }

        private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", _invariant);

        public string Summary()
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"{Provider}: submit (bid + attachment) {Percentiles(Submissions.Select(s => s.TotalMs))}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  bid POST        {Percentiles(Submissions.Select(s => s.BidMs))}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  attachment POST {Percentiles(Submissions.Where(s => s.AttachStatus != 0).Select(s => s.AttachMs))}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  unseal          {Percentiles(Unseals.Select(u => u.Ms))}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  answers: {Statuses()}");
            foreach (var problem in Submissions.Select(s => s.Problem).Concat(Unseals.Select(u => u.Problem)).OfType<string>().Distinct().Take(5))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    e.g. {problem}");
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"  database: {string.Join(", ", BidsByStatus.Select(kv => $"{kv.Key} {kv.Value}"))}; lot '{FinalLotStatus}'; server error log lines {ServerErrorsLogged}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  rush {RushElapsed.TotalSeconds:0.0} s: portal CPU {RushCpu.TotalSeconds:0.0} s, load generator CPU {RushClientCpu.TotalSeconds:0.0} s, dispatch lag max {DispatchLag.TotalMilliseconds:0} ms, last answer {LastSubmitDone.TotalSeconds:+0.0;-0.0} s from the deadline");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  opening began {OpeningBegunAfter.TotalSeconds:0.0} s after the deadline; unseal {UnsealElapsed.TotalSeconds:0.0} s, portal CPU {UnsealCpu.TotalSeconds:0.0} s");
            if (Memory is { } m)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  memory (rush + opening): peak working set {Mb(m.PeakWorkingSetMeasured)} MB (whole run {Mb(m.PeakWorkingSet)} MB), GC heap peak {Mb(m.PeakHeapMeasured)} MB, committed {Mb(m.PeakCommittedMeasured)} MB; GC {m.GcAtStart} → {m.GcAtEnd}, pauses {m.GcPauseMsMeasured} ms");
            }
            sb.Append(CultureInfo.InvariantCulture, $"  load average: start {LoadAtStart}, rush {LoadAtRush} → {LoadAtRushEnd}, end {LoadAtEnd}; {(Passed ? "0 lost, 0 5xx" : "NOT CLEAN")}");
            return sb.ToString();
        }

        public static string Table(IReadOnlyList<RushResult> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine("| database | submit (bid + PDF) | bid POST | attachment POST | unseal | answers | bids in the database | peak WS / GC heap MB | load avg rush → end |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                var m = r.Memory;
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Provider} | {Percentiles(r.Submissions.Select(s => s.TotalMs))} | {Percentiles(r.Submissions.Select(s => s.BidMs))} | "
                    + $"{Percentiles(r.Submissions.Where(s => s.AttachStatus != 0).Select(s => s.AttachMs))} | {Percentiles(r.Unseals.Select(u => u.Ms))} | {r.Statuses()} | "
                    + $"{string.Join(", ", r.BidsByStatus.Select(kv => $"{kv.Key} {kv.Value}"))} | "
                    + $"{(m is null ? "" : $"{Mb(m.PeakWorkingSetMeasured)} / {Mb(m.PeakHeapMeasured)}")} | {r.LoadAtRush} → {r.LoadAtEnd} |");
            }
            return sb.ToString();
        }
    }
}
