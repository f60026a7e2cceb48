namespace Portal.Domain;

/// <summary>
/// A rule of the domain was broken. The message is written for the person who caused it and is shown
/// as is in the UI and in API problem details; <see cref="Field"/> names the input at fault, if any.
/// </summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
