using System.Globalization;
using Portal.Domain.Effectiveness;
using Portal.Domain.Reporting;
using Portal.Features.Effectiveness;
using Portal.Localization;
using Portal.Reports;
using static Portal.Features.Reports.ReportFormat;

namespace Portal.Features.Reports;

/// <summary>
/// The effectiveness report (系统运行效果评估报告) for a period, from the monthly statements as the rating job made them
/// (nothing is rated again here): for all systems, the fees, deductions and payments, the share of KPIs met and the idle
/// systems with their reasons; for one system, its targets, each month's band per KPI and the KPI trends against the
/// targets. A statement belongs to the period when its month is one the period touches.
/// </summary>
public static class EffectivenessReport
{
    public const string Title = "系统运行效果评估报告 Effectiveness of delivered systems";

    /// <summary>The systems reported on, each with only the statements of the period's months.</summary>
    public static EffectivenessData InPeriod(IReadOnlyList<SystemDetail> systems, ReportingPeriod period)
    {
        var months = period.Months().Select(m => $"{m.Year:0000}-{m.Month:00}").ToList();
        var inPeriod = systems
            .Where(s => s.System.DeliveredOn <= period.To)
            .Select(s => s with { Statements = [.. s.Statements.Where(x => months.Contains(x.Period)).OrderBy(x => x.Period, StringComparer.Ordinal)] })
            .OrderBy(s => s.System.Name, StringComparer.Ordinal)
            .ToList();
        return new EffectivenessData(period, months, inPeriod);
    }

    /// <summary>The report on every system in operation in the period.</summary>
    public static byte[] RenderAll(EffectivenessData data, DateTime generatedAtUtc, Action<double>? progress = null)
    {
        var statements = data.Systems.SelectMany(s => s.Statements).ToList();
        var idle = data.Systems.Where(s => s.Statements.Any(x => x.Idle)).ToList();
        using var report = new ReportDocument(Title, $"期间 Period: {data.Period}（全部系统 all systems，按月度结算 by monthly statement）", generatedAtUtc);
        report.KeyFigures([
            new KeyFigure("运行中系统 Systems in operation", Count(data.Systems.Count)),
            new KeyFigure("闲置系统 Idle systems", Count(idle.Count)),
            new KeyFigure("已评月份 Months rated", Count(statements.Count)),
            new KeyFigure("指标达标率 KPIs met", MetShare(statements)),
            new KeyFigure("运维费 Fees", Yuan(statements.Sum(s => s.MonthlyFeeYuan))),
            new KeyFigure("扣减 Deductions", Yuan(statements.Sum(s => s.DeductionYuan))),
            new KeyFigure("支付 Payments", Yuan(statements.Sum(s => s.PaymentYuan))),
            new KeyFigure("闲置月份 Idle months", Count(statements.Count(s => s.Idle))),
        ]);
        report.Paragraph(
            "每月按关键绩效指标（使用率、满意度、故障率、投诉响应时间、数据更新延迟）评定，未达标按档次扣减运维费；使用率低于阈值或长期无数据的系统记为闲置。\n" +
            "Each month every system is rated on its KPIs (usage, satisfaction, fault rate, complaint response time, data lag); a missed target " +
            "deducts its band's share of the monthly fee. A system is idle in a month when its usage is below the threshold or no data arrived for too long. " +
            "The figures are the monthly statements of the months this period touches.");
        progress?.Invoke(0.2);

        report.Section("闲置系统 Idle systems");
        report.Table(new ReportTable(
            [new("系统 System", 2.2), new("供应商 Supplier", 1.8), new("月份 Month", 0.8), new("原因 Reason", 3.6)],
            [.. idle.SelectMany(s => s.Statements.Where(x => x.Idle).Select(x => (IReadOnlyList<string>)[s.System.Name, s.System.SupplierName, x.Period, IdleText(x)]))],
            EmptyText: "本期没有闲置系统。No system was idle in this period."));

        report.Section("各系统 Per system");
        report.Table(new ReportTable(
            [new("系统 System", 2.2), new("供应商 Supplier", 1.8), new("已评 Months", 0.8, true), new("支付 Payments", 1.4, true), new("扣减 Deductions", 1.3, true),
             new("达标 KPIs met", 0.9, true), new("闲置 Idle", 0.9)],
            [.. data.Systems.Select(s => (IReadOnlyList<string>)[s.System.Name, s.System.SupplierName, Count(s.Statements.Count), Yuan(s.Statements.Sum(x => x.PaymentYuan)),
                Yuan(s.Statements.Sum(x => x.DeductionYuan)), MetShare(s.Statements), IdleMonths(s.Statements)])],
            EmptyText: "本期没有运行中的系统。No system was in operation in this period."));
        progress?.Invoke(0.6);

        var byMonth = data.Months.Select(m => (Month: m, Statements: statements.Where(s => s.Period == m).ToList())).ToList();
        report.Section("月度支付与扣减 Payments and deductions per month", keepWithNext: 240);
        var payments = byMonth.Select(m => (double)m.Statements.Sum(s => s.PaymentYuan)).ToList();
        var deductions = byMonth.Select(m => (double)m.Statements.Sum(s => s.DeductionYuan)).ToList();
        report.LineChart("支付与扣减 Payments and deductions (¥)", [.. data.Months.Select(ShortMonth)],
            [new ChartSeries("支付 Payments", payments), new ChartSeries("扣减 Deductions", deductions)],
            max: Ceiling(payments.Concat(deductions).DefaultIfEmpty(0).Max()), axisFormat: v => Yuan((decimal)v));
        report.Table(new ReportTable(
            [new("月份 Month", 1), new("已评系统 Systems rated", 1.1, true), new("运维费 Fees", 1.5, true), new("扣减 Deductions", 1.5, true),
             new("支付 Payments", 1.5, true), new("闲置 Idle", 0.8, true)],
            [.. byMonth.Select(m => (IReadOnlyList<string>)[m.Month, Count(m.Statements.Count), Yuan(m.Statements.Sum(s => s.MonthlyFeeYuan)),
                Yuan(m.Statements.Sum(s => s.DeductionYuan)), Yuan(m.Statements.Sum(s => s.PaymentYuan)), Count(m.Statements.Count(s => s.Idle))])]));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }

