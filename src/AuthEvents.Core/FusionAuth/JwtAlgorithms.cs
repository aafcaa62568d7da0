using System.Security.Cryptography;

namespace AuthEvents.Core.FusionAuth;

/// <summary>The JWS algorithms (RFC 7518 §3) FusionAuth can sign webhooks with, and the curve each ES algorithm needs.</summary>
public static class JwtAlgorithms
{
    /// <summary>HMAC with SHA-256.</summary>
    public const string Hs256 = "HS256";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    public const string Rs256 = "RS256";

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    public const string Es256 = "ES256";

    /// <summary>ECDSA on P-384 with SHA-384.</summary>
    public const string Es384 = "ES384";

    /// <summary>ECDSA on P-521 with SHA-512.</summary>
    public const string Es512 = "ES512";

    /// <summary>The HMAC algorithms, keyed with a shared secret.</summary>
    public static readonly IReadOnlyList<string> Hmac = [Hs256, "HS384", "HS512"];

    /// <summary>The RSA algorithms, PKCS#1 v1.5 and PSS.</summary>
    public static readonly IReadOnlyList<string> Rsa = [Rs256, "RS384", "RS512", "PS256", "PS384", "PS512"];

    /// <summary>jose-jwt's name for a JWS algorithm of <see cref="Hmac"/>, <see cref="Rsa"/> or the ES family.</summary>
    public static Jose.JwsAlgorithm ForJoseJwt(string algorithm) => Enum.Parse<Jose.JwsAlgorithm>(algorithm);

    // RFC 7518 §3.4 ties each ES algorithm to one curve; OIDs as .NET reports them.
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string P384Oid = "1.3.132.0.34";
    private const string P521Oid = "1.3.132.0.35";

    /// <summary>The ES algorithm for a NIST curve, or null for any other curve (secp256k1, Brainpool, explicit curves).</summary>
    public static string? ForCurve(ECCurve curve) => curve.IsNamed ? curve.Oid.Value switch
    {
        P256Oid => Es256,
        P384Oid => Es384,
        P521Oid => Es512,
        _ => null,
    } : null;

    /// <summary>The curve for a JWK <c>crv</c> (RFC 7518 §6.2.1.1) and its coordinate length in bytes.</summary>
    public static bool TryGetJwkCurve(string? crv, out ECCurve curve, out int coordinateLength)
    {
        (curve, coordinateLength) = crv switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        return coordinateLength != 0;
    }
}
