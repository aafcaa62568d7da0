using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthEvents.Core.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LoginGovKeyRingTests
{
    [Fact]
    public void FromPem_Pkcs1AndPkcs8OfOneKey_SameKidLoadedOnce()
    {
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        using var keys = LoginGovKeyRing.FromPem([rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem()]);

        Assert.Equal([LoginGovKeyRing.ComputeKid(rsa)], keys.Kids);
        Assert.True(keys.TryGet(keys.Kids[0], out var found));
        Assert.Equal(rsa.ExportRSAPublicKey(), found.ExportRSAPublicKey());
    }

    [Fact]
    public void FromPem_TwoKeysInOneText_LoadsBothInOrder()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA + "\n" + TestLoginGovKeys.RsaB]);

        Assert.Equal(
            [LoginGovKeyRing.ComputeKidFromPem(TestLoginGovKeys.RsaA), LoginGovKeyRing.ComputeKidFromPem(TestLoginGovKeys.RsaB)],
            keys.Kids);
    }

    [Fact]
    public void FromPem_CertificateBesideTheKey_SkipsTheCertificate()
    {
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var request = new CertificateRequest("CN=sp.example.gov", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        using var keys = LoginGovKeyRing.FromPem([certificate.ExportCertificatePem() + "\n" + TestLoginGovKeys.RsaA]);

        Assert.Equal([LoginGovKeyRing.ComputeKid(rsa)], keys.Kids);
    }

    [Fact]
    public void FromPem_PublicKeyOnly_ThrowsWithoutKeyMaterial()
    {
        var publicPem = LoginGovVectors.PublicKeyPem;

        var ex = Assert.Throws<ArgumentException>(() => LoginGovKeyRing.FromPem([publicPem]));

        Assert.Contains("no unencrypted RSA private key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_EncryptedPrivateKey_Throws()
    {
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var ex = Assert.Throws<ArgumentException>(() => LoginGovKeyRing.FromPem([encrypted]));

        Assert.Contains("encrypted private keys are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_EcPrivateKey_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => LoginGovKeyRing.FromPem([TestLoginGovKeys.EcA]));

        Assert.Contains("not a valid RSA private key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_NoTexts_Throws()
    {
        Assert.Throws<ArgumentException>(() => LoginGovKeyRing.FromPem([]));
    }

    [Fact]
    public void TryGet_UppercaseKid_Found()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);

        Assert.True(keys.TryGet(keys.Kids[0].ToUpperInvariant(), out _));
    }

    [Fact]
    public void TryGet_UnknownKid_False()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);

        Assert.False(keys.TryGet(new string('0', 64), out var key));
        Assert.Null(key);
    }

    [Fact]
    public void ComputeKid_Key_LowercaseHexSha256OfPkcs1PublicKey()
    {
        using var rsa = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        var kid = LoginGovKeyRing.ComputeKid(rsa);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey())).ToLowerInvariant(), kid);
        Assert.Matches("^[0-9a-f]{64}$", kid);
        Assert.Equal(kid, LoginGovKeyRing.ComputeKidFromPem(rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal(kid, LoginGovKeyRing.ComputeKidFromPem(rsa.ExportRSAPublicKeyPem()));
    }

    [Fact]
    public void TryGet_AfterDispose_Throws()
    {
        var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        keys.Dispose();

        Assert.Throws<ObjectDisposedException>(() => keys.TryGet(keys.Kids[0], out _));
    }
}
