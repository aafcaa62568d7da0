using System.Security.Cryptography;
using System.Xml.Linq;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

/// <summary>Data-protection keys encrypted under the store's payload key: readable back with that key only, and tamper-evident.</summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PayloadKeyXmlEncryptorTests
{
    private static readonly XElement MasterKey = XElement.Parse("<masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    [Fact]
    public void Encrypt_MasterKey_NoPlaintextAndReadBackWhole()
    {
        var keys = Keys(1);

        var encrypted = new PayloadKeyXmlEncryptor(keys).Encrypt(MasterKey);

        Assert.Equal(typeof(PayloadKeyXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(MasterKey.ToString(), Decryptor(keys).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void Encrypt_SameKeyTwice_DifferentCiphertexts()
    {
        var encryptor = new PayloadKeyXmlEncryptor(Keys(1));

        Assert.NotEqual(encryptor.Encrypt(MasterKey).EncryptedElement.ToString(), encryptor.Encrypt(MasterKey).EncryptedElement.ToString());
    }

    [Fact]
    public void Decrypt_AnotherPayloadKey_Refused()
    {
        var encrypted = new PayloadKeyXmlEncryptor(Keys(1)).Encrypt(MasterKey).EncryptedElement;

        Assert.ThrowsAny<CryptographicException>(() => Decryptor(Keys(2)).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    public void Decrypt_OnePartChanged_Refused(string part)
    {
        var keys = Keys(1);
        var encrypted = new PayloadKeyXmlEncryptor(keys).Encrypt(MasterKey).EncryptedElement;
        var bytes = Convert.FromBase64String(encrypted.Element(part)!.Value);
        bytes[0] ^= 1;
        encrypted.Element(part)!.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => Decryptor(keys).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("<aesGcmEncryptedKey version=\"2\"><nonce>AAAAAAAAAAAAAAAA</nonce><tag>AAAAAAAAAAAAAAAAAAAAAA==</tag><ciphertext>AA==</ciphertext></aesGcmEncryptedKey>")]
    [InlineData("<aesGcmEncryptedKey version=\"1\"><nonce>not base64!</nonce><tag>AAAAAAAAAAAAAAAAAAAAAA==</tag><ciphertext>AA==</ciphertext></aesGcmEncryptedKey>")]
    [InlineData("<aesGcmEncryptedKey version=\"1\"><tag>AAAAAAAAAAAAAAAAAAAAAA==</tag><ciphertext>AA==</ciphertext></aesGcmEncryptedKey>")]
    [InlineData("<somethingElse />")]
    public void Decrypt_NotWhatTheEncryptorWrote_CryptographicError(string xml)
    {
        Assert.ThrowsAny<CryptographicException>(() => Decryptor(Keys(1)).Decrypt(XElement.Parse(xml)));
    }

    private static KeyRing Keys(byte fill) => KeyRing.Load(
        new StoreOptions { PayloadKey = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()), LinkingKey = Convert.ToBase64String(new byte[32]) },
        TestSecrets.Fresh());

    private static PayloadKeyXmlDecryptor Decryptor(KeyRing keys) => new(new ServiceCollection().AddSingleton(keys).BuildServiceProvider());
}