    /// <summary>The report on one system: targets, each month's bands, deductions and payments, and the KPI trends.</summary>
    public static byte[] RenderOne(SystemDetail detail, EffectivenessData data, DateTime generatedAtUtc, Action<double>? progress = null)
    {
        var system = detail.System;
        var statements = data.Systems.SingleOrDefault(s => s.System.Id == system.Id)?.Statements ?? [];
        using var report = new ReportDocument($"{Title}：{system.Name}",
            $"期间 Period: {data.Period} · 供应商 Supplier: {system.SupplierName} · 交付 Delivered: {system.DeliveredOn:yyyy-MM-dd}", generatedAtUtc);
        report.KeyFigures([
            new KeyFigure("月运维费 Monthly fee", Yuan(system.MonthlyFeeYuan)),
            new KeyFigure("已评月份 Months rated", Count(statements.Count)),
            new KeyFigure("指标达标率 KPIs met", MetShare(statements)),
            new KeyFigure("闲置月份 Idle months", Count(statements.Count(s => s.Idle))),
            new KeyFigure("运维费 Fees", Yuan(statements.Sum(s => s.MonthlyFeeYuan))),
            new KeyFigure("扣减 Deductions", Yuan(statements.Sum(s => s.DeductionYuan))),
            new KeyFigure("支付 Payments", Yuan(statements.Sum(s => s.PaymentYuan))),
            new KeyFigure("当前状态 State today", system.Idle ? "闲置 Idle" : "在用 In use"),
        ]);
        report.Paragraph($"标段 Lot: {system.LotTitle} · 负责人 Responsible officer: {system.ResponsibleOfficer}" +
            (system.IdlePhrase is { } idle ? $"\n今日闲置 Idle today: {PortalText.Render(idle, ReportFormat.Chinese)}" : ""));

        report.Section("考核目标 Targets");
        report.Table(new ReportTable(
            [new("指标 KPI", 2.2), new("目标 Target", 1, true), new("略低至 Slightly below up to", 1.1, true), new("偏低至 Below up to", 1, true),
             new("扣减 Deductions (slightly / below / significantly)", 2.3, true)],
            [.. detail.Targets.Select(t =>
            {
                var kpi = Kpis.ParseOrThrow(t.Kpi);
                return (IReadOnlyList<string>)[KpiName(kpi), (t.Direction == "higherIsBetter" ? "≥ " : "≤ ") + Kpis.Format(kpi, t.Target),
                    Number(t.SlightlyBelowUpToPercent) + "%", Number(t.BelowUpToPercent) + "%",
                    $"{Number(t.SlightlyBelowDeductionPercent)}% / {Number(t.BelowDeductionPercent)}% / {Number(t.SignificantlyBelowDeductionPercent)}%"];
            })]));

        report.Section("月度评定 Ratings per month");
        report.Table(new ReportTable(
            [new("月份 Month", 0.9), .. Kpis.All.Select(k => new ReportColumn(KpiShortName(k), 1.15)), new("扣减 Deductions", 1.1, true), new("支付 Payment", 1.1, true), new("闲置 Idle", 0.9)],
            [.. statements.Select(s => (IReadOnlyList<string>)[s.Period, .. s.Ratings.Select(RatingCell), Yuan(s.DeductionYuan), Yuan(s.PaymentYuan), s.Idle ? IdleShort(s) : "—"])],
            EmptyText: "本期没有月度结算。No month of this period has been rated.", Compact: true));
        if (statements.Any(s => s.Idle))
        {
            report.Table(new ReportTable(
                [new("月份 Month", 1), new("闲置原因 Why idle", 6)],
                [.. statements.Where(s => s.Idle).Select(s => (IReadOnlyList<string>)[s.Period, IdleText(s)])]));
        }
        progress?.Invoke(0.5);

        report.Section("指标趋势 KPI trends against the target", keepWithNext: 240);
        var categories = data.Months.Select(ShortMonth).ToList();
        foreach (var target in detail.Targets)
        {
            var kpi = Kpis.ParseOrThrow(target.Kpi);
            var values = data.Months.Select(m => statements.SingleOrDefault(s => s.Period == m)?.Ratings.Single(r => r.Kpi == target.Kpi).Value is { } v ? (double)v : double.NaN).ToList();
            var highest = values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
            // Usage and satisfaction on the whole 0–100% scale; faults, response time and lag up to well above the target.
            var max = Kpis.IsPercentage(kpi) && Kpis.Direction(kpi) == KpiDirection.HigherIsBetter ? 100 : Ceiling(Math.Max(highest, (double)target.Target * 1.5));
            report.LineChart($"{KpiName(kpi)}（{(target.Direction == "higherIsBetter" ? "越高越好 higher is better" : "越低越好 lower is better")}）", categories,
                [new ChartSeries("实际 Observed", values), new ChartSeries($"目标 Target {Kpis.Format(kpi, target.Target)}", [.. data.Months.Select(_ => (double)target.Target)])],
                max, v => Kpis.Format(kpi, (decimal)Math.Round(v, 1)));
        }
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }

