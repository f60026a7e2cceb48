using Portal.Domain;
using Portal.Domain.Suppliers;

namespace Portal.Tests.Domain;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // 福建 example widely cited with GB 32100-2015
    [InlineData("91110000600037341L")]
    public void AcceptsPublishedCodes(string code) => Assert.True(CreditCode.IsValid(code));

    [Fact]
    public void RejectsWrongCheckCharacterAndSaysWhichItShouldBe()
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize("91350100M000100Y44"));
        Assert.Equal("creditCode", ex.Field);
        Assert.Contains("'3'", ex.Message);
    }

    // Check characters computed by hand with GB 32100-2015: 31 − (Σ value × weight mod 31), 31 → '0'.
    [Theory]
    [InlineData("91440300MA5F00001A")] // letter check character
    [InlineData("91310115MA1K400028")] // digit check character
    [InlineData("92330100MA2A00003Q")] // 个体工商户 (entity type 2)
    [InlineData("121000004000000124")] // 事业单位 (authority 1)
    [InlineData("91420100MA4K000120")] // Σ mod 31 = 0, so the check character is '0'
    [InlineData("91330106MA2H00006X")]
    public void AcceptsCodesWithACorrectCheckCharacter(string code)
    {
        Assert.True(CreditCode.IsValid(code));
        Assert.Null(CreditCode.Validate(code));
        Assert.Equal(code, CreditCode.Normalize(code));
    }

    [Theory]
    [InlineData("91440300MA5F00001", 'A')]
    [InlineData("91310115MA1K40002", '8')]
    [InlineData("91420100MA4K00012", '0')]
    public void ComputesTheCheckCharacter(string first17, char expected) =>
        Assert.Equal(expected, CreditCode.CheckCharacter(first17));

    [Fact]
    public void NormalisesLowerCaseInputToUpperCase()
    {
        Assert.True(CreditCode.IsValid("91440300ma5f00001a"));
        Assert.Equal("91440300MA5F00001A", CreditCode.Normalize("91440300ma5f00001a"));
    }

    [Fact]
    public void TrimsSurroundingWhitespace()
    {
        Assert.True(CreditCode.IsValid("  91310115MA1K400028\t"));
        Assert.Equal("91310115MA1K400028", CreditCode.Normalize(" \t91310115MA1K400028 \n"));
    }

    [Theory]
    [InlineData("91310115MA1K40002", 17)]
    [InlineData("91310115MA1K4000288", 19)]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    public void RejectsWrongLengthAndSaysHowLongItIs(string code, int length)
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(code));

        Assert.Equal("creditCode", ex.Field);
        Assert.Contains("18 characters", ex.Message);
        Assert.Contains($"this one has {length}", ex.Message);
        Assert.False(CreditCode.IsValid(code));
    }

    [Fact]
    public void RejectsNull()
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(null));

        Assert.Equal("creditCode", ex.Field);
        Assert.False(CreditCode.IsValid(null));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void RejectsTheForbiddenLettersIOZSV(char letter)
    {
        // Replace the 'A' of the organisation code in an otherwise valid code.
        var code = "91440300M" + letter + "5F00001A";

        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(code));

        Assert.Equal("creditCode", ex.Field);
        Assert.Contains($"'{letter}' cannot appear", ex.Message);
        Assert.False(CreditCode.IsValid(code.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("9144-300MA5F00001A", '-')]
    [InlineData("91440300MA5F0000１A", '１')] // full-width digit one
    public void RejectsCharactersOutsideTheAlphabet(string code, char bad)
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(code));

        Assert.Contains($"'{bad}'", ex.Message);
    }

    [Theory]
    [InlineData("91A40300MA5F00001A")]
    [InlineData("914403B0MA5F00001A")]
    [InlineData("9144030YMA5F00001A")]
    public void RejectsALetterInTheAdministrativeDivisionCode(string code)
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(code));

        Assert.Equal("creditCode", ex.Field);
        Assert.Contains("administrative division", ex.Message);
    }

    [Theory]
    [InlineData("91440300MA5F00001B", 'A', 'B')]
    [InlineData("91310115MA1K400027", '8', '7')]
    [InlineData("91420100MA4K000121", '0', '1')]
    [InlineData("91440300MA5F00002A", 'D', 'A')] // one typo in the body changes the expected check character
    public void RejectsAWrongCheckCharacterNamingTheExpectedOne(string code, char expected, char actual)
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Normalize(code));

        Assert.Equal("creditCode", ex.Field);
        Assert.Contains($"should be '{expected}', not '{actual}'", ex.Message);
        Assert.Equal(ex.Message, CreditCode.Validate(code));
    }
}
