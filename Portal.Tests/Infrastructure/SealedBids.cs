using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Opening;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Sealed bidding as a bidder's own system does it through the API (sealed with <see cref="ReferenceSealer"/>), and
/// the opening: the job run directly with the test clock moved, never waited for.
/// </summary>
public static class SealedBids
{
    /// <summary>Seals and submits a bid under a new key; the key is returned for the opening.</summary>
    public static async Task<(HttpResponseMessage Response, byte[] Key)> SubmitAsync(HttpClient bidder, Guid lotId, decimal priceYuan, string proposal)
    {
        var key = ReferenceSealer.NewKey();
        var response = await bidder.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids", ReferenceSealer.SealBid(key, lotId, priceYuan, proposal));
        return (response, key);
    }

    /// <summary>Seals and uploads an attachment of the caller's bid under its key.</summary>
    public static Task<HttpResponseMessage> AttachAsync(HttpClient bidder, Guid lotId, byte[] key, string fileName, byte[] document)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(fileName), "fileName" },
            { new ByteArrayContent(ReferenceSealer.SealAttachment(key, lotId, fileName, document)), "file", "sealed.bin" },
        };
        return bidder.PostAsync($"/api/v1/lots/{lotId}/bids/mine/attachments", form);
    }

    public static Task<HttpResponseMessage> UnsealAsync(HttpClient bidder, Guid lotId, byte[] key) =>
        bidder.PostAsJsonAsync($"/api/v1/lots/{lotId}/bids/mine/unseal", new { key = Convert.ToBase64String(key) });

    /// <summary>Runs the opening job as Hangfire would at a deadline or a window's end.</summary>
    public static async Task<int> RunOpeningJobAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpeningJob>().RunAsync();
    }

    /// <summary>
    /// Moves the clock just past <paramref name="deadline"/>, runs the opening job, and has each bidder decrypt its
    /// bid (each must answer 200); the lot's opening is then complete. Clients are signed in anew after the move.
    /// </summary>
    public static async Task OpenAsync(PortalApp app, DateTimeOffset deadline, Guid lotId, params (string Email, byte[] Key)[] bidders)
    {
        if (app.Clock.GetUtcNow() <= deadline)
        {
            app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        }
        await RunOpeningJobAsync(app);
        foreach (var (email, key) in bidders)
        {
            using var bidder = await app.CreateClientForAsync(email);
            var response = await UnsealAsync(bidder, lotId, key);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} could not unseal: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
