using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features;

/// <summary>The portal's icon: browsers ask for /favicon.ico on every page, and the pages link the SVG.</summary>
public sealed class FaviconTests(SqlitePortalApp app) : IClassFixture<SqlitePortalApp>
{
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task TheIconIsServed(string path, string mediaType)
    {
        using var client = app.CreateHttpClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100);
        if (path.EndsWith(".ico", StringComparison.Ordinal))
        {
            // ICONDIR: reserved 0, type 1 (icon).
            Assert.Equal([0, 0, 1, 0], bytes[..4]);
        }
    }

    [Fact]
    public async Task EveryPageLinksTheIcon()
    {
        using var client = app.CreateHttpClient();

        var html = await client.GetStringAsync("/lots");

        Assert.Contains("rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\"", html);
    }
}
