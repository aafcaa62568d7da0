using System.Security.Cryptography;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// RFC 9530 <c>Content-Digest</c>: an RFC 8941 dictionary from algorithm name to the byte sequence of the body's digest,
/// e.g. <c>sha-256=:wqT1…kQU=:</c>. Verification accepts <c>sha-256</c> and <c>sha-512</c>, ignores algorithms it does not
/// know (RFC 9530 §2 lets a sender list several), requires at least one it knows, and requires every one it knows to match.
/// </summary>
public static class ContentDigest
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "Content-Digest";

    /// <summary>The RFC 9530 algorithm key for SHA-256.</summary>
    public const string Sha256 = "sha-256";

    /// <summary>The RFC 9530 algorithm key for SHA-512.</summary>
    public const string Sha512 = "sha-512";

    /// <summary>
    /// Builds a <c>Content-Digest</c> field value for <paramref name="body"/>, e.g. <c>sha-256=:…:</c>.
    /// <paramref name="algorithm"/> is <see cref="Sha256"/> (the default) or <see cref="Sha512"/>.
    /// </summary>
    public static string Create(ReadOnlySpan<byte> body, string algorithm = Sha256)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var digest = Hash(algorithm, body) ?? throw new ArgumentException("Use sha-256 or sha-512.", nameof(algorithm));
        return algorithm + "=:" + Convert.ToBase64String(digest) + ":";
    }

    /// <summary>
    /// Checks a received <c>Content-Digest</c> field value against the raw body bytes, comparing digests in constant time.
    /// Rejects a missing or malformed header, a header with no supported algorithm, and any supported digest that differs.
    /// </summary>
    public static WebhookVerification Verify(string? fieldValue, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(fieldValue))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.ContentDigestMissing);
        }

        if (!StructuredFields.TryParseDictionary(fieldValue, out var members))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.ContentDigestMalformed);
        }

        var checkedAny = false;
        var allMatch = true;
        foreach (var (algorithm, member) in members)
        {
            var actual = Hash(algorithm, body);
            if (actual is null)
            {
                continue; // RFC 9530 §2: ignore algorithms we do not support
            }

            if (member.Item is not byte[] claimed)
            {
                return WebhookVerification.Rejected(WebhookRejectionReasons.ContentDigestMalformed);
            }

            checkedAny = true;
            allMatch &= CryptographicOperations.FixedTimeEquals(actual, claimed);
        }

        if (!checkedAny)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.ContentDigestAlgorithmUnsupported);
        }

        return allMatch ? WebhookVerification.Valid : WebhookVerification.Rejected(WebhookRejectionReasons.ContentDigestMismatch);
    }

    private static byte[]? Hash(string algorithm, ReadOnlySpan<byte> body) => algorithm switch
    {
        Sha256 => SHA256.HashData(body),
        Sha512 => SHA512.HashData(body),
        _ => null,
    };
}
