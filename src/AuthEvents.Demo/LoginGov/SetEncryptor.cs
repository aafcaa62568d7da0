using System.Security.Cryptography;
using AuthEvents.Core.LoginGov;
using Jose;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Encrypts a Security Event Token to a service provider's RSA public key the way Login.gov's Attempts API does
/// (Ruby <c>jwe</c> gem 1.1.1): compact JWE, RSA-OAEP (SHA-1) key wrap, A256GCM, DEFLATE, through jose-jwt (IdentityModel
/// cannot encrypt A256GCM; docs/protocols/jose.md). Used by demo and test transmitters; the importer only decrypts.
/// </summary>
/// <remarks>
/// The protected header is <c>{"alg":"RSA-OAEP","enc":"A256GCM","typ":"secevent+jwe","zip":"DEF","kid":"…"}</c>, members
/// in that order, because the base64url header is the AES-GCM additional data and a byte-identical header keeps the
/// output comparable with Login.gov's. The RSA key is borrowed: the caller keeps it alive and disposes it.
/// </remarks>
public sealed class SetEncryptor
{
    private readonly RSA _recipient;
    private readonly Dictionary<string, object> _headers;
    private readonly JwtSettings _settings;

    /// <summary>Creates an encryptor for the service provider whose public key is <paramref name="recipientPublicKey"/>.</summary>
    public SetEncryptor(RSA recipientPublicKey, SetCompression compression = SetCompression.RawDeflate)
    {
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        if (!Enum.IsDefined(compression))
        {
            throw new ArgumentOutOfRangeException(nameof(compression));
        }

        _recipient = recipientPublicKey;
        Compression = compression;
        KeyId = LoginGovKeyRing.ComputeKid(recipientPublicKey);

        // jose-jwt writes alg and enc first, then these in order; it sets zip in place, so naming it here keeps the gem's order.
        _headers = compression == SetCompression.None
            ? new() { ["typ"] = "secevent+jwe", ["kid"] = KeyId }
            : new() { ["typ"] = "secevent+jwe", ["zip"] = "DEF", ["kid"] = KeyId };
        _settings = new JwtSettings().RegisterCompression(
            JweCompression.DEF, new SetDeflate(long.MaxValue, zlibOnCompress: compression == SetCompression.Zlib));
    }

    /// <summary>The <c>kid</c> written to every header: <see cref="LoginGovKeyRing.ComputeKid"/> of the recipient key.</summary>
    public string KeyId { get; }

    /// <summary>How the plaintext is compressed.</summary>
    public SetCompression Compression { get; }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/>: the SET JSON, or a compact JWS from <see cref="Es256JwsSigner"/> when the
    /// transmitter signs. Every call draws a fresh content key and IV.
    /// </summary>
    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return JWT.Encode(
            plaintext,
            _recipient,
            JweAlgorithm.RSA_OAEP,
            JweEncryption.A256GCM,
            Compression == SetCompression.None ? null : JweCompression.DEF,
            _headers,
            _settings);
    }
}
