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
    Closed,
    Evaluating,
    Awarded,
    Contracted,
    Unsuccessful,
}
