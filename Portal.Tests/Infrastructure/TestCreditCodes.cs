using Portal.Domain.Suppliers;

namespace Portal.Tests.Infrastructure;

public static class TestCreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// A valid unified social credit code nobody else in the test run uses: <paramref name="prefix"/> (type and region, 8
    /// characters), nine random characters and the check character.
    /// </summary>
    public static string New(string prefix)
    {
        var body = prefix + string.Concat(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]));
        return body + CreditCode.CheckCharacter(body);
    }
}
