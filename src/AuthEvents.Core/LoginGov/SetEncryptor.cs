using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Encrypts a Security Event Token to a service provider's RSA public key the way Login.gov's Attempts API does
/// (Ruby <c>jwe</c> gem 1.1.1): compact JWE, RSA-OAEP (SHA-1) key wrap, A256GCM, DEFLATE. Used by demo and test
/// transmitters; the importer only decrypts.
/// </summary>
/// <remarks>
/// The protected header is <c>{"alg":"RSA-OAEP","enc":"A256GCM","typ":"secevent+jwe","zip":"DEF","kid":"…"}</c>, members
/// in that order, because the base64url header is the AES-GCM additional data and a byte-identical header keeps the
/// output comparable with Login.gov's. The RSA key is borrowed: the caller keeps it alive and disposes it.
/// </remarks>
public sealed class SetEncryptor
{
    private const int CekSize = 32;
    private const int IvSize = 12;
    private const int TagSize = 16;

    private readonly RSA _recipient;
    private readonly string _protectedHeader;
    private readonly byte[] _additionalData;

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
        var zip = compression == SetCompression.None ? "" : "\"zip\":\"DEF\",";
        var headerJson = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"typ\":\"secevent+jwe\"," + zip + "\"kid\":\"" + KeyId + "\"}";
        _protectedHeader = Base64UrlText.Encode(Encoding.UTF8.GetBytes(headerJson));
        _additionalData = Encoding.ASCII.GetBytes(_protectedHeader);
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
        var payload = Compress(Encoding.UTF8.GetBytes(plaintext));
        var cek = RandomNumberGenerator.GetBytes(CekSize);
        try
        {
            var encryptedKey = _recipient.Encrypt(cek, RSAEncryptionPadding.OaepSHA1);
            var iv = RandomNumberGenerator.GetBytes(IvSize);
            var ciphertext = new byte[payload.Length];
            var tag = new byte[TagSize];
            using (var aes = new AesGcm(cek, TagSize))
            {
                aes.Encrypt(iv, payload, ciphertext, tag, _additionalData);
            }

            return string.Join(
                '.',
                _protectedHeader,
                Base64UrlText.Encode(encryptedKey),
                Base64UrlText.Encode(iv),
                Base64UrlText.Encode(ciphertext),
                Base64UrlText.Encode(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    private byte[] Compress(byte[] plain)
    {
        if (Compression == SetCompression.None)
        {
            return plain;
        }

        using var output = new MemoryStream();
        using (Stream compressor = Compression == SetCompression.Zlib
            ? new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(plain);
        }

        return output.ToArray();
    }
}
