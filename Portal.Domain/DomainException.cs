namespace Portal.Domain;

/// <summary>
/// A rule of the domain was broken. The message is written for the person who caused it and is shown
/// as is in the UI and in API problem details; <see cref="Field"/> names the input at fault, if any, and
/// <see cref="Kind"/> says whether the input was wrong, the caller may not do this, or the state does not allow it.
/// </summary>
public sealed class DomainException(string message, string? field = null, DomainErrorKind kind = DomainErrorKind.Invalid) : Exception(message)
{
    public string? Field { get; } = field;

    public DomainErrorKind Kind { get; } = kind;

    public static DomainException Forbidden(string message) => new(message, kind: DomainErrorKind.Forbidden);

    public static DomainException Conflict(string message, string? field = null) => new(message, field, DomainErrorKind.Conflict);

    public static DomainException TooLarge(string message, string field) => new(message, field, DomainErrorKind.TooLarge);
}

/// <summary>Why a request was refused: the API answers 400, 403, 409 and 413 respectively.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule (a negative price, a deadline too soon).</summary>
    Invalid,

    /// <summary>This caller may not do this (a large firm bidding on a lot reserved for SMEs).</summary>
    Forbidden,

    /// <summary>The current state does not allow it (a bid on a closed lot, a second award).</summary>
    Conflict,

    /// <summary>The input is larger than allowed (an attachment over the size limit).</summary>
    TooLarge,
}
