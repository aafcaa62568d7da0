using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using AuthEvents.Store;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AuthEvents.Web.Hosting;

/// <summary>
/// Reads back a data-protection key that <see cref="PayloadKeyXmlEncryptor"/> encrypted. The framework creates it by type
/// name from the key file, with the application's services. Under a payload key other than the one it was written with, or
/// altered, a key fails to decrypt, and the framework makes a new one rather than use it.
/// </summary>
public sealed class PayloadKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly byte[] _key = PayloadKeyXmlEncryptor.DeriveKey(
        (services ?? throw new ArgumentNullException(nameof(services))).GetRequiredService<KeyRing>());

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != PayloadKeyXmlEncryptor.ElementName || (int?)encryptedElement.Attribute("version") != PayloadKeyXmlEncryptor.Version)
        {
            throw new CryptographicException("Not a data-protection key this version of the dashboard encrypted.");
        }

        var plaintext = PayloadKeyXmlEncryptor.Open(_key, Part(encryptedElement, "nonce"), Part(encryptedElement, "tag"), Part(encryptedElement, "ciphertext"));
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Part(XElement encrypted, string name)
    {
        try
        {
            return Convert.FromBase64String((string?)encrypted.Element(name) ?? throw new CryptographicException($"The encrypted key has no {name}."));
        }
        catch (FormatException ex)
        {
            throw new CryptographicException($"The encrypted key's {name} is not base64.", ex);
        }
    }
}
