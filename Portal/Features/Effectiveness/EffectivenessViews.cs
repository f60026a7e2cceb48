using Portal.Domain;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Portal.Domain.Effectiveness;
using Portal.Features.Accounts;
using Portal.Localization;

namespace Portal.Features.Effectiveness;

/// <summary>Who looks at delivered systems: officers, officials and admins see them all; an SME user its own company's.</summary>
public sealed record SystemViewer(string UserId, string Name, bool IsOfficer, bool IsOfficial, bool IsAdmin, bool IsSme)
{
    public bool SeesAll => IsOfficer || IsOfficial || IsAdmin;

    public bool MayRate => IsOfficial || IsAdmin;

    /// <summary>The signed-in user as a viewer of systems (pages and API alike).</summary>
    public static SystemViewer Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity?.Name ?? "", user.IsInRole(Roles.Officer), user.IsInRole(Roles.Official),
        user.IsInRole(Roles.Admin), user.IsInRole(Roles.Sme));
}

public sealed record DeliveryInput(Guid? ContractId, string? Name, DateOnly? DeliveredOn, decimal? MonthlyFeeYuan);

public sealed record TargetInput(
    string? Kpi, decimal? Target, decimal? SlightlyBelowUpToPercent, decimal? BelowUpToPercent,
    decimal? SlightlyBelowDeductionPercent, decimal? BelowDeductionPercent, decimal? SignificantlyBelowDeductionPercent);

public sealed record TargetsInput(IReadOnlyList<TargetInput>? Targets);

public sealed record ObservationInput(string? Period, string? Kpi, decimal? Value);

public sealed record SystemSummary(
    Guid Id, string Name, Guid ContractId, Guid LotId, string LotTitle, Guid SupplierId, string SupplierName, DateOnly DeliveredOn,
    decimal MonthlyFeeYuan, string ResponsibleOfficer, bool Idle, string? IdleReason, [property: JsonIgnore] Phrase? IdlePhrase, string? LastRatedPeriod,
    decimal? LastPaymentYuan)
{
    /// <summary>Why the system is idle today, in the request's language (pages render <see cref="IdlePhrase"/>).</summary>
    [JsonPropertyOrder(-1)]
    public string? IdleDescription => IdlePhrase is null ? null : PortalText.Render(IdlePhrase);
}

public sealed record TargetView(
    string Kpi, string Direction, string Unit, decimal Target, decimal SlightlyBelowUpToPercent, decimal BelowUpToPercent,
    decimal SlightlyBelowDeductionPercent, decimal BelowDeductionPercent, decimal SignificantlyBelowDeductionPercent)
{
    public static TargetView From(KpiTarget t) => new(
        Kpis.ToKey(t.Kpi), t.Direction == KpiDirection.HigherIsBetter ? "higherIsBetter" : "lowerIsBetter", Kpis.Unit(t.Kpi), t.TargetValue,
        t.SlightlyBelowUpToPercent, t.BelowUpToPercent, t.SlightlyBelowDeductionPercent, t.BelowDeductionPercent, t.SignificantlyBelowDeductionPercent);

    public TargetInput ToInput() => new(Kpi, Target, SlightlyBelowUpToPercent, BelowUpToPercent, SlightlyBelowDeductionPercent, BelowDeductionPercent, SignificantlyBelowDeductionPercent);
}

public sealed record ApiKeyView(string Prefix, DateTime IssuedAt, string IssuedBy, bool Active, DateTime? RevokedAt)
{
    public static ApiKeyView From(SystemApiKey k) => new(k.Prefix, k.IssuedAtUtc, k.IssuedBy, k.IsActive, k.RevokedAtUtc);
}

/// <summary>A key as issued: the secret is in this answer only.</summary>
public sealed record IssuedApiKey(string Key, string Prefix, DateTime IssuedAt);

public sealed record ObservationView(Guid Id, string Period, string Kpi, decimal Value, string Source, DateTime RecordedAt, string RecordedBy)
{
    public static ObservationView From(KpiObservation o) =>
        new(o.Id, o.Period, Kpis.ToKey(o.Kpi), o.Value, o.Source.ToString().ToLowerInvariant(), o.RecordedAtUtc, o.RecordedBy);
}

public sealed record RatingView(string Kpi, decimal? Value, decimal Target, decimal? MissPercent, string Band, decimal DeductionPercent, decimal DeductionYuan);

public sealed record StatementView(
    Guid Id, Guid SystemId, string Period, decimal MonthlyFeeYuan, decimal DeductionYuan, decimal PaymentYuan, bool Idle, string? IdleReason,
    [property: JsonIgnore] Phrase? IdlePhrase, DateTime RatedAt, IReadOnlyList<RatingView> Ratings)
{
    /// <summary>Why the system was idle that month, in the request's language (reports render <see cref="IdlePhrase"/> in theirs).</summary>
    [JsonPropertyOrder(-1)]
    public string? IdleDescription => IdlePhrase is null ? null : PortalText.Render(IdlePhrase);

    public static StatementView From(MonthlyStatement s) => new(
        s.Id, s.SystemId, s.Period, s.MonthlyFeeYuan, s.DeductionYuan, s.PaymentYuan, s.Idle, IdleReasons.ToKey(s.IdleReason), s.DescribeIdle(), s.RatedAtUtc,
        [.. s.Ratings.OrderBy(r => r.Kpi).Select(r => new RatingView(Kpis.ToKey(r.Kpi), r.Value, r.TargetValue, r.MissPercent, Bands.ToKey(r.Band), r.DeductionPercent, r.DeductionYuan))]);
}

public sealed record SystemDetail(
    SystemSummary System, IReadOnlyList<TargetView> Targets, ApiKeyView? ApiKey, IReadOnlyList<ObservationView> Observations,
    IReadOnlyList<StatementView> Statements);

/// <summary>The outcome of a rating run: how many statements were made and which systems were idle.</summary>
public sealed record RatingRun(int Rated, int Idle, IReadOnlyList<StatementView> Statements);

/// <summary>One refused line of a CSV import: its row number in the file (the header is row 1) and why.</summary>
public sealed record CsvRowProblem(int Row, Phrase Message);

/// <summary>Rating bands as the API names them: <c>met</c>, <c>slightlyBelow</c>, <c>below</c>, <c>significantlyBelow</c>, <c>missing</c>.</summary>
public static class Bands
{
    public static string ToKey(RatingBand band) => band switch
    {
        RatingBand.Met => "met",
        RatingBand.SlightlyBelow => "slightlyBelow",
        RatingBand.Below => "below",
        RatingBand.SignificantlyBelow => "significantlyBelow",
        _ => "missing",
    };

    /// <summary>The band as people read it (English text, the key of its translation).</summary>
    public static string Label(string key) => key switch
    {
        "met" => "Met",
        "slightlyBelow" => "Slightly below",
        "below" => "Below",
        "significantlyBelow" => "Significantly below",
        _ => "Missing",
    };
}

public static class IdleReasons
{
    public static string? ToKey(IdleReason? reason) => reason switch
    {
        IdleReason.LowUsage => "lowUsage",
        IdleReason.NoData => "noData",
        _ => null,
    };
}
