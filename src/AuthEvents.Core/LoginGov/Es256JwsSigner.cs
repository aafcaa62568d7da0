using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Signs a SET as a compact JWS with ES256, as Login.gov does when <c>attempts_api_signing_enabled</c> is on (ruby-jwt:
/// header <c>{"alg":"ES256"}</c> only, signature as the 64-byte IEEE P1363 R‖S). The JWS then becomes the JWE plaintext.
/// Used by demo and test transmitters.
/// </summary>
/// <remarks>The key is borrowed: the caller keeps it alive and disposes it.</remarks>
public sealed class Es256JwsSigner
{
    // Base64url of {"alg":"ES256"}, byte for byte what ruby-jwt emits.
    private const string ProtectedHeader = "eyJhbGciOiJFUzI1NiJ9";

    private readonly ECDsa _key;

    /// <summary>Creates a signer with a P-256 private key.</summary>
    /// <exception cref="ArgumentException">The key is not on curve P-256.</exception>
    public Es256JwsSigner(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!LoginGovSigningKeys.IsP256(privateKey))
        {
            throw new ArgumentException("ES256 needs a key on curve P-256.", nameof(privateKey));
        }

        _key = privateKey;
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="payload"/> (the SET JSON) and returns the compact JWS.</summary>
    public string Sign(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var signingInput = ProtectedHeader + "." + Base64UrlText.Encode(Encoding.UTF8.GetBytes(payload));
        var signature = _key.SignData(
            Encoding.ASCII.GetBytes(signingInput),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64UrlText.Encode(signature);
    }

    /// <summary>
    /// The public key as a JWKS document, shaped like Login.gov's <c>/api/attempts-certs</c>:
    /// <c>{"keys":[{"kty":"EC","crv":"P-256","x":…,"y":…,"alg":"ES256","use":"sig","kid":…}]}</c>, where <c>kid</c> is the
    /// RFC 7638 thumbprint.
    /// </summary>
    public string ExportJwks()
    {
        var q = _key.ExportParameters(false).Q;
        var x = Base64UrlText.Encode(q.X);
        var y = Base64UrlText.Encode(q.Y);
        var thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        var kid = Base64UrlText.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(thumbprintInput)));
        return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y
            + "\",\"alg\":\"ES256\",\"use\":\"sig\",\"kid\":\"" + kid + "\"}]}";
    }
}
