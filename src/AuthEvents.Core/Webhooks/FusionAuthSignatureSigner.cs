using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// Produces <c>X-FusionAuth-Signature-JWT</c> values the way FusionAuth does (protocols.md §4.3), for the demo sender and
/// tests: header <c>{"alg","typ":"JWT","kid"}</c>, payload <c>{"request_body_sha256":"&lt;base64&gt;"}</c> where the claim is
/// the standard, padded base64 of the SHA-256 of the body.
/// </summary>
/// <remarks>
/// HMAC (HS256/384/512), RSA (RS256/384/512, PS256/384/512) and EC (ES256/384/512, chosen by curve) are supported; EdDSA
/// is not (.NET has no built-in Ed25519). An RSA or ECDsa key passed in stays owned by the caller, who disposes it.
/// </remarks>
public sealed class FusionAuthSignatureSigner
{
    private readonly Func<byte[], byte[]> _sign;

    private FusionAuthSignatureSigner(string algorithm, string? keyId, Func<byte[], byte[]> sign)
    {
        Algorithm = algorithm;
        KeyId = string.IsNullOrEmpty(keyId) ? null : keyId;
        _sign = sign;
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

        var key = Encoding.UTF8.GetBytes(secret);
        return new(algorithm, keyId, input => algorithm switch
        {
            "HS256" => HMACSHA256.HashData(key, input),
            "HS384" => HMACSHA384.HashData(key, input),
            _ => HMACSHA512.HashData(key, input),
        });
    }

    /// <summary>A signer with an RSA private key; <paramref name="algorithm"/> is RS256 (default), RS384, RS512, PS256, PS384 or PS512.</summary>
    public static FusionAuthSignatureSigner ForRsa(RSA privateKey, string? keyId = null, string algorithm = JwtAlgorithms.Rs256)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!JwtAlgorithms.Rsa.Contains(algorithm))
        {
            throw new ArgumentException("Use RS256, RS384, RS512, PS256, PS384 or PS512.", nameof(algorithm));
        }

        var padding = algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var hash = JwtAlgorithms.HashFor(algorithm);
        return new(algorithm, keyId, input => privateKey.SignData(input, hash, padding));
    }

    /// <summary>A signer with an EC private key on P-256 (ES256), P-384 (ES384) or P-521 (ES512).</summary>
    public static FusionAuthSignatureSigner ForECDsa(ECDsa privateKey, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var algorithm = JwtAlgorithms.ForCurve(privateKey.ExportParameters(false).Curve)
            ?? throw new ArgumentException("The key must be on P-256, P-384 or P-521.", nameof(privateKey));
        var hash = JwtAlgorithms.HashFor(algorithm);
        return new(algorithm, keyId, input => privateKey.SignData(input, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>Returns the compact JWT for <paramref name="rawBody"/>, the exact bytes that will be sent.</summary>
    public string Sign(ReadOnlySpan<byte> rawBody)
    {
        var header = Base64Url.EncodeToString(HeaderJson());

        // Built by hand: a JSON encoder would escape '+' as \u002B, which FusionAuth does not do.
        var payloadJson = "{\"" + FusionAuthSignatureVerifier.BodyHashClaim + "\":\"" + Convert.ToBase64String(SHA256.HashData(rawBody)) + "\"}";
        var signingInput = header + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        return signingInput + "." + Base64Url.EncodeToString(_sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private byte[] HeaderJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Algorithm);
            writer.WriteString("typ", "JWT");
            if (KeyId is not null)
            {
                writer.WriteString("kid", KeyId);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
