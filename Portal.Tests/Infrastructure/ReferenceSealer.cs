using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The envelope <c>sealed-bid/1</c> written from its specification (docs/api.md), independently of the portal's own
/// code, as another city system would: a bid is AES-256-GCM under the bidder's key with the lot id as associated data;
/// an attachment is iv ‖ ciphertext ‖ tag with <c>{lotId}/{fileName}</c> as associated data; the receipt is the
/// SHA-256 of the lines <c>sealed-bid/1</c>, lot id, iv, ciphertext (base64) and one <c>attachment {sha256} {name}</c>
/// per document.
/// </summary>
public static class ReferenceSealer
{
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The JSON body of <c>POST /lots/{id}/bids</c> for a price and proposal, sealed under <paramref name="key"/>.</summary>
    public static SealedBody SealBid(byte[] key, Guid lotId, decimal priceYuan, string proposal, byte[]? iv = null) =>
        SealPlaintext(key, lotId, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { priceYuan, proposal })), iv);

    /// <summary>Any plaintext sealed as a bid (for content the portal must find invalid once opened).</summary>
    public static SealedBody SealPlaintext(byte[] key, Guid lotId, byte[] plaintext, byte[]? iv = null)
    {
        var (nonce, sealedBytes) = Encrypt(key, plaintext, Encoding.UTF8.GetBytes(lotId.ToString("D")), iv);
        return new SealedBody(new SealedPart("sealed-bid/1", Convert.ToBase64String(nonce), Convert.ToBase64String(sealedBytes)));
    }

    /// <summary>The bytes of a sealed attachment upload: iv ‖ ciphertext ‖ tag.</summary>
    public static byte[] SealAttachment(byte[] key, Guid lotId, string fileName, byte[] document)
    {
        var (nonce, sealedBytes) = Encrypt(key, document, Encoding.UTF8.GetBytes($"{lotId:D}/{fileName}"), null);
        return [.. nonce, .. sealedBytes];
    }

    /// <summary>The receipt a bidder computes for what it sealed (attachments: file name and the SHA-256 of the upload).</summary>
    public static string Receipt(Guid lotId, SealedPart envelope, params (string FileName, byte[] Upload)[] attachments)
    {
        var lines = new List<string> { "sealed-bid/1", lotId.ToString("D"), envelope.Iv, envelope.Ciphertext };
        lines.AddRange(attachments.Select(a => $"attachment {Convert.ToHexStringLower(SHA256.HashData(a.Upload))} {a.FileName}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static (byte[] Iv, byte[] Sealed) Encrypt(byte[] key, byte[] plaintext, byte[] aad, byte[]? iv)
    {
        var nonce = iv ?? RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(key, 16))
        {
            gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
        }
        return (nonce, [.. ciphertext, .. tag]);
    }
}

public sealed record SealedBody(SealedPart Sealed);

public sealed record SealedPart(string Format, string Iv, string Ciphertext);
