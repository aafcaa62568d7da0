using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// Verifies FusionAuth signed webhooks (1.48.0+, protocols.md §4.3): the compact JWT in <c>X-FusionAuth-Signature-JWT</c>
/// must be signed by a configured key with an algorithm that key allows, and its <c>request_body_sha256</c> claim must
/// equal the standard, padded base64 of the SHA-256 of the raw body.
/// </summary>
/// <remarks>
/// <para>The allowed algorithms come from the configured keys, never from the token: <c>none</c> and any algorithm no
/// configured key allows are rejected, so an HS256 token cannot be checked against an RSA public key.</para>
/// <para>Key choice: a key whose <see cref="FusionAuthVerificationKey.KeyId"/> equals the JWT's <c>kid</c> is used when
/// there is one; otherwise keys configured without an id (typically HMAC secrets copied from Key Master) are tried in
/// turn. Several keys may be configured at once for rotation.</para>
/// <para>The JWT carries no <c>iat</c>, <c>exp</c> or <c>aud</c>, so it gives no replay protection: deduplicate on
/// <c>event.id</c> and bound <c>event.createInstant</c>. EdDSA (Ed25519) signatures cannot be verified: .NET has no
/// built-in Ed25519.</para>
/// <para>Instances are immutable and safe to share between requests.</para>
/// </remarks>
public sealed class FusionAuthSignatureVerifier
{
    /// <summary>The header carrying the JWT.</summary>
    public const string HeaderName = "X-FusionAuth-Signature-JWT";

    /// <summary>The payload claim holding the body hash.</summary>
    public const string BodyHashClaim = "request_body_sha256";

    // A FusionAuth signature JWT is a few hundred characters; this bounds the work a forged header can cause.
    private const int MaxJwtLength = 16 * 1024;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private readonly FusionAuthVerificationKey[] _keys;

    /// <summary>Creates a verifier for one or more keys (HMAC secrets, PEM public keys, keys read from a JWKS).</summary>
    public FusionAuthSignatureVerifier(IEnumerable<FusionAuthVerificationKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToArray();
        if (_keys.Length == 0 || _keys.Any(k => k is null))
        {
            throw new ArgumentException("At least one verification key is required, and none may be null.", nameof(keys));
        }

        AllowedAlgorithms = _keys.SelectMany(k => k.Algorithms).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The JWS algorithms accepted: the union of what the configured keys allow.</summary>
    public IReadOnlySet<string> AllowedAlgorithms { get; }

    /// <summary>
    /// Verifies the <c>X-FusionAuth-Signature-JWT</c> value against the raw body bytes as received (before any JSON
    /// parsing). Checks, in order: JWT shape, <c>alg</c> allowed, key found, signature, then the body hash claim.
    /// </summary>
    public WebhookVerification Verify(string? signatureJwt, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrWhiteSpace(signatureJwt))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMissing);
        }

        var jwt = signatureJwt.Trim();
        var firstDot = jwt.IndexOf('.', StringComparison.Ordinal);
        var lastDot = jwt.LastIndexOf('.');
        if (jwt.Length > MaxJwtLength || firstDot <= 0 || lastDot == firstDot || jwt.IndexOf('.', firstDot + 1) != lastDot
            || lastDot == firstDot + 1)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        if (!TryReadJsonObject(jwt.AsSpan(0, firstDot), out var header))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        string? algorithm;
        string? keyId;
        using (header)
        {
            var root = header.RootElement;
            if (!root.TryGetProperty("alg", out var algElement) || algElement.ValueKind != JsonValueKind.String)
            {
                return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
            }

            // RFC 7515 §4.1.11: a recipient must reject a JWS whose crit lists extensions it does not understand (all of them).
            if (root.TryGetProperty("crit", out _))
            {
                return WebhookVerification.Rejected(WebhookRejectionReasons.JwtCriticalHeader);
            }

            algorithm = algElement.GetString();
            keyId = null;
            if (root.TryGetProperty("kid", out var kidElement))
            {
                if (kidElement.ValueKind != JsonValueKind.String)
                {
                    return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
                }

                keyId = kidElement.GetString();
            }
        }

        if (algorithm is null || !AllowedAlgorithms.Contains(algorithm))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.AlgorithmNotAllowed);
        }

        var candidates = SelectKeys(algorithm, keyId);
        if (candidates.Count == 0)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.UnknownKeyId);
        }

        if (!JwtAlgorithms.TryDecodeBase64Url(jwt.AsSpan(lastDot + 1), out var signature) || signature.Length == 0)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        // The signing input is the JWT text as received (RFC 7515 §5.2), never a re-encoding of the decoded parts.
        var signingInput = Encoding.ASCII.GetBytes(jwt[..lastDot]);
        var verified = false;
        foreach (var key in candidates)
        {
            verified |= key.VerifySignature(algorithm, signingInput, signature);
        }

        if (!verified)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.SignatureMismatch);
        }

        return CheckBodyHash(jwt.AsSpan(firstDot + 1, lastDot - firstDot - 1), rawBody);
    }

    private List<FusionAuthVerificationKey> SelectKeys(string algorithm, string? keyId)
    {
        var usable = _keys.Where(k => k.Algorithms.Contains(algorithm)).ToList();
        if (keyId is null)
        {
            return usable;
        }

        var named = usable.Where(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal)).ToList();
        return named.Count > 0 ? named : usable.Where(k => k.KeyId is null).ToList();
    }

    private static WebhookVerification CheckBodyHash(ReadOnlySpan<char> payloadSegment, ReadOnlySpan<byte> rawBody)
    {
        if (!TryReadJsonObject(payloadSegment, out var payload))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        using (payload)
        {
            if (!payload.RootElement.TryGetProperty(BodyHashClaim, out var claim) || claim.ValueKind != JsonValueKind.String)
            {
                return WebhookVerification.Rejected(WebhookRejectionReasons.BodyHashClaimMissing);
            }

            // Standard base64 with padding (not base64url), as FusionAuth writes it.
            var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA256.HashData(rawBody)));
            var claimed = Encoding.UTF8.GetBytes(claim.GetString() ?? "");
            return CryptographicOperations.FixedTimeEquals(expected, claimed)
                ? WebhookVerification.Valid
                : WebhookVerification.Rejected(WebhookRejectionReasons.BodyHashMismatch);
        }
    }

    private static bool TryReadJsonObject(ReadOnlySpan<char> segment, [NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        if (!JwtAlgorithms.TryDecodeBase64Url(segment, out var json))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, StrictJson);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }
}
