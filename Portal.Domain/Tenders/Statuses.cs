namespace Portal.Domain.Tenders;

public enum TenderStatus
{
    Draft,
    Published,

    /// <summary>Copied from another system by an OCDS import: read-only here.</summary>
    Imported,
}

/// <summary>Each lot moves on its own once the tender is published.</summary>
public enum LotStatus
{
    Draft,
    Open,

    /// <summary>From the deadline, for the opening window: bidders decrypt their bids (开标).</summary>
    Opening,

    /// <summary>The opening is over and its record published; evaluation may start.</summary>
    Closed,
    Evaluating,
    Awarded,
    Contracted,
    Unsuccessful,
}

/// <summary>What a lot's status means, asked by pages and services instead of comparing states.</summary>
public static class LotStatusExtensions
{
    /// <summary>The lot's outcome is decided: awarded (and perhaps contracted) or declared unsuccessful.</summary>
    public static bool IsDecided(this LotStatus status) => status is LotStatus.Awarded or LotStatus.Contracted or LotStatus.Unsuccessful;

    /// <summary>The deadline has passed and the opening has begun (or is over): the opening record exists.</summary>
    public static bool HasOpened(this LotStatus status) => status is not (LotStatus.Draft or LotStatus.Open);
}
