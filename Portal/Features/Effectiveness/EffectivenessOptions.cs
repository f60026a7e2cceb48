using Portal.Domain.Effectiveness;

namespace Portal.Features.Effectiveness;

/// <summary>The <c>Effectiveness</c> settings section: when a delivered system counts as idle. Checked at start.</summary>
public sealed class EffectivenessOptions
{
    public const string Section = "Effectiveness";

    /// <summary>Idle when no observation has arrived for more than this many days (35 by default: a whole month missed).</summary>
    public int IdleAfterDays { get; set; } = IdleRule.DefaultAfterDays;

    /// <summary>Idle when the usage rate is below this percentage (20 by default).</summary>
    public decimal IdleUsageRate { get; set; } = IdleRule.DefaultUsageRateBelow;

    public IdleRule Rule => IdleRule.Create(IdleAfterDays, IdleUsageRate);

    /// <summary>Null when the settings make sense, else the reason (for the start-up check).</summary>
    public string? Problem()
    {
        try
        {
            _ = Rule;
            return null;
        }
        catch (Portal.Domain.DomainException ex)
        {
            return ex.Message;
        }
    }
}
