namespace Portal.Domain.Suppliers;

/// <summary>
/// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters — registration authority,
/// entity type, 6-digit administrative division, 9-character organisation code and a check character.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;

    /// <summary>The 31 characters allowed (no I, O, Z, S, V); a character's value is its index.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] _weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases and trims the code, then checks it; throws with the reason when it is not valid.</summary>
    public static string Normalize(string? code)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        if (Problem(normalized) is { } problem)
        {
            throw new DomainException(problem, "creditCode");
        }
        return normalized;
    }

    public static bool IsValid(string? code) => Problem((code ?? "").Trim().ToUpperInvariant()) is null;

    /// <summary>Null when the code is valid, otherwise what is wrong, in English (see <see cref="Problem"/>).</summary>
    public static string? Validate(string code) => Problem(code)?.ToString();

    /// <summary>Null when the code is valid, otherwise a sentence saying what is wrong, in each reader's language.</summary>
    public static Phrase? Problem(string code)
    {
        if (code.Length != Length)
        {
            return new Phrase("A unified social credit code has {0} characters; this one has {1}.", Length, code.Length);
        }
        foreach (var c in code)
        {
            if (!Alphabet.Contains(c))
            {
                return new Phrase("'{0}' cannot appear in a unified social credit code (letters I, O, Z, S and V are never used).", c.ToString());
            }
        }
        if (!code[2..8].All(char.IsAsciiDigit))
        {
            return Phrase.Of("Characters 3–8 of a unified social credit code are the administrative division code and must be digits.");
        }
        var expected = CheckCharacter(code[..17]);
        return code[17] == expected
            ? null
            : new Phrase("The check character of this unified social credit code should be '{0}', not '{1}': please check for a typing error.",
                expected.ToString(), code[17].ToString());
    }

    /// <summary>The 18th character computed from the first 17: 31 − (Σ value × weight mod 31), 31 becoming 0.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * _weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