    /// <summary>The share of KPI ratings that met their target, or a dash when nothing was rated.</summary>
    public static string MetShare(IReadOnlyList<StatementView> statements)
    {
        var ratings = statements.SelectMany(s => s.Ratings).ToList();
        return ratings.Count == 0 ? "—" : Percent((decimal)ratings.Count(r => r.Band == "met") / ratings.Count);
    }

    public static string BandName(string band) => band switch
    {
        "met" => "达标 Met",
        "slightlyBelow" => "略低 Slightly below",
        "below" => "偏低 Below",
        "significantlyBelow" => "严重偏低 Significantly below",
        _ => "缺失 Missing",
    };

    public static string KpiName(Kpi kpi) => kpi switch
    {
        Kpi.UsageRate => "使用率 Usage rate",
        Kpi.Satisfaction => "群众满意度 Citizen satisfaction",
        Kpi.FaultRate => "故障率 Fault rate",
        Kpi.ComplaintResponseMinutes => "投诉响应时间 Complaint response time",
        _ => "数据更新延迟 Data update lag",
    };

    private static string KpiShortName(Kpi kpi) => kpi switch
    {
        Kpi.UsageRate => "使用率 Usage",
        Kpi.Satisfaction => "满意度 Satisfaction",
        Kpi.FaultRate => "故障率 Faults",
        Kpi.ComplaintResponseMinutes => "投诉响应 Response",
        _ => "数据延迟 Data lag",
    };

    private static string RatingCell(RatingView r) =>
        BandName(r.Band) + (r.Value is { } v ? " " + Kpis.Format(Kpis.ParseOrThrow(r.Kpi), v) : "");

    private static string IdleShort(StatementView s) => s.IdleReason == "lowUsage" ? "使用率低 Low usage" : "无数据 No data";

    private static string IdleText(StatementView s) =>
        s.IdlePhrase is { } idle ? $"{IdleShort(s)}: {PortalText.Render(idle, ReportFormat.Chinese)}" : IdleShort(s);

    private static string IdleMonths(IReadOnlyList<StatementView> statements)
    {
        var idle = statements.Where(s => s.Idle).ToList();
        return idle.Count == 0 ? "—" : $"{Count(idle.Count)} · {IdleShort(idle[^1])}";
    }

    private static string ShortMonth(string period) => period[2..];

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A round upper bound for a chart's axis: the next 1, 2 or 5 times a power of ten above the value.</summary>
    private static double Ceiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(c => c >= value);
    }
}

/// <summary>The period, its months (<c>YYYY-MM</c>) and the systems in operation by its end, with the statements of those months.</summary>
public sealed record EffectivenessData(ReportingPeriod Period, IReadOnlyList<string> Months, IReadOnlyList<SystemDetail> Systems);
