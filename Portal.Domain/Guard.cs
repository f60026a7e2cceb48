namespace Portal.Domain;

/// <summary>Argument checks that raise <see cref="DomainException"/> with a readable message.</summary>
internal static class Guard
{
    public static string Text(string? value, string field, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            throw new DomainException($"{field} is required.", field);
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{field} must be at most {maxLength} characters.", field);
        }
        return trimmed;
    }

    public static decimal Money(decimal value, string field, bool allowZero = true)
    {
        if (value < 0 || (!allowZero && value == 0))
        {
            throw new DomainException(allowZero
                ? $"{field} cannot be negative."
                : $"{field} must be greater than zero.", field);
        }
        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException($"{field} cannot have more than two decimal places (fen).", field);
        }
        return value;
    }

    public static int NonNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new DomainException($"{field} cannot be negative.", field);
        }
        return value;
    }

    public static DateTime Utc(DateTime value, string field)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new DomainException($"{field} must be a UTC time.", field);
        }
        return value;
    }
}
