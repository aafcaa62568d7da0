using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Tokens;
using AuthEvents.Core.Webhooks;
using Jose;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.FusionAuth;

/// <summary>
/// Verifies FusionAuth signed webhooks (1.48.0+; docs/protocols/fusionauth.md, "Signed JWT"): the compact JWT in <c>X-FusionAuth-Signature-JWT</c>
/// must be signed by a configured key with an algorithm that key allows, and its <c>request_body_sha256</c> claim must
/// equal the standard, padded base64 of the SHA-256 of the raw body.
/// </summary>
/// <remarks>
/// <para>The allowed algorithms come from the configured keys, never from the token: <c>none</c> and any algorithm no
/// configured key allows are rejected, so an HS256 token cannot be checked against an RSA public key.</para>
/// <para>Key choice: a key whose <see cref="FusionAuthVerificationKey.KeyId"/> equals the JWT's <c>kid</c> is used when
/// there is one; otherwise keys configured without an id (typically HMAC secrets copied from Key Master) are tried in
/// turn. Several keys may be configured at once for rotation.</para>
/// <para>IdentityModel reads the JWT and verifies RSA and EC signatures; jose-jwt verifies HMAC, because IdentityModel refuses
/// HMAC secrets shorter than the hash (docs/protocols/jose.md). This class adds only FusionAuth's rules: key choice, the
/// algorithms each key allows and the body hash.</para>
/// <para>The JWT carries no <c>iat</c>, <c>exp</c> or <c>aud</c>, so it gives no replay protection: deduplicate on
/// <c>event.id</c> and bound <c>event.createInstant</c>. EdDSA (Ed25519) signatures cannot be verified: neither library
/// verifies Ed25519.</para>
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

    private static readonly JsonWebTokenHandler Handler = new();

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
        var parts = jwt.Split('.');
        if (jwt.Length > MaxJwtLength || parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0
            || !parts.All(CanonicalBase64Url.IsCanonical) || !TryRead(jwt, out var token))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        if (!token.TryGetHeaderValue<string>("alg", out var algorithm))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        // RFC 7515 §4.1.11: a recipient must reject a JWS whose crit lists extensions it does not understand (all of them).
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtCriticalHeader);
        }

        if (!AllowedAlgorithms.Contains(algorithm))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.AlgorithmNotAllowed);
        }

        var candidates = SelectKeys(algorithm, token.TryGetHeaderValue<string>("kid", out var keyId) ? keyId : null);
        if (candidates.Count == 0)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.UnknownKeyId);
        }

        if (parts[2].Length == 0)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.JwtMalformed);
        }

        var verified = JwtAlgorithms.Hmac.Contains(algorithm)
            ? HmacVerifies(jwt[..jwt.LastIndexOf('.')], parts[2], algorithm, candidates)
            : PublicKeyVerifies(token, algorithm, candidates);
        if (!verified)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.SignatureMismatch);
        }

        // Asked for as object: IdentityModel would render a number as a string.
        if (!token.TryGetPayloadValue<object>(BodyHashClaim, out var value) || value is not string claimed)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.BodyHashClaimMissing);
        }

        // Standard base64 with padding (not base64url), as FusionAuth writes it.
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA256.HashData(rawBody)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(claimed))
            ? WebhookVerification.Valid
            : WebhookVerification.Rejected(WebhookRejectionReasons.BodyHashMismatch);
    }

    private static bool TryRead(string jwt, out JsonWebToken token)
    {
        try
        {
            token = Handler.ReadJsonWebToken(jwt);
            return true;
        }
        catch (ArgumentException)
        {
            // Also SecurityTokenMalformedException. The message may quote the token, so it is dropped.
            token = null!;
            return false;
        }
    }

    private static bool HmacVerifies(string signingInput, string signature, string algorithm, List<FusionAuthVerificationKey> candidates)
    {
        // jose-jwt's HMAC over the JWT text as received (RFC 7515 §5.2); the header was read and checked above.
        var hmac = JWT.DefaultSettings.Jws(algorithm);
        var input = Encoding.ASCII.GetBytes(signingInput);
        var mac = Base64UrlEncoder.DecodeBytes(signature);
        return candidates.Any(key => hmac.Verify(mac, input, key.HmacSecret));
    }

    private static bool PublicKeyVerifies(JsonWebToken token, string algorithm, List<FusionAuthVerificationKey> candidates)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = candidates.Select(k => k.AsymmetricKey!),
            ValidAlgorithms = [algorithm],
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,

            // The JWT has no iss, aud or exp; the body hash and the event's createInstant stand in for them.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };

        // With the keys given and no configuration manager, validation completes synchronously.
        return Handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult().IsValid;
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
}
