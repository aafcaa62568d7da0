using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.Privacy;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of personal identifiers such as e-mail addresses, phone numbers and device
/// cookies, so that events can be linked across providers without storing the identifier. Without the key
/// the hashes cannot be reversed by guessing common values. Deterministic for a given key.
/// </summary>
public sealed class LinkingHasher
{
    private readonly byte[] _key;

    /// <summary>Creates a hasher with a secret key of at least 32 bytes.</summary>
    public LinkingHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The linking key must be at least 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>
    /// Hashes <paramref name="value"/> within a <paramref name="kind"/> (<c>email</c>, <c>phone</c>, <c>device</c>),
    /// so that equal values of different kinds never collide. Returns <c>kind:</c> and 24 lowercase hex digits,
    /// or null for a null or blank value.
    /// </summary>
    public string? Hash(string kind, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + "\n" + value));
        return kind + ":" + Convert.ToHexStringLower(mac.AsSpan(0, 12));
    }

    /// <summary>Hashes an e-mail address after normalizing it (trimmed, lower-cased), for the cross-provider person key.</summary>
    public string? HashEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Hash("email", email.Trim().ToLowerInvariant());

    /// <summary>Hashes a phone number after keeping only its digits (and a leading +).</summary>
    public string? HashPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
        }

        return digits.Length == 0 ? null : Hash("phone", digits.ToString());
    }
}
