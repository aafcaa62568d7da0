using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Webhooks.FusionAuthTestKeys;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FusionAuthSignatureVerifierTests
{
    private static readonly FusionAuthVector Vector = WebhookVectors.FusionAuth;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":{\"id\":\"e502168a-b469-45d9-a079-fd45f83e0406\",\"type\":\"user.login.success\"}}");

    private static FusionAuthSignatureVerifier HmacVerifier(string? keyId = null) =>
        new([FusionAuthVerificationKey.FromHmacSecret(Vector.Secret, keyId)]);

    private static FusionAuthSignatureVerifier RsaVerifier() =>
        new([FusionAuthVerificationKey.FromPem(RsaPublicPem, "rsa-1")]);

    private static string ValidPayload(byte[] body) => "{\"request_body_sha256\":\"" + BodyHash(body) + "\"}";

    [Fact]
    public void Verify_ReferenceVector_Valid()
    {
        var result = HmacVerifier().Verify(Vector.Jwt, Vector.Body);
        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Verify_ReferenceVectorWithMatchingKeyId_Valid()
    {
        Assert.True(HmacVerifier("hmac-key-id").Verify(Vector.Jwt, Vector.Body).IsValid);
    }

    [Fact]
    public void ReferenceVector_BodyHashClaim_MatchesExpectedAndComputed()
    {
        var payload = Vector.Jwt.Split('.')[1];
        using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        var claim = claims.RootElement.GetProperty("request_body_sha256").GetString();

        Assert.Equal(Vector.ExpectedBodyHash, claim);
        Assert.Equal(Vector.ExpectedBodyHash, Convert.ToBase64String(SHA256.HashData(Vector.Body)));
    }

    [Fact]
    public void Sign_ReferenceVectorInputs_ReproducesVectorJwt()
    {
        var signer = FusionAuthSignatureSigner.ForHmac(Vector.Secret, "hmac-key-id");
        Assert.Equal(Vector.Jwt, signer.Sign(Vector.Body));
    }

    [Fact]
    public void Verify_ReferenceVectorBodyChanged_BodyHashMismatch()
    {
        var body = (byte[])Vector.Body.Clone();
        body[^3] ^= 0x01;
        Assert.Equal(WebhookRejectionReasons.BodyHashMismatch, HmacVerifier().Verify(Vector.Jwt, body).Reason);
    }

    [Fact]
    public void Verify_BodyReserialized_BodyHashMismatch()
    {
        // Same JSON, different bytes: the hash is over the raw body, so parsing and re-writing it breaks verification.
        var reserialized = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Vector.Body).Replace("{\"event\":{", "{ \"event\": {", StringComparison.Ordinal));
        Assert.NotEqual(Vector.Body, reserialized);
        Assert.Equal(WebhookRejectionReasons.BodyHashMismatch, HmacVerifier().Verify(Vector.Jwt, reserialized).Reason);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public void Verify_AlgNone_AlgorithmNotAllowed(string alg)
    {
        var jwt = B64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + B64(ValidPayload(Vector.Body)) + ".";
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, HmacVerifier().Verify(jwt, Vector.Body).Reason);
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, RsaVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_Hs256SignedWithRsaPublicKey_AlgorithmNotAllowed()
    {
        // The classic key-confusion attack: the public key's PEM text used as an HMAC secret.
        var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}", ValidPayload(Body), RsaPublicPem);
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, RsaVerifier().Verify(jwt, Body).Reason);
    }

    [Fact]
    public void Verify_Hs256SignedWithRsaPublicKeyWhileHmacAlsoConfigured_SignatureMismatch()
    {
        // HS256 is allowed here, but only ever checked against HMAC secrets, never against the RSA key's bytes.
        var verifier = new FusionAuthSignatureVerifier([
            FusionAuthVerificationKey.FromPem(RsaPublicPem, "rsa-1"),
            FusionAuthVerificationKey.FromHmacSecret(Vector.Secret)]);
        var spki = FusionAuthTestKeys.Rsa.ExportSubjectPublicKeyInfo();
        foreach (var key in new[] { Encoding.UTF8.GetBytes(RsaPublicPem), spki })
        {
            var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rsa-1\"}", ValidPayload(Body), key);
            Assert.Equal(WebhookRejectionReasons.SignatureMismatch, verifier.Verify(jwt, Body).Reason);
        }
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    [InlineData("HS1")]
    [InlineData("")]
    public void Verify_AlgorithmNoHmacKeyAllows_AlgorithmNotAllowed(string alg)
    {
        var jwt = B64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + B64(ValidPayload(Vector.Body)) + ".c2ln";
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_SignatureCharacterChanged_SignatureMismatch()
    {
        var parts = Vector.Jwt.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        var jwt = parts[0] + "." + parts[1] + "." + new string(signature);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_PayloadSwappedUnderOldSignature_SignatureMismatch()
    {
        var parts = Vector.Jwt.Split('.');
        var jwt = parts[0] + "." + B64(ValidPayload(Body)) + "." + parts[2];
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, HmacVerifier().Verify(jwt, Body).Reason);
    }

    [Fact]
    public void Verify_WrongHmacSecret_SignatureMismatch()
    {
        var jwt = FusionAuthSignatureSigner.ForHmac("some-other-secret-0123456789abcdef").Sign(Vector.Body);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_SignedByOtherRsaKey_SignatureMismatch()
    {
        var jwt = FusionAuthSignatureSigner.ForRsa(OtherRsa, "rsa-1").Sign(Body);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, RsaVerifier().Verify(jwt, Body).Reason);
    }

    [Fact]
    public void Verify_ClaimMissing_BodyHashClaimMissing()
    {
        var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"x\"}", Vector.Secret);
        Assert.Equal(WebhookRejectionReasons.BodyHashClaimMissing, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_ClaimNotString_BodyHashClaimMissing()
    {
        var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"request_body_sha256\":42}", Vector.Secret);
        Assert.Equal(WebhookRejectionReasons.BodyHashClaimMissing, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_ClaimInBase64Url_BodyHashMismatch()
    {
        // The claim is standard base64 with padding; a base64url rendering of the same hash is not accepted.
        var base64Url = FusionAuthTestKeys.B64(SHA256.HashData(Vector.Body));
        var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"request_body_sha256\":\"" + base64Url + "\"}", Vector.Secret);
        Assert.Equal(WebhookRejectionReasons.BodyHashMismatch, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Theory]
    [InlineData(null, WebhookRejectionReasons.JwtMissing)]
    [InlineData("", WebhookRejectionReasons.JwtMissing)]
    [InlineData("abc", WebhookRejectionReasons.JwtMalformed)]
    [InlineData("abc.def", WebhookRejectionReasons.JwtMalformed)]
    [InlineData("a.b.c.d", WebhookRejectionReasons.JwtMalformed)]
    [InlineData(".e30.c2ln", WebhookRejectionReasons.JwtMalformed)]
    [InlineData("e30..c2ln", WebhookRejectionReasons.JwtMalformed)]
    [InlineData("!!!.e30.c2ln", WebhookRejectionReasons.JwtMalformed)]
    [InlineData("eyJhbGciOiJIUzI1NiJ9=.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // padding is not base64url
    [InlineData("bm90IGpzb24.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // header "not json"
    [InlineData("WyJIUzI1NiJd.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // header ["HS256"]
    [InlineData("e30.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // header {} has no alg
    [InlineData("eyJhbGciOjI1Nn0.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // alg is a number
    [InlineData("eyJhbGciOiJIUzI1NiIsImtpZCI6MX0.e30.c2ln", WebhookRejectionReasons.JwtMalformed)] // kid is a number
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.", WebhookRejectionReasons.JwtMalformed)] // HS256 with no signature
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln+", WebhookRejectionReasons.JwtMalformed)]
    public void Verify_MalformedJwt_Rejected(string? jwt, string reason)
    {
        Assert.Equal(reason, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_AlgTwice_ReadAsTheLastAndSignatureMismatch()
    {
        // IdentityModel and jose-jwt both read the last "alg"; the signature covers the header as sent.
        var jwt = HandMadeHs256("{\"alg\":\"none\",\"alg\":\"HS256\"}", ValidPayload(Vector.Body), "another-secret-0123456789abcdef0123");

        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_PayloadNotJsonButSigned_JwtMalformed()
    {
        var signingInput = B64("{\"alg\":\"HS256\"}") + "." + B64("not json");
        var jwt = signingInput + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vector.Secret), Encoding.ASCII.GetBytes(signingInput)));
        Assert.Equal(WebhookRejectionReasons.JwtMalformed, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_CritHeader_JwtCriticalHeader()
    {
        var jwt = HandMadeHs256("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}", ValidPayload(Vector.Body), Vector.Secret);
        Assert.Equal(WebhookRejectionReasons.JwtCriticalHeader, HmacVerifier().Verify(jwt, Vector.Body).Reason);
    }

    [Fact]
    public void Verify_UnknownKeyIdAndNoUnnamedKeys_UnknownKeyId()
    {
        var jwks = FusionAuthJwks.Parse(Jwks(RsaJwk(FusionAuthTestKeys.Rsa, "rsa-1")));
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "rsa-unknown").Sign(Body);
        Assert.Equal(WebhookRejectionReasons.UnknownKeyId, new FusionAuthSignatureVerifier(jwks.Keys).Verify(jwt, Body).Reason);
    }

    [Fact]
    public void Verify_UnknownKeyIdWithNamedHmacKey_UnknownKeyId()
    {
        var jwt = FusionAuthSignatureSigner.ForHmac(Vector.Secret, "not-configured").Sign(Body);
        Assert.Equal(WebhookRejectionReasons.UnknownKeyId, HmacVerifier("hmac-key-id").Verify(jwt, Body).Reason);
    }

    [Fact]
    public void Verify_NoKeyIdInToken_TriesEveryKey()
    {
        var jwks = FusionAuthJwks.Parse(Jwks(RsaJwk(OtherRsa, "a"), RsaJwk(FusionAuthTestKeys.Rsa, "b")));
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa).Sign(Body);
        Assert.True(new FusionAuthSignatureVerifier(jwks.Keys).Verify(jwt, Body).IsValid);
    }

    [Fact]
    public void Verify_KeyIdSelectsKey_OtherKeyNotUsed()
    {
        // Signed by key "b" but claiming to be "a": the named key is the only one tried.
        var jwks = FusionAuthJwks.Parse(Jwks(RsaJwk(OtherRsa, "a"), RsaJwk(FusionAuthTestKeys.Rsa, "b")));
        var verifier = new FusionAuthSignatureVerifier(jwks.Keys);

        Assert.True(verifier.Verify(FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "b").Sign(Body), Body).IsValid);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, verifier.Verify(FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "a").Sign(Body), Body).Reason);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public void Verify_HmacRoundTrip_Valid(string alg)
    {
        var jwt = FusionAuthSignatureSigner.ForHmac(Vector.Secret, "hmac-key-id", alg).Sign(Body);
        Assert.True(HmacVerifier().Verify(jwt, Body).IsValid);
    }

    [Fact]
    public void Verify_TwoHmacSecretsForRotation_AcceptsEither()
    {
        var verifier = new FusionAuthSignatureVerifier([
            FusionAuthVerificationKey.FromHmacSecret("old-secret-0123456789abcdef0123456789"),
            FusionAuthVerificationKey.FromHmacSecret(Vector.Secret)]);

        Assert.True(verifier.Verify(Vector.Jwt, Vector.Body).IsValid);
        Assert.True(verifier.Verify(FusionAuthSignatureSigner.ForHmac("old-secret-0123456789abcdef0123456789", "k").Sign(Body), Body).IsValid);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    [InlineData("PS512")]
    public void Verify_RsaRoundTripViaPem_Valid(string alg)
    {
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "rsa-1", alg).Sign(Body);
        var result = RsaVerifier().Verify(jwt, Body);
        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Verify_Rs256RoundTripViaJwks_Valid()
    {
        var jwks = FusionAuthJwks.Parse(Jwks(RsaJwk(FusionAuthTestKeys.Rsa, "rsa-1")));
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "rsa-1").Sign(Body);
        Assert.True(new FusionAuthSignatureVerifier(jwks.Keys).Verify(jwt, Body).IsValid);
    }

    [Fact]
    public void Verify_Rs256BodyChanged_BodyHashMismatch()
    {
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "rsa-1").Sign(Body);
        Assert.Equal(WebhookRejectionReasons.BodyHashMismatch, RsaVerifier().Verify(jwt, [.. Body, (byte)' ']).Reason);
    }

    [Fact]
    public void Verify_JwkAlgRs256_Ps256Refused()
    {
        var jwks = FusionAuthJwks.Parse(Jwks(RsaJwk(FusionAuthTestKeys.Rsa, "rsa-1", "RS256")));
        var jwt = FusionAuthSignatureSigner.ForRsa(FusionAuthTestKeys.Rsa, "rsa-1", "PS256").Sign(Body);
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, new FusionAuthSignatureVerifier(jwks.Keys).Verify(jwt, Body).Reason);
    }

    public static TheoryData<string, string> Curves() => new() { { "P-256", "ES256" }, { "P-384", "ES384" }, { "P-521", "ES512" } };

    private static ECDsa EcKey(string crv) => crv switch { "P-256" => P256, "P-384" => P384, _ => P521 };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Verify_EcRoundTripViaPem_Valid(string crv, string alg)
    {
        var key = EcKey(crv);
        var signer = FusionAuthSignatureSigner.ForECDsa(key, "ec-1");
        var verifier = new FusionAuthSignatureVerifier([FusionAuthVerificationKey.FromPem(key.ExportSubjectPublicKeyInfoPem(), "ec-1")]);

        Assert.Equal(alg, signer.Algorithm);
        var result = verifier.Verify(signer.Sign(Body), Body);
        Assert.True(result.IsValid, result.Reason);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Verify_EcRoundTripViaJwks_Valid(string crv, string alg)
    {
        var key = EcKey(crv);
        var jwks = FusionAuthJwks.Parse(Jwks(EcJwk(key, "ec-1", crv)));
        var verifier = new FusionAuthSignatureVerifier(jwks.Keys);

        Assert.Equal([alg], verifier.AllowedAlgorithms);
        Assert.True(verifier.Verify(FusionAuthSignatureSigner.ForECDsa(key, "ec-1").Sign(Body), Body).IsValid);
    }

    [Fact]
    public void Verify_Es256DerSignature_SignatureMismatch()
    {
        // JWS needs the fixed-length r||s (IEEE P1363) form; a DER-encoded ECDSA signature is not valid.
        var header = B64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"ec-1\"}");
        var signingInput = header + "." + B64(ValidPayload(Body));
        var der = P256.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var verifier = new FusionAuthSignatureVerifier([FusionAuthVerificationKey.FromPem(P256.ExportSubjectPublicKeyInfoPem(), "ec-1")]);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, verifier.Verify(signingInput + "." + B64(der), Body).Reason);
    }

    [Fact]
    public void Verify_Es256TokenForP384Key_AlgorithmNotAllowed()
    {
        var verifier = new FusionAuthSignatureVerifier([FusionAuthVerificationKey.FromPem(P384.ExportSubjectPublicKeyInfoPem())]);
        var jwt = FusionAuthSignatureSigner.ForECDsa(P256).Sign(Body);
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, verifier.Verify(jwt, Body).Reason);
    }

    [Fact]
    public void AllowedAlgorithms_DerivedFromKeys()
    {
        var verifier = new FusionAuthSignatureVerifier([
            FusionAuthVerificationKey.FromHmacSecret(Vector.Secret),
            FusionAuthVerificationKey.FromPem(RsaPublicPem),
            FusionAuthVerificationKey.FromPem(P256.ExportSubjectPublicKeyInfoPem())]);

        Assert.Equal(
            ["ES256", "HS256", "HS384", "HS512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"],
            verifier.AllowedAlgorithms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Verify_EveryRejection_ReasonHoldsNoSecret()
    {
        var verifier = HmacVerifier();
        var results = new[]
        {
            verifier.Verify(Vector.Jwt, Body),
            verifier.Verify(FusionAuthSignatureSigner.ForHmac("wrong-secret").Sign(Vector.Body), Vector.Body),
            verifier.Verify("abc", Vector.Body),
        };

        foreach (var result in results)
        {
            Assert.False(result.IsValid);
            Assert.DoesNotContain(Vector.Secret, result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(Vector.ExpectedBodyHash, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Constructor_NoKeys_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FusionAuthSignatureVerifier([]));
    }
}
