using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.FusionAuth;

/// <summary>
/// One key that may have signed a FusionAuth webhook JWT, with the JWS algorithms it may be used with. An HMAC secret
/// allows HS256/HS384/HS512; an RSA public key RS256/384/512 and PS256/384/512; an EC public key only the ES algorithm
/// of its curve (P-256 → ES256, P-384 → ES384, P-521 → ES512), as RFC 7518 §3.4 pairs them. Keeping the algorithms on
/// the key is what stops key confusion: an RSA public key is never used as an HMAC secret.
/// </summary>
/// <remarks>
/// EdDSA (Ed25519, JWK <c>kty</c> <c>OKP</c>) keys are not supported: neither IdentityModel nor jose-jwt verifies Ed25519.
/// Configure an HMAC, RSA or EC signing key in FusionAuth Key Master instead. RSA and EC keys are IdentityModel keys,
/// HMAC secrets are used by jose-jwt (docs/protocols/jose.md). Instances hold only public key material or the HMAC secret
/// and are safe to share between requests.
/// </remarks>
public sealed class FusionAuthVerificationKey
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const int MinimumRsaModulusBytes = 256;

    private FusionAuthVerificationKey(string? keyId, IReadOnlyList<string> algorithms, byte[]? hmacSecret, AsymmetricSecurityKey? publicKey)
    {
        KeyId = string.IsNullOrEmpty(keyId) ? null : keyId;
        Algorithms = algorithms.ToFrozenSet(StringComparer.Ordinal);
        HmacSecret = hmacSecret;
        AsymmetricKey = publicKey;
    }

    /// <summary>
    /// The key id (<c>kid</c>) this key answers to. A key with an id is used only for JWTs naming that id; a key
    /// without one is tried for any JWT whose algorithm it allows.
    /// </summary>
    public string? KeyId { get; }

    /// <summary>The JWS algorithms (RFC 7518 names) this key may verify.</summary>
    public IReadOnlySet<string> Algorithms { get; }

    /// <summary>The HMAC secret's bytes, for jose-jwt; null for a public key.</summary>
    internal byte[]? HmacSecret { get; }

    /// <summary>The RSA or EC public key, for IdentityModel; null for an HMAC secret.</summary>
    internal AsymmetricSecurityKey? AsymmetricKey { get; }

    /// <summary>An HMAC secret as FusionAuth Key Master shows it, used as its UTF-8 bytes, for HS256, HS384 and HS512.</summary>
    public static FusionAuthVerificationKey FromHmacSecret(string secret, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return new(keyId, JwtAlgorithms.Hmac, Encoding.UTF8.GetBytes(secret), null);
    }

    /// <summary>
    /// A public key in PEM: <c>PUBLIC KEY</c> (RSA or EC SubjectPublicKeyInfo), <c>RSA PUBLIC KEY</c> (PKCS#1) or
    /// <c>CERTIFICATE</c> (the key of an X.509 certificate, as Key Master exports it). Private keys are refused: the
    /// receiver never needs one. RSA keys must have at least 2048 bits; EC keys must be on P-256, P-384 or P-521.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds no usable public key.</exception>
    public static FusionAuthVerificationKey FromPem(string pem, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new ArgumentException("No PEM block was found.", nameof(pem));
        }

        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            switch (label)
            {
                case "RSA PUBLIC KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPublicKey(der, out _);
                        return FromRsaParameters(rsa.ExportParameters(false), keyId, null)
                            ?? throw new ArgumentException("RSA keys must have at least 2048 bits.", nameof(pem));
                    }

                case "PUBLIC KEY":
                    return FromPublicKey(PublicKey.CreateFromSubjectPublicKeyInfo(der, out _), keyId, out var spkiError)
                        ?? throw new ArgumentException(spkiError, nameof(pem));

                case "CERTIFICATE":
                    using (var certificate = X509CertificateLoader.LoadCertificate(der))
                    {
                        return FromPublicKey(certificate.PublicKey, keyId, out var certificateError)
                            ?? throw new ArgumentException(certificateError, nameof(pem));
                    }

                default:
                    throw new ArgumentException("Expected a PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE PEM block.", nameof(pem));
            }
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The PEM block does not hold a valid public key.", nameof(pem), ex);
        }
    }

    /// <summary>An RSA public key from its parameters, or null when it is shorter than 2048 bits.</summary>
    internal static FusionAuthVerificationKey? FromRsaParameters(RSAParameters parameters, string? keyId, string? algorithm)
    {
        var modulus = parameters.Modulus.AsSpan().TrimStart((byte)0);
        if (modulus.Length < MinimumRsaModulusBytes || parameters.Exponent is not { Length: > 0 })
        {
            return null;
        }

        var publicOnly = new RSAParameters { Modulus = parameters.Modulus, Exponent = parameters.Exponent };
        return new(keyId, algorithm is null ? JwtAlgorithms.Rsa : [algorithm], null, new RsaSecurityKey(publicOnly));
    }

    /// <summary>An EC public key from its parameters, or null when its curve has no JWS algorithm.</summary>
    /// <exception cref="CryptographicException">The point is not on the curve.</exception>
    internal static FusionAuthVerificationKey? FromEcParameters(ECParameters parameters, string? keyId)
    {
        var algorithm = JwtAlgorithms.ForCurve(parameters.Curve);
        if (algorithm is null)
        {
            return null;
        }

        // The key lives as long as this object (IdentityModel keeps using it), so it is never disposed.
        var publicOnly = ECDsa.Create(new ECParameters { Curve = parameters.Curve, Q = parameters.Q });
        return new(keyId, [algorithm], null, new ECDsaSecurityKey(publicOnly));
    }

    private static FusionAuthVerificationKey? FromPublicKey(PublicKey publicKey, string? keyId, out string error)
    {
        error = "Only RSA and EC public keys are supported (no Ed25519: neither IdentityModel nor jose-jwt verifies EdDSA).";
        switch (publicKey.Oid.Value)
        {
            case RsaOid:
                using (var rsa = publicKey.GetRSAPublicKey())
                {
                    error = "RSA keys must have at least 2048 bits.";
                    return rsa is null ? null : FromRsaParameters(rsa.ExportParameters(false), keyId, null);
                }

            case EcOid:
                using (var ecdsa = publicKey.GetECDsaPublicKey())
                {
                    error = "EC keys must be on P-256, P-384 or P-521.";
                    return ecdsa is null ? null : FromEcParameters(ecdsa.ExportParameters(false), keyId);
                }

            default:
                return null;
        }
    }
}
