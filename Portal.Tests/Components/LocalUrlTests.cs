using Portal.Components.Shared;

namespace Portal.Tests.Components;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/tenders", "/tenders")]
    [InlineData("/supplier/profile?tab=2", "/supplier/profile?tab=2")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void OnlyPathsOfThisSiteAreKept(string? url, string expected) => Assert.Equal(expected, LocalUrl.OrHome(url));
}
