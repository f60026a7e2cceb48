using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Effectiveness;

/// <summary>
/// The key a delivered system posts its observations with (header <c>X-Api-Key</c>). 32 random bytes from the
/// operating system's CSPRNG, shown once when issued; the portal keeps only its SHA-256 hash and a short prefix to
/// recognise it by. A system has at most one active key: issuing a new one revokes the old.
/// </summary>
public sealed class SystemApiKey
{
    public const string SecretPrefix = "psk_";
    public const int DisplayPrefixLength = 12;
    public const int HashLength = 64;

    private SystemApiKey()
    {
        Hash = Prefix = IssuedBy = "";
    }

    public Guid Id { get; private set; }
    public Guid SystemId { get; private set; }

    /// <summary>SHA-256 of the key, lower-case hex.</summary>
    public string Hash { get; private set; }

    /// <summary>The key's first characters (<c>psk_AbCdEfGh</c>), shown to tell keys apart.</summary>
    public string Prefix { get; private set; }

    public string IssuedBy { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>A new key for a system, and its secret, which is not kept and cannot be shown again.</summary>
    public static (SystemApiKey Key, string Secret) Issue(Guid systemId, string issuedBy, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, "now");
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new SystemApiKey
        {
            Id = Guid.NewGuid(),
            SystemId = systemId,
            Hash = HashOf(secret),
            Prefix = secret[..DisplayPrefixLength],
            IssuedBy = issuedBy,
            IssuedAtUtc = nowUtc,
        };
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= Guard.Utc(nowUtc, "now");
}
