namespace Portal.Features.Alerts;

/// <summary>The <c>Alerts</c> settings section.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>How many best-ranked supplier profiles per new lot are told about it (when eligible).</summary>
    public int ProfileMatches { get; set; } = 20;
}
