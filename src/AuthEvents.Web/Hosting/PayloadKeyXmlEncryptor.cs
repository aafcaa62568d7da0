using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using AuthEvents.Store;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// Encrypts ASP.NET data-protection keys (the antiforgery and circuit keys) before they are written, with AES-256-GCM
/// under a key derived by HKDF-SHA256 from the store's payload key. Written by hand only because the framework's own
/// encryptors need Windows DPAPI or a certificate; with <c>DataProtection:Certificate:Path</c> set, the certificate is
/// used instead. <see cref="PayloadKeyXmlDecryptor"/> reads them back.
/// </summary>
public sealed class PayloadKeyXmlEncryptor(KeyRing keys) : IXmlEncryptor
{
    internal const string ElementName = "aesGcmEncryptedKey";
    internal const int Version = 1;
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    // The derivation's info and the cipher's associated data: this key serves this purpose only.
    private static readonly byte[] Purpose = "AuthEvents.Dashboard data-protection keys v1"u8.ToArray();

    private readonly byte[] _key = DeriveKey(keys ?? throw new ArgumentNullException(nameof(keys)));

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var element = new XElement(ElementName,
            new XAttribute("version", Version),
            new XComment(" AES-256-GCM under a key derived from Storage:PayloadKey (HKDF-SHA256). "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(PayloadKeyXmlDecryptor));
    }

    /// <summary>The key-encryption key: HKDF-SHA256 of the payload key, for this purpose only.</summary>
    internal static byte[] DeriveKey(KeyRing keys) => HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.PayloadKey, 32, [], Purpose);

    /// <summary>Decrypts what <see cref="Encrypt"/> wrote (with the same associated data).</summary>
    internal static byte[] Open(byte[] key, byte[] nonce, byte[] tag, byte[] ciphertext)
    {
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, Purpose);
        return plaintext;
    }
}
