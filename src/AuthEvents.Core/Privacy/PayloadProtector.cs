using System.Security.Cryptography;
using System.Text;

namespace AuthEvents.Core.Privacy;

/// <summary>
/// Encrypts raw payloads at rest with AES-256-GCM. Raw provider payloads can hold SSNs, document numbers and
/// image keys, so the inbox never stores them in clear. Layout: version byte (1), 12-byte nonce, 16-byte tag, ciphertext.
/// </summary>
public sealed class PayloadProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Creates a protector with a 32-byte key.</summary>
    public PayloadProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The payload key must be exactly 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Encrypts a UTF-8 payload.</summary>
    public byte[] Protect(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var plain = Encoding.UTF8.GetBytes(payload);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    /// <summary>Decrypts a payload written by <see cref="Protect"/>; throws <see cref="CryptographicException"/> when it was altered or the key differs.</summary>
    public string Unprotect(byte[] protectedPayload)
    {
        ArgumentNullException.ThrowIfNull(protectedPayload);
        if (protectedPayload.Length < 1 + NonceSize + TagSize || protectedPayload[0] != Version)
        {
            throw new CryptographicException("The stored payload has an unknown format.");
        }

        var cipher = protectedPayload.AsSpan(1 + NonceSize + TagSize);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(protectedPayload.AsSpan(1, NonceSize), cipher, protectedPayload.AsSpan(1 + NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
