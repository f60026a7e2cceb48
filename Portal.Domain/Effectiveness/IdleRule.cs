using System.Globalization;

namespace Portal.Domain.Effectiveness;

/// <summary>Why a system is flagged idle.</summary>
public enum IdleReason
{
    LowUsage,
    NoData,
}

/// <summary>A system flagged idle, with the reason in words (rendered in each reader's language).</summary>
public sealed record IdleFinding(IdleReason Reason, Phrase Description);

/// <summary>
/// The seed's failure, caught: a system is idle when its usage rate is below <see cref="UsageRateBelow"/> percent, or
/// when no observation has arrived for more than <see cref="AfterDays"/> days (counted from delivery when none ever did).
/// </summary>
public sealed record IdleRule(int AfterDays, decimal UsageRateBelow)
{
    public const int DefaultAfterDays = 35;
    public const decimal DefaultUsageRateBelow = 20m;

    public static IdleRule Default { get; } = new(DefaultAfterDays, DefaultUsageRateBelow);

    /// <summary>A rule whose numbers make sense: 1 to 366 days, a usage rate between 0 and 100%.</summary>
    public static IdleRule Create(int afterDays, decimal usageRateBelow)
    {
        if (afterDays is < 1 or > 366)
        {
            throw new DomainException("Effectiveness:IdleAfterDays must be between 1 and 366 days.", "IdleAfterDays");
        }
        if (usageRateBelow is < 0 or > 100)
        {
            throw new DomainException("Effectiveness:IdleUsageRate is a percentage between 0 and 100.", "IdleUsageRate");
        }
        return new IdleRule(afterDays, usageRateBelow);
    }

    /// <summary>
    /// Idle by usage when a usage rate is known and below the threshold; otherwise idle by missing data when the last
    /// data (or the start of operation) is more than <see cref="AfterDays"/> whole days before now; null when in use.
    /// </summary>
    public IdleFinding? Assess(decimal? usageRate, DateTime lastDataAtUtc, DateTime nowUtc)
    {
        if (usageRate is { } usage && usage < UsageRateBelow)
        {
            return new IdleFinding(IdleReason.LowUsage,
                new Phrase("Usage {0}% is below the idle threshold of {1}%.", Number(usage), Number(UsageRateBelow)));
        }
        var silentDays = (int)Math.Floor((nowUtc - lastDataAtUtc).TotalDays);
        return silentDays > AfterDays
            ? new IdleFinding(IdleReason.NoData, new Phrase("No data for {0} days (idle after {1}).", silentDays, AfterDays))
            : null;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
