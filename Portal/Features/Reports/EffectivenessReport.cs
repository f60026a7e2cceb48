using System.Globalization;
using Portal.Domain;
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
    /// <summary>The title's translation key (系统运行效果评估报告).</summary>
    public const string Title = "Effectiveness report on delivered systems";

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
    public static byte[] RenderAll(EffectivenessData data, DateTime generatedAtUtc, CultureInfo culture, Action<double>? progress = null)
    {
        var statements = data.Systems.SelectMany(s => s.Statements).ToList();
        var idle = data.Systems.Where(s => s.Statements.Any(x => x.Idle)).ToList();
        using var report = new ReportDocument(PortalText.Translate(Title, culture),
            PortalText.Render(new Phrase("Period: {0} (all systems, by monthly statement)", data.Period.ToString()), culture), generatedAtUtc, culture);
        var tr = report.T;
        report.KeyFigures([
            new KeyFigure(tr("Systems in operation"), Count(data.Systems.Count)),
            new KeyFigure(tr("Idle systems"), Count(idle.Count)),
            new KeyFigure(tr("Months rated"), Count(statements.Count)),
            new KeyFigure(tr("KPIs met"), MetShare(statements)),
            new KeyFigure(tr("Fees"), Yuan(statements.Sum(s => s.MonthlyFeeYuan))),
            new KeyFigure(tr("Deductions"), Yuan(statements.Sum(s => s.DeductionYuan))),
            new KeyFigure(tr("Payments"), Yuan(statements.Sum(s => s.PaymentYuan))),
            new KeyFigure(tr("Idle months"), Count(statements.Count(s => s.Idle))),
        ]);
        report.Paragraph(
            tr("Each month every system is rated on its KPIs (usage, satisfaction, fault rate, complaint response time, data lag); a missed target " +
               "deducts its band's share of the monthly fee. A system is idle in a month when its usage is below the threshold or no data arrived for too long."));
        progress?.Invoke(0.2);

        report.Section(tr("Idle systems"));
        report.Table(new ReportTable(
            [new(tr("System"), 2.2), new(tr("Supplier"), 1.8), new(tr("Month"), 0.8), new(tr("Cause"), 3.6)],
            [.. idle.SelectMany(s => s.Statements.Where(x => x.Idle).Select(x => (IReadOnlyList<string>)[s.System.Name, s.System.SupplierName, x.Period, IdleText(x, culture)]))],
            EmptyText: tr("No system was idle in this period.")));

        report.Section(tr("Per system"));
        report.Table(new ReportTable(
            [new(tr("System"), 2.2), new(tr("Supplier"), 1.8), new(tr("Months"), 0.8, true), new(tr("Payments"), 1.4, true), new(tr("Deductions"), 1.3, true),
             new(tr("KPIs met"), 0.9, true), new(tr("Idle"), 0.9)],
            [.. data.Systems.Select(s => (IReadOnlyList<string>)[s.System.Name, s.System.SupplierName, Count(s.Statements.Count), Yuan(s.Statements.Sum(x => x.PaymentYuan)),
                Yuan(s.Statements.Sum(x => x.DeductionYuan)), MetShare(s.Statements), IdleMonths(s.Statements, culture)])],
            EmptyText: tr("No system was in operation in this period.")));
        progress?.Invoke(0.6);

        var byMonth = data.Months.Select(m => (Month: m, Statements: statements.Where(s => s.Period == m).ToList())).ToList();
        report.Section(tr("Payments and deductions per month"), keepWithNext: 240);
        var payments = byMonth.Select(m => (double)m.Statements.Sum(s => s.PaymentYuan)).ToList();
        var deductions = byMonth.Select(m => (double)m.Statements.Sum(s => s.DeductionYuan)).ToList();
        report.LineChart(tr("Payments and deductions (¥)"), [.. data.Months.Select(ShortMonth)],
            [new ChartSeries(tr("Payments"), payments), new ChartSeries(tr("Deductions"), deductions)],
            max: Ceiling(payments.Concat(deductions).DefaultIfEmpty(0).Max()), axisFormat: v => Yuan((decimal)v));
        report.Table(new ReportTable(
            [new(tr("Month"), 1), new(tr("Systems rated"), 1.1, true), new(tr("Fees"), 1.5, true), new(tr("Deductions"), 1.5, true),
             new(tr("Payments"), 1.5, true), new(tr("Idle"), 0.8, true)],
            [.. byMonth.Select(m => (IReadOnlyList<string>)[m.Month, Count(m.Statements.Count), Yuan(m.Statements.Sum(s => s.MonthlyFeeYuan)),
                Yuan(m.Statements.Sum(s => s.DeductionYuan)), Yuan(m.Statements.Sum(s => s.PaymentYuan)), Count(m.Statements.Count(s => s.Idle))])]));
        var pdf = report.Render();
        progress?.Invoke(1);
        return pdf;
    }

    /// <summary>The report on one system: targets, each month's bands, deductions and payments, and the KPI trends.</summary>
    public static byte[] RenderOne(SystemDetail detail, EffectivenessData data, DateTime generatedAtUtc, CultureInfo culture, Action<double>? progress = null)
    {
        var system = detail.System;
        var statements = data.Systems.SingleOrDefault(s => s.System.Id == system.Id)?.Statements ?? [];
        using var report = new ReportDocument(PortalText.Render(new Phrase("{0}: {1}", Phrase.Of(Title), system.Name), culture),
            PortalText.Render(new Phrase("Period: {0} · Supplier: {1} · Delivered: {2}", data.Period.ToString(), system.SupplierName, system.DeliveredOn), culture), generatedAtUtc, culture);
        var tr = report.T;
        report.KeyFigures([
            new KeyFigure(tr("Monthly maintenance fee"), Yuan(system.MonthlyFeeYuan)),
            new KeyFigure(tr("Months rated"), Count(statements.Count)),
            new KeyFigure(tr("KPIs met"), MetShare(statements)),
            new KeyFigure(tr("Idle months"), Count(statements.Count(s => s.Idle))),
            new KeyFigure(tr("Fees"), Yuan(statements.Sum(s => s.MonthlyFeeYuan))),
            new KeyFigure(tr("Deductions"), Yuan(statements.Sum(s => s.DeductionYuan))),
            new KeyFigure(tr("Payments"), Yuan(statements.Sum(s => s.PaymentYuan))),
            new KeyFigure(tr("State today"), tr(system.Idle ? "Idle" : "In use")),
        ]);
        report.Paragraph(report.Say(new Phrase("Lot: {0} · Responsible officer: {1}", system.LotTitle, system.ResponsibleOfficer)) +
            (system.IdlePhrase is { } idle ? "\n" + report.Say(new Phrase("Idle today: {0}", idle)) : ""));

        report.Section(tr("Targets"));
        report.Table(new ReportTable(
            [new(tr("Indicator"), 2.2), new(tr("Target"), 1, true), new(tr("Slightly below up to"), 1.1, true), new(tr("Below up to"), 1, true),
             new(tr("Deductions (slightly / below / significantly)"), 2.3, true)],
            [.. detail.Targets.Select(t =>
            {
                var kpi = Kpis.ParseOrThrow(t.Kpi);
                return (IReadOnlyList<string>)[KpiName(kpi, culture), (t.Direction == "higherIsBetter" ? "≥ " : "≤ ") + Kpis.Format(kpi, t.Target),
                    Number(t.SlightlyBelowUpToPercent) + "%", Number(t.BelowUpToPercent) + "%",
                    $"{Number(t.SlightlyBelowDeductionPercent)}% / {Number(t.BelowDeductionPercent)}% / {Number(t.SignificantlyBelowDeductionPercent)}%"];
            })]));

        report.Section(tr("Ratings per month"));
        report.Table(new ReportTable(
            [new(tr("Month"), 0.9), .. Kpis.All.Select(k => new ReportColumn(KpiShortName(k, culture), 1.15)), new(tr("Deductions"), 1.1, true), new(tr("Payment"), 1.1, true), new(tr("Idle"), 0.9)],
            [.. statements.Select(s => (IReadOnlyList<string>)[s.Period, .. s.Ratings.Select(r => RatingCell(r, culture)), Yuan(s.DeductionYuan), Yuan(s.PaymentYuan), s.Idle ? IdleShort(s, culture) : "—"])],
            EmptyText: tr("No month of this period has been rated."), Compact: true));
        if (statements.Any(s => s.Idle))
        {
            report.Table(new ReportTable(
                [new(tr("Month"), 1), new(tr("Why idle"), 6)],
                [.. statements.Where(s => s.Idle).Select(s => (IReadOnlyList<string>)[s.Period, IdleText(s, culture)])]));
        }
        progress?.Invoke(0.5);

        report.Section(tr("KPI trends against the target"), keepWithNext: 240);
        var categories = data.Months.Select(ShortMonth).ToList();
        foreach (var target in detail.Targets)
        {
            var kpi = Kpis.ParseOrThrow(target.Kpi);
            var values = data.Months.Select(m => statements.SingleOrDefault(s => s.Period == m)?.Ratings.Single(r => r.Kpi == target.Kpi).Value is { } v ? (double)v : double.NaN).ToList();
            var highest = values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
            // Usage and satisfaction on the whole 0–100% scale; faults, response time and lag up to well above the target.
            var max = Kpis.IsPercentage(kpi) && Kpis.Direction(kpi) == KpiDirection.HigherIsBetter ? 100 : Ceiling(Math.Max(highest, (double)target.Target * 1.5));
            report.LineChart(report.Say(new Phrase("{0} ({1})", KpiName(kpi, culture), tr(target.Direction == "higherIsBetter" ? "higher is better" : "lower is better"))), categories,
                [new ChartSeries(tr("Actual"), values), new ChartSeries(report.Say(new Phrase("Target {0}", Kpis.Format(kpi, target.Target))), [.. data.Months.Select(_ => (double)target.Target)])],
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

    public static string BandName(string band, CultureInfo culture) => PortalText.Translate(band switch
    {
        "met" => "Met",
        "slightlyBelow" => "Slightly below target",
        "below" => "Below target",
        "significantlyBelow" => "Far below target",
        _ => "Missing",
    }, culture);

    public static string KpiName(Kpi kpi, CultureInfo culture) => PortalText.Translate(kpi switch
    {
        Kpi.UsageRate => "Usage rate",
        Kpi.Satisfaction => "Public satisfaction",
        Kpi.FaultRate => "Fault rate",
        Kpi.ComplaintResponseMinutes => "Complaint response time",
        _ => "Data update lag",
    }, culture);

    private static string KpiShortName(Kpi kpi, CultureInfo culture) => PortalText.Translate(kpi switch
    {
        Kpi.UsageRate => "Usage",
        Kpi.Satisfaction => "Satisfaction rate",
        Kpi.FaultRate => "Faults",
        Kpi.ComplaintResponseMinutes => "Response",
        _ => "Data lag",
    }, culture);

    private static string RatingCell(RatingView r, CultureInfo culture) =>
        BandName(r.Band, culture) + (r.Value is { } v ? " " + Kpis.Format(Kpis.ParseOrThrow(r.Kpi), v) : "");

    private static string IdleShort(StatementView s, CultureInfo culture) => PortalText.Translate(s.IdleReason == "lowUsage" ? "Low usage" : "No data", culture);

    private static string IdleText(StatementView s, CultureInfo culture) =>
        s.IdlePhrase is { } idle ? PortalText.Render(new Phrase("{0}: {1}", IdleShort(s, culture), idle), culture) : IdleShort(s, culture);

    private static string IdleMonths(IReadOnlyList<StatementView> statements, CultureInfo culture)
    {
        var idle = statements.Where(s => s.Idle).ToList();
        return idle.Count == 0 ? "—" : $"{Count(idle.Count)} · {IdleShort(idle[^1], culture)}";
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
