namespace Portal.Features.Reports;

/// <summary>The <c>Reports</c> settings section: how long the reports page keeps a background run's PDF. Checked at start.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The longest a run may be kept: a year.</summary>
    public const int MaximumKeepRunsForHours = 366 * 24;

    /// <summary>Hours a run's PDF stays downloadable after the run started (24 by default); then the run shows as expired.</summary>
    public int KeepRunsForHours { get; set; } = 24;

    public TimeSpan KeepRunsFor => TimeSpan.FromHours(KeepRunsForHours);

    public bool IsValid => KeepRunsForHours is >= 1 and <= MaximumKeepRunsForHours;
}
