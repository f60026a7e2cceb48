namespace Portal.Domain;

/// <summary>
/// Argument checks that raise <see cref="DomainException"/>: the exception names the field by its code, the sentence
/// names it by its label (<see cref="FieldLabels"/>).
/// </summary>
internal static class Guard
{
    public static string Text(string? value, string field, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            throw new DomainException(new Phrase("{0} is required.", FieldLabels.For(field)), field);
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(new Phrase("{0} must be at most {1} characters.", FieldLabels.For(field), maxLength), field);
        }
        return trimmed;
    }

    public static decimal Money(decimal value, string field, bool allowZero = true)
    {
        if (value < 0 || (!allowZero && value == 0))
        {
            throw new DomainException(allowZero
                ? new Phrase("{0} cannot be negative.", FieldLabels.For(field))
                : new Phrase("{0} must be greater than zero.", FieldLabels.For(field)), field);
        }
        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException(new Phrase("{0} cannot have more than two decimal places (fen).", FieldLabels.For(field)), field);
        }
        return value;
    }

    public static int NonNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new DomainException(new Phrase("{0} cannot be negative.", FieldLabels.For(field)), field);
        }
        return value;
    }

    public static DateTime Utc(DateTime value, string field)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new DomainException(new Phrase("{0} must be a UTC time.", FieldLabels.For(field)), field);
        }
        return value;
    }
}
