using System.Diagnostics;
using System.Globalization;
using Portal.Domain.Reporting;
using Portal.Domain.Suppliers;
using Portal.Features.Evaluation;
using Portal.Features.Reports;

namespace Portal.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Portal -- benchmark reports [--lots N] [--runs N] [--seed N]</c>: the annual SME
/// participation report over N synthetic awarded lots (default 10,000), from the award records in memory to the PDF
/// bytes (figures, charts, every award listed), and the one-page award notice. The database query is not timed: it is
/// the same two indexed reads whatever the report. Prints Markdown for docs/benchmarks.md.
/// </summary>
public static class ReportBenchmark
{
    private static readonly DateTime _generatedAt = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string[] _cities = ["杭州", "宁波", "温州", "绍兴", "湖州", "嘉兴", "金华", "台州"];
    private static readonly string[] _trades = ["信息技术", "智能科技", "软件", "数据服务", "网络工程", "系统集成", "云计算", "物联网"];
    private static readonly string[] _projects = ["智慧社区平台", "老旧小区智能门禁改造", "政务数据共享交换", "基层治理信息系统", "适老化改造", "视频监控升级", "电子政务云运维"];

    public const string Usage = "Usage: benchmark reports [--lots N] [--runs N] [--seed N]\n"
        + "  --lots  synthetic awarded lots in the year (default 10000)\n"
        + "  --runs  timed runs of the annual report after one warm-up (default 10; the notice runs 20 times as often)\n"
        + "  --seed  random seed of the synthetic awards (default 42)";

    public static int Run(string[] args)
    {
        var (lots, runs, seed) = (10_000, 10, 42);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
            switch (args[i])
            {
                case "--lots" when value is { } v:
                    lots = v;
                    break;
                case "--runs" when value is { } v:
                    runs = v;
                    break;
                case "--seed" when value is { } v:
                    seed = v;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option or bad value: '{args[i]}'.\n{Usage}");
                    return 2;
            }
        }

        var period = ReportingPeriod.Of(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var (awards, bids) = Synthetic(period, lots, seed);
        Console.Error.WriteLine($"{awards.Count:N0} awards, {bids.Count:N0} bids; {runs} timed runs after a warm-up…");

        var annual = Measure(runs, () =>
        {
            var figures = ParticipationFigures.Compute(period, awards, bids);
            return SmeParticipationReport.Render(new ParticipationData(figures, awards), _generatedAt, ReportReader.Chinese);
        }, out var annualPdf);
        var notice = Notice();
        var oneNotice = Measure(runs * 20, () => AwardNoticeReport.Render(notice, _generatedAt, ReportReader.Chinese), out var noticePdf);

        var figuresOnly = Measure(runs, () => ParticipationFigures.Compute(period, awards, bids), out _);
        Console.WriteLine("| report | runs | median ms | p95 ms | median CPU ms | pages | size KB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| annual SME report, {awards.Count:N0} awards (figures + PDF) | {runs} | {annual.Median:0} | {annual.P95:0} | {annual.CpuMedian:0} | {PagesOf(annualPdf)} | {annualPdf.Length / 1024:N0} |");
        Console.WriteLine($"| — of which the figures alone | {runs} | {figuresOnly.Median:0.0} | {figuresOnly.P95:0.0} | {figuresOnly.CpuMedian:0} | | |");
        Console.WriteLine($"| award notice, one page | {runs * 20} | {oneNotice.Median:0.0} | {oneNotice.P95:0.0} | {oneNotice.CpuMedian:0} | 1 | {noticePdf.Length / 1024:N0} |");
        return 0;
    }

    /// <summary>Median and p95 of the elapsed time, and the median processor time (what the work costs on a busy machine).</summary>
    private static (double Median, double P95, double CpuMedian) Measure<T>(int runs, Func<T> work, out T last)
    {
        last = work(); // warm-up: JIT, the font parsed once per process
        var times = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            last = work();
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        return (times[(times.Count - 1) / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], cpu[(cpu.Count - 1) / 2]);
    }

    private static int PagesOf(byte[] pdf)
    {
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    /// <summary>Awards spread over the year, suppliers drawn with a skew (a few win much), a third of them large.</summary>
    private static (List<AwardRecord> Awards, List<SizeClass> Bids) Synthetic(ReportingPeriod period, int lots, int seed)
    {
        var random = new Random(seed);
        var suppliers = Enumerable.Range(1, Math.Max(10, lots / 12))
            .Select(i => (Id: Guid.NewGuid(), Name: $"{random.Pick(_cities)}{random.Pick(_trades)}第{i}有限公司",
                Size: random.Chance(0.3) ? SizeClass.Large : random.Pick([SizeClass.Medium, SizeClass.Small, SizeClass.Micro])))
            .ToList();
        var seconds = (int)(period.EndUtc - period.StartUtc).TotalSeconds;
        var awards = Enumerable.Range(1, lots).Select(i =>
        {
            // Squaring a uniform draw favours the first suppliers: a concentrated market, as in the seed's "80% to 3 firms".
            var winner = suppliers[(int)(Math.Pow(random.NextDouble(), 3) * suppliers.Count)];
            var value = Math.Round((decimal)(50_000 + random.NextDouble() * 2_000_000), 2);
            return new AwardRecord(Guid.NewGuid(), $"{random.Pick(_cities)}市{random.Pick(_projects)}项目", $"标段{1 + i % 4}：{random.Pick(_projects)}",
                winner.Id, winner.Name, winner.Size, value, period.StartUtc.AddSeconds(random.Next(seconds)));
        }).OrderBy(a => a.AwardedAtUtc).ToList();
        var bids = Enumerable.Range(0, lots * 3).Select(_ => random.Pick(suppliers).Size).ToList();
        return (awards, bids);
    }

    private static AwardNotice Notice() => new(
        Guid.NewGuid(), "上城区老旧小区智能门禁改造", "杭州市上城区住房和城乡建设局", 1, "标段1：人脸识别门禁", "awarded",
        new RankedBidView(Guid.NewGuid(), Guid.NewGuid(), "杭州绿源智能分类科技有限公司", "small", 823_000m, 740_700m, 30m, 86m, 1,
        [
            new CriterionScoreView("Technical solution", 50, 80m, 40m, null),
            new CriterionScoreView("Service", 20, 80m, 16m, null),
        ]),
        """
        中小企业声明函（服务）

        本公司郑重声明，根据《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）的规定，本公司参加杭州市上城区住房和城乡建设局的上城区老旧小区智能门禁改造（标段1：人脸识别门禁）采购活动，服务全部由符合政策要求的中小企业承接。

        企业名称（盖章）：杭州绿源智能分类科技有限公司
        """,
        "The only valid bid meets every requirement.", _generatedAt.AddDays(-8), _generatedAt.AddDays(-1));
}
