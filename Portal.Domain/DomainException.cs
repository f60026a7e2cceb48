namespace Portal.Domain;

/// <summary>
/// A rule of the domain was broken. The message is written for the person who caused it and is shown
/// as is in the UI and in API problem details; <see cref="Field"/> names the input at fault, if any, and
/// <see cref="Kind"/> says whether the input was wrong, the caller may not do this, or the state does not allow it.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>A constant message: its English text is its translation key.</summary>
    public DomainException(string message, string? field = null, DomainErrorKind kind = DomainErrorKind.Invalid)
        : this(Phrase.Of(message), field, kind)
    {
    }

    /// <summary>A message with arguments, rendered in each reader's language (<see cref="Phrase"/>).</summary>
    public DomainException(Phrase phrase, string? field = null, DomainErrorKind kind = DomainErrorKind.Invalid)
        : base(phrase.ToString())
    {
        Phrase = phrase;
        Field = field;
        Kind = kind;
    }

    /// <summary>What the rule says, as a code and arguments; <see cref="Exception.Message"/> is its English text.</summary>
    public Phrase Phrase { get; }

    public string? Field { get; }

    public DomainErrorKind Kind { get; }

    public static DomainException Forbidden(string message) => new(message, kind: DomainErrorKind.Forbidden);

    public static DomainException Forbidden(Phrase phrase) => new(phrase, kind: DomainErrorKind.Forbidden);

    public static DomainException Conflict(string message, string? field = null) => new(message, field, DomainErrorKind.Conflict);

    public static DomainException Conflict(Phrase phrase, string? field = null) => new(phrase, field, DomainErrorKind.Conflict);

    public static DomainException TooLarge(string message, string field) => new(message, field, DomainErrorKind.TooLarge);

    public static DomainException TooLarge(Phrase phrase, string field) => new(phrase, field, DomainErrorKind.TooLarge);
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
