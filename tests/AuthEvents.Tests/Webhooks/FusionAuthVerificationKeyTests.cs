using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Webhooks.FusionAuthTestKeys;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FusionAuthVerificationKeyTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":{}}");

    [Fact]
    public void FromPem_RsaPkcs1PublicKey_Verifies()
    {
        var key = FusionAuthVerificationKey.FromPem(FusionAuthTestKeys.Rsa.ExportRSAPublicKeyPem());
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa).Sign(Body);
        Assert.True(new FusionAuthSignatureVerifier([key]).Verify(jwt, Body).IsValid);
    }

    [Fact]
    public void FromPem_Certificate_UsesItsPublicKey()
    {
        var request = new CertificateRequest("CN=fusionauth-test", FusionAuthTestKeys.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var key = FusionAuthVerificationKey.FromPem(certificate.ExportCertificatePem(), "cert-1");

        Assert.Equal("cert-1", key.KeyId);
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "cert-1").Sign(Body);
        Assert.True(new FusionAuthSignatureVerifier([key]).Verify(jwt, Body).IsValid);
    }

    [Fact]
    public void FromPem_PrivateKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => FusionAuthVerificationKey.FromPem(FusionAuthTestKeys.Rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void FromPem_Rsa1024_Throws()
    {
        using var weak = RSA.Create(1024);
        Assert.Throws<ArgumentException>(() => FusionAuthVerificationKey.FromPem(weak.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void FromPem_NonNistCurve_Throws()
    {
        using ECDsa brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        Assert.Throws<ArgumentException>(() => FusionAuthVerificationKey.FromPem(brainpool.ExportSubjectPublicKeyInfoPem()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void FromPem_NoUsableKey_Throws(string pem)
    {
        Assert.ThrowsAny<ArgumentException>(() => FusionAuthVerificationKey.FromPem(pem));
    }

    [Fact]
    public void FromHmacSecret_AllowsOnlyHmacAlgorithms()
    {
        Assert.Equal(["HS256", "HS384", "HS512"], FusionAuthVerificationKey.FromHmacSecret("s").Algorithms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_JwksWithUnsupportedKeys_SkipsThemWithNotes()
    {
        using var weak = RSA.Create(1024);
        var p256 = P256.ExportParameters(false);
        var offCurveY = (byte[])p256.Q.Y!.Clone();
        offCurveY[^1] ^= 0x01;
        var jwks = FusionAuthJwks.Parse(Jwks(
            RsaJwk(FusionAuthTestKeys.Rsa, "good-rsa"),
            "{\"kty\":\"OKP\",\"kid\":\"ed\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
            "{\"kty\":\"oct\",\"kid\":\"sym\",\"k\":\"c2VjcmV0\"}",
            RsaJwk(weak, "weak"),
            "{\"kty\":\"EC\",\"kid\":\"off-curve\",\"crv\":\"P-256\",\"x\":\"" + B64(p256.Q.X!) + "\",\"y\":\"" + B64(offCurveY) + "\"}",
            "{\"kty\":\"EC\",\"kid\":\"k1\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}",
            "{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            "{\"kty\":\"RSA\",\"kid\":\"wrong-alg\",\"alg\":\"ES256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            EcJwk(P256, "good-ec", "P-256"),
            "42"));

        Assert.Equal(["good-rsa", "good-ec"], jwks.Keys.Select(k => k.KeyId));
        Assert.Equal(8, jwks.SkippedKeys.Count);
        Assert.Contains(jwks.SkippedKeys, note => note.StartsWith("Key 'ed'", StringComparison.Ordinal) && note.Contains("Ed25519", StringComparison.Ordinal));
        Assert.Contains(jwks.SkippedKeys, note => note.StartsWith("Key 'sym'", StringComparison.Ordinal));
        Assert.Contains(jwks.SkippedKeys, note => note.StartsWith("Key 'weak'", StringComparison.Ordinal) && note.Contains("2048", StringComparison.Ordinal));
        Assert.Contains(jwks.SkippedKeys, note => note.StartsWith("Key 'off-curve'", StringComparison.Ordinal));
        Assert.Contains(jwks.SkippedKeys, note => note.StartsWith("Key #9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":[],\"keys\":[]}")]
    public void Parse_NotAKeySet_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => FusionAuthJwks.Parse(json));
    }

    [Fact]
    public void Parse_EmptyKeySet_NoKeys()
    {
        var jwks = FusionAuthJwks.Parse("{\"keys\":[]}");
        Assert.Empty(jwks.Keys);
        Assert.Empty(jwks.SkippedKeys);
    }
}
