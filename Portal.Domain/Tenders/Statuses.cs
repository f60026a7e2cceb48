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
