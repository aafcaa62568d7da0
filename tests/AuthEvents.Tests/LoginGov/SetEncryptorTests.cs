using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SetEncryptorTests
{
    [Fact]
    public void Encrypt_Header_MatchesRubyGemMemberOrder()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var encryptor = new SetEncryptor(key);

        var header = TestJwe.DecodeHeader(encryptor.Encrypt(TestSets.Set()));

        Assert.Equal("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"typ\":\"secevent+jwe\",\"zip\":\"DEF\",\"kid\":\"" + encryptor.KeyId + "\"}", header);
        Assert.Equal(LoginGovKeyRing.ComputeKid(key), encryptor.KeyId);
    }

    [Fact]
    public void Encrypt_Parts_HaveA256GcmSizes()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        var parts = new SetEncryptor(key).Encrypt(TestSets.Set()).Split('.');

        Assert.Equal(5, parts.Length);
        Assert.Equal(256, Base64Url.DecodeFromChars(parts[1]).Length);
        Assert.Equal(12, Base64Url.DecodeFromChars(parts[2]).Length);
        Assert.Equal(16, Base64Url.DecodeFromChars(parts[4]).Length);
    }

    [Fact]
    public void Encrypt_RawDeflate_PayloadIsRawDeflateNotZlib()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        var payload = TestJwe.OpenPayload(TestLoginGovKeys.RsaA, new SetEncryptor(key).Encrypt(TestSets.Set()));

        Assert.Equal(TestSets.Set(), Encoding.UTF8.GetString(TestJwe.Inflate(payload, zlib: false)));
        Assert.Throws<InvalidDataException>(() => TestJwe.Inflate(payload, zlib: true));
    }

    [Fact]
    public void Encrypt_Zlib_PayloadIsZlib()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        var payload = TestJwe.OpenPayload(TestLoginGovKeys.RsaA, new SetEncryptor(key, SetCompression.Zlib).Encrypt(TestSets.Set()));

        Assert.Equal(TestSets.Set(), Encoding.UTF8.GetString(TestJwe.Inflate(payload, zlib: true)));
    }

    [Fact]
    public void Encrypt_NoCompression_OmitsZipAndEncryptsPlaintextAsIs()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var jwe = new SetEncryptor(key, SetCompression.None).Encrypt(TestSets.Set());

        Assert.DoesNotContain("\"zip\"", TestJwe.DecodeHeader(jwe), StringComparison.Ordinal);
        Assert.Equal(TestSets.Set(), Encoding.UTF8.GetString(TestJwe.OpenPayload(TestLoginGovKeys.RsaA, jwe)));
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_FreshKeyAndIv()
    {
        using var key = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var encryptor = new SetEncryptor(key);

        var first = encryptor.Encrypt(TestSets.Set()).Split('.');
        var second = encryptor.Encrypt(TestSets.Set()).Split('.');

        Assert.NotEqual(first[1], second[1]);
        Assert.NotEqual(first[2], second[2]);
        Assert.NotEqual(first[3], second[3]);
    }

    [Fact]
    public void Sign_Jws_Es256HeaderWithoutKidAndP1363SignatureThatVerifies()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);

        var parts = new Es256JwsSigner(key).Sign(TestSets.Set()).Split('.');

        // ruby-jwt writes {"alg":"ES256"}; IdentityModel always adds typ (docs/protocols/jose.md).
        Assert.Equal("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        Assert.Equal(TestSets.Set(), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Constructor_P384Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => new Es256JwsSigner(key));
    }

    [Fact]
    public void ExportJwks_LoadedWithFromJwks_VerifiesSignatures()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var signer = new Es256JwsSigner(key);
        var jws = signer.Sign("{}").Split('.');

        var loaded = LoginGovSigningKeys.FromJwks(signer.ExportJwks());

        var only = Assert.Single(loaded);
        using (only)
        {
            Assert.True(only.VerifyData(
                Encoding.ASCII.GetBytes(jws[0] + "." + jws[1]), Base64Url.DecodeFromChars(jws[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
    }
}
