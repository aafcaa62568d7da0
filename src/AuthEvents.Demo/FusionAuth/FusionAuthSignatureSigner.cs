using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.FusionAuth;
using Jose;

namespace AuthEvents.Demo.FusionAuth;

/// <summary>
/// Produces <c>X-FusionAuth-Signature-JWT</c> values the way FusionAuth does (docs/protocols/fusionauth.md, "Signed JWT"), for the demo sender and
/// tests: header <c>{"alg","typ":"JWT","kid"}</c>, payload <c>{"request_body_sha256":"&lt;base64&gt;"}</c> where the claim is
/// the standard, padded base64 of the SHA-256 of the body. Signed by jose-jwt, which writes FusionAuth's header member
/// order, so the reference JWT is reproduced byte for byte (docs/protocols/jose.md).
/// </summary>
/// <remarks>
/// HMAC (HS256/384/512), RSA (RS256/384/512, PS256/384/512) and EC (ES256/384/512, chosen by curve) are supported; EdDSA
/// is not. An RSA or ECDsa key passed in stays owned by the caller, who disposes it.
/// </remarks>
public sealed class FusionAuthSignatureSigner
{
    private readonly object _key;
    private readonly JwsAlgorithm _algorithm;
    private readonly Dictionary<string, object> _headers;

    private FusionAuthSignatureSigner(string algorithm, string? keyId, object key)
    {
        Algorithm = algorithm;
        KeyId = string.IsNullOrEmpty(keyId) ? null : keyId;
        _key = key;
        _algorithm = JwtAlgorithms.ForJoseJwt(algorithm);

        // jose-jwt writes alg first, then typ and these, in order.
        _headers = KeyId is null ? new() { ["typ"] = "JWT" } : new() { ["typ"] = "JWT", ["kid"] = KeyId };
    }

    /// <summary>The JWS algorithm written into the header.</summary>
    public string Algorithm { get; }

    /// <summary>The <c>kid</c> written into the header; null to leave it out.</summary>
    public string? KeyId { get; }

    /// <summary>A signer with an HMAC secret (its UTF-8 bytes); <paramref name="algorithm"/> is HS256 (default), HS384 or HS512.</summary>
    public static FusionAuthSignatureSigner ForHmac(string secret, string? keyId = null, string algorithm = JwtAlgorithms.Hs256)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!JwtAlgorithms.Hmac.Contains(algorithm))
        {
            throw new ArgumentException("Use HS256, HS384 or HS512.", nameof(algorithm));
        }

        return new(algorithm, keyId, Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>A signer with an RSA private key; <paramref name="algorithm"/> is RS256 (default), RS384, RS512, PS256, PS384 or PS512.</summary>
    public static FusionAuthSignatureSigner ForRsa(RSA privateKey, string? keyId = null, string algorithm = JwtAlgorithms.Rs256)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!JwtAlgorithms.Rsa.Contains(algorithm))
        {
            throw new ArgumentException("Use RS256, RS384, RS512, PS256, PS384 or PS512.", nameof(algorithm));
        }

        return new(algorithm, keyId, privateKey);
    }

    /// <summary>A signer with an EC private key on P-256 (ES256), P-384 (ES384) or P-521 (ES512).</summary>
    public static FusionAuthSignatureSigner ForECDsa(ECDsa privateKey, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var algorithm = JwtAlgorithms.ForCurve(privateKey.ExportParameters(false).Curve)
            ?? throw new ArgumentException("The key must be on P-256, P-384 or P-521.", nameof(privateKey));
        return new(algorithm, keyId, privateKey);
    }

    /// <summary>Returns the compact JWT for <paramref name="rawBody"/>, the exact bytes that will be sent.</summary>
    public string Sign(ReadOnlySpan<byte> rawBody)
    {
        // Written as text and signed as is: a JSON encoder would escape '+' as \u002B, which FusionAuth does not do.
        var payload = "{\"" + FusionAuthSignatureVerifier.BodyHashClaim + "\":\"" + Convert.ToBase64String(SHA256.HashData(rawBody)) + "\"}";
        return JWT.Encode(payload, _key, _algorithm, _headers);
    }
}
