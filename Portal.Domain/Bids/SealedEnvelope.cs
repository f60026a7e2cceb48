using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Bids;

/// <summary>
/// A bid sealed by its bidder (format <c>sealed-bid/1</c>): AES-256-GCM under the bidder's own opening key, a 12-byte
/// iv, the 16-byte tag appended to the ciphertext, and the lot id (or <c>{lotId}/{fileName}</c> for an attachment) as
/// associated data. The portal holds only this until the opening (电子招标投标办法 Art. 31): nobody can read the bid
/// without the key, which stays with the bidder until it unseals the bid in the opening window.
/// </summary>
public sealed class SealedEnvelope
{
    public const string Format = "sealed-bid/1";
    public const int KeyBytes = 32;
    public const int IvBytes = 12;
    public const int TagBytes = 16;

    /// <summary>
    /// The largest sealed bid body: the proposal's 20,000 characters as escaped JSON (up to six bytes each) with the
    /// price and the braces fit well within it.
    /// </summary>
    public const int MaxCiphertextBytes = 192 * 1024;

    private SealedEnvelope(byte[] iv, byte[] ciphertext)
    {
        Iv = iv;
        Ciphertext = ciphertext;
    }

    public byte[] Iv { get; }

    /// <summary>The ciphertext with its 16-byte GCM tag at the end.</summary>
    public byte[] Ciphertext { get; }

    /// <summary>
    /// Checks an envelope as a client sent it (format, base64 of a 12-byte iv, base64 ciphertext with its tag, at most
    /// <paramref name="maxCiphertextBytes"/>), naming the field at fault.
    /// </summary>
    public static SealedEnvelope Parse(string? format, string? iv, string? ciphertext, int maxCiphertextBytes = MaxCiphertextBytes, string field = "sealed")
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            throw new DomainException("Say the envelope's format: sealed-bid/1.", $"{field}.format");
        }
        if (format != Format)
        {
            throw new DomainException("Unknown envelope format: the portal accepts sealed-bid/1.", $"{field}.format");
        }
        var ivBytes = Base64(iv, $"{field}.iv");
        if (ivBytes.Length != IvBytes)
        {
            throw new DomainException("The iv must be 12 random bytes in base64.", $"{field}.iv");
        }
        if (ciphertext is { } text && text.Length > (maxCiphertextBytes + 2) / 3 * 4 + 4)
        {
            throw DomainException.TooLarge("The sealed bid is larger than the portal accepts: shorten the proposal.", $"{field}.ciphertext");
        }
        var sealedBytes = Base64(ciphertext, $"{field}.ciphertext");
        if (sealedBytes.Length <= TagBytes)
        {
            throw new DomainException("The ciphertext must carry the encrypted bid and its 16-byte authentication tag.", $"{field}.ciphertext");
        }
        if (sealedBytes.Length > maxCiphertextBytes)
        {
            throw DomainException.TooLarge("The sealed bid is larger than the portal accepts: shorten the proposal.", $"{field}.ciphertext");
        }
        return new SealedEnvelope(ivBytes, sealedBytes);
    }

    /// <summary>An envelope as stored (iv, ciphertext with tag).</summary>
    public static SealedEnvelope FromStored(byte[] iv, byte[] ciphertext) => new(iv, ciphertext);

    /// <summary>
    /// Reads an attachment as uploaded: <c>iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes)</c>; false when it is too short
    /// to be one.
    /// </summary>
    public static bool TrySplit(byte[] upload, out SealedEnvelope envelope)
    {
        envelope = null!;
        if (upload.Length <= IvBytes + TagBytes)
        {
            return false;
        }
        envelope = new SealedEnvelope(upload[..IvBytes], upload[IvBytes..]);
        return true;
    }

    /// <summary>The opening key in base64, checked: 32 bytes (AES-256).</summary>
    public static byte[] ParseKey(string? key)
    {
        var bytes = Base64(key?.Trim(), "key");
        if (bytes.Length != KeyBytes)
        {
            throw new DomainException("The opening key is 32 bytes in base64 (44 characters ending in =): paste it as the key file holds it.", "key");
        }
        return bytes;
    }

    /// <summary>The associated data of a bid's envelope: its lot id, lower-case and hyphenated.</summary>
    public static byte[] BidAad(Guid lotId) => Encoding.UTF8.GetBytes(lotId.ToString("D"));

    /// <summary>The associated data of an attachment's envelope: <c>{lotId}/{fileName}</c>.</summary>
    public static byte[] AttachmentAad(Guid lotId, string fileName) => Encoding.UTF8.GetBytes($"{lotId:D}/{fileName}");

    /// <summary>Decrypts with the key and checks the tag; false when the key (or the data) does not match.</summary>
    public bool TryOpen(byte[] key, byte[] aad, out byte[] plaintext)
    {
        plaintext = new byte[Ciphertext.Length - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(Iv, Ciphertext.AsSpan(0, plaintext.Length), Ciphertext.AsSpan(plaintext.Length), plaintext, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            plaintext = [];
            return false;
        }
    }

    /// <summary>
    /// Seals content as a bidder's device does (for the portal's own replays of its demo history and benchmarks; a
    /// real bidder seals in its browser or its own system).
    /// </summary>
    public static SealedEnvelope Seal(byte[] key, byte[] plaintext, byte[] aad)
    {
        var iv = RandomNumberGenerator.GetBytes(IvBytes);
        var sealedBytes = new byte[plaintext.Length + TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(iv, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), aad);
        return new SealedEnvelope(iv, sealedBytes);
    }

    /// <summary>The bytes of a sealed attachment upload: iv ‖ ciphertext ‖ tag.</summary>
    public byte[] ToUpload() => [.. Iv, .. Ciphertext];

    private static byte[] Base64(string? value, string field)
    {
        var isKey = field == "key";
        if (string.IsNullOrWhiteSpace(value))
        {
            throw isKey
                ? new DomainException("Paste or open your opening key.", field)
                : new DomainException("This part of the envelope is missing.", field);
        }
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw isKey
                ? new DomainException("The opening key is not valid base64: paste it as the key file holds it.", field)
                : new DomainException("This part of the envelope is not valid base64 (RFC 4648, standard alphabet with padding).", field);
        }
    }
}
