using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Entrust;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EntrustSignatureVerifierTests
{
    private const string Covered = "(\"@method\" \"@target-uri\" \"content-digest\")";
    private const string OtherToken = "another-webhook-token-not-configured";

    private static readonly EntrustVector Vector = WebhookVectors.Entrust;
    private static readonly DateTimeOffset Now = EntrustVector.Now;

    private readonly EntrustSignatureVerifier _verifier = new([Vector.Token]);

    private WebhookVerification VerifyVector(Dictionary<string, string> headers, byte[]? body = null, string method = "POST", string? targetUri = null, DateTimeOffset? now = null) =>
        _verifier.Verify(method, targetUri ?? Vector.TargetUri, headers, body ?? Vector.Body, now ?? Now);

    private static Dictionary<string, string> VectorHeaders() => new(Vector.Headers, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Signs arbitrary signature parameters with the vector's token, building the base independently of the code under
    /// test, so a rejection proves the profile check fired rather than the HMAC failing.
    /// </summary>
    private static Dictionary<string, string> HandSigned(string signatureParams, string? contentDigest = null)
    {
        contentDigest ??= Vector.Headers["Content-Digest"];
        var signatureBase = string.Join('\n',
            "\"@method\": POST",
            "\"@target-uri\": " + Vector.TargetUri,
            "\"content-digest\": " + contentDigest,
            "\"@signature-params\": " + signatureParams);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vector.Token), Encoding.UTF8.GetBytes(signatureBase));
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            ["Content-Digest"] = contentDigest,
            ["Signature-Input"] = "sig=" + signatureParams,
            ["Signature"] = "sig=:" + Convert.ToBase64String(mac) + ":",
        };
    }

    private static string Created(long offsetSeconds = 0) =>
        ";created=" + (EntrustVector.Created + offsetSeconds).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Verify_ReferenceVector_Valid()
    {
        var result = VerifyVector(VectorHeaders());
        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void TryBuildSignatureBase_ReferenceVector_EqualsVectorBaseExactly()
    {
        Assert.True(EntrustSignatureVerifier.TryBuildSignatureBase("POST", Vector.TargetUri, Vector.Headers, out var signatureBase));
        Assert.Equal(Vector.SignatureBase, signatureBase);
        Assert.False(signatureBase.EndsWith('\n'));
    }

    [Fact]
    public void Sign_ReferenceVectorInputs_ReproducesVectorHeaders()
    {
        var headers = new EntrustSignatureSigner(Vector.Token)
            .Sign(Vector.TargetUri, Vector.Body, DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created));

        Assert.Equal(Vector.Headers["Content-Digest"], headers["Content-Digest"]);
        Assert.Equal(Vector.Headers["Signature-Input"], headers["Signature-Input"]);
        Assert.Equal(Vector.Headers["Signature"], headers["Signature"]);
    }

    [Fact]
    public void Verify_SignerOutput_Valid()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
        var headers = new EntrustSignatureSigner(Vector.Token).Sign(Vector.TargetUri, body, Now);
        Assert.True(_verifier.Verify("POST", Vector.TargetUri, headers, body, Now).IsValid);
    }

    [Fact]
    public void Verify_HeaderNamesInOtherCase_Valid()
    {
        var lower = Vector.Headers.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), h.Value)).ToList();
        Assert.True(_verifier.Verify("POST", Vector.TargetUri, lower, Vector.Body, Now).IsValid);
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_ContentDigestMismatch()
    {
        var body = (byte[])Vector.Body.Clone();
        body[10] ^= 0x01;
        Assert.Equal(WebhookRejectionReasons.ContentDigestMismatch, VerifyVector(VectorHeaders(), body).Reason);
    }

    [Fact]
    public void Verify_DigestHeaderChanged_ContentDigestMismatch()
    {
        var headers = VectorHeaders();
        headers["Content-Digest"] = ContentDigest.Create(Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(WebhookRejectionReasons.ContentDigestMismatch, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_BodyAndDigestBothReplaced_SignatureMismatch()
    {
        // An attacker can recompute the digest for a new body, but the signature covers the digest.
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Vector.Body).Replace("PASSWORD", "OTP", StringComparison.Ordinal));
        var headers = VectorHeaders();
        headers["Content-Digest"] = ContentDigest.Create(body);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, VerifyVector(headers, body).Reason);
    }

    [Fact]
    public void Verify_DigestSwitchedToSha512ForSameBody_SignatureMismatch()
    {
        var headers = VectorHeaders();
        headers["Content-Digest"] = ContentDigest.Create(Vector.Body, ContentDigest.Sha512);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_Sha512DigestSigned_Valid()
    {
        var headers = HandSigned(Covered + Created() + ";alg=\"hmac-sha256\"", ContentDigest.Create(Vector.Body, ContentDigest.Sha512));
        Assert.True(VerifyVector(headers).IsValid);
    }

    [Fact]
    public void Verify_SignatureChanged_SignatureMismatch()
    {
        var signature = Convert.FromBase64String("KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=");
        signature[0] ^= 0x80;
        var headers = VectorHeaders();
        headers["Signature"] = "sig=:" + Convert.ToBase64String(signature) + ":";
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_SignatureTruncated_SignatureMismatch()
    {
        var headers = VectorHeaders();
        headers["Signature"] = "sig=:KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpm:";
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_WrongToken_SignatureMismatch()
    {
        var verifier = new EntrustSignatureVerifier([OtherToken]);
        var result = verifier.Verify("POST", Vector.TargetUri, Vector.Headers, Vector.Body, Now);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, result.Reason);
    }

    [Theory]
    [InlineData("https://receiver.example.com/webhooks/idaas/")]
    [InlineData("https://receiver.example.com/webhooks/idaas?tenant=1")]
    [InlineData("http://receiver.example.com/webhooks/idaas")]
    [InlineData("https://RECEIVER.example.com/webhooks/idaas")]
    [InlineData("https://attacker.example/webhooks/idaas")]
    public void Verify_WrongTargetUri_SignatureMismatch(string targetUri)
    {
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, VerifyVector(VectorHeaders(), targetUri: targetUri).Reason);
    }

    [Fact]
    public void Verify_TargetUriWithQuery_SignedAndVerifiedWithQuery_Valid()
    {
        const string target = "https://receiver.example.com/webhooks/idaas?source=entrust&x=1";
        var headers = new EntrustSignatureSigner(Vector.Token).Sign(target, Vector.Body, Now);
        Assert.True(_verifier.Verify("POST", target, headers, Vector.Body, Now).IsValid);
    }

    [Theory]
    [InlineData("https://receiver.example.com/webhooks/idaas\n\"@method\": GET")]
    [InlineData("https://receiver.example.com/webhooks/idaas/caf\u00e9")]
    [InlineData("")]
    public void Verify_TargetUriNotPrintableAscii_TargetUriInvalid(string targetUri)
    {
        Assert.Equal(WebhookRejectionReasons.TargetUriInvalid, VerifyVector(VectorHeaders(), targetUri: targetUri).Reason);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("post")]
    [InlineData("")]
    public void Verify_MethodNotPost_MethodNotAllowed(string method)
    {
        Assert.Equal(WebhookRejectionReasons.MethodNotAllowed, VerifyVector(VectorHeaders(), method: method).Reason);
    }

    [Theory]
    [InlineData("Content-Digest", WebhookRejectionReasons.ContentDigestMissing)]
    [InlineData("Signature-Input", WebhookRejectionReasons.SignatureInputMissing)]
    [InlineData("Signature", WebhookRejectionReasons.SignatureMissing)]
    public void Verify_HeaderMissing_NamedRejection(string header, string reason)
    {
        var headers = VectorHeaders();
        headers.Remove(header);
        Assert.Equal(reason, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_NoHeadersAtAll_ContentDigestMissing()
    {
        Assert.Equal(WebhookRejectionReasons.ContentDigestMissing, VerifyVector([]).Reason);
    }

    [Theory]
    [InlineData("(\"@method\" \"@target-uri\")")]
    [InlineData("(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\")")]
    [InlineData("(\"@target-uri\" \"@method\" \"content-digest\")")]
    [InlineData("(\"@method\" \"@authority\" \"content-digest\")")]
    [InlineData("(\"@method\" \"@target-uri\" \"content-digest\";sf)")]
    [InlineData("(\"@method\" \"@target-uri\" content-digest)")]
    [InlineData("()")]
    public void Verify_SignatureInputCoversOtherComponents_CoveredComponentsMismatch(string components)
    {
        // Correctly HMAC'd with the right token: only the profile check can reject it.
        var headers = HandSigned(components + Created() + ";alg=\"hmac-sha256\"");
        Assert.Equal(WebhookRejectionReasons.CoveredComponentsMismatch, VerifyVector(headers).Reason);
    }

    [Theory]
    [InlineData(";alg=\"hmac-sha512\"")]
    [InlineData(";alg=\"rsa-pss-sha512\"")]
    [InlineData(";alg=\"HMAC-SHA256\"")]
    [InlineData(";alg=hmac-sha256")] // a token, not the string RFC 9421 requires
    [InlineData("")]
    public void Verify_SignatureInputOtherAlgorithm_AlgorithmNotAllowed(string algParameter)
    {
        var headers = HandSigned(Covered + Created() + algParameter);
        Assert.Equal(WebhookRejectionReasons.AlgorithmNotAllowed, VerifyVector(headers).Reason);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    [InlineData(86400)]
    public void Verify_CreatedOutsideFiveMinutes_CreatedOutsideWindow(long nowMinusCreated)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created + nowMinusCreated);
        Assert.Equal(WebhookRejectionReasons.CreatedOutsideWindow, VerifyVector(VectorHeaders(), now: now).Reason);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(0)]
    [InlineData(300)]
    public void Verify_CreatedWithinFiveMinutes_Valid(long nowMinusCreated)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created + nowMinusCreated);
        Assert.True(VerifyVector(VectorHeaders(), now: now).IsValid);
    }

    [Fact]
    public void Verify_ConfiguredSkewOneMinute_TwoMinutesOldRejected()
    {
        var verifier = new EntrustSignatureVerifier([Vector.Token], TimeSpan.FromMinutes(1), requireCreated: false);
        var now = DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created + 120);
        var result = verifier.Verify("POST", Vector.TargetUri, Vector.Headers, Vector.Body, now);
        Assert.Equal(WebhookRejectionReasons.CreatedOutsideWindow, result.Reason);
    }

    [Fact]
    public void Verify_ExpiresPassed_SignatureExpired()
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created);
        var headers = new EntrustSignatureSigner(Vector.Token).Sign(Vector.TargetUri, Vector.Body, created, TimeSpan.FromSeconds(60));
        var result = _verifier.Verify("POST", Vector.TargetUri, headers, Vector.Body, created.AddSeconds(61));
        Assert.Equal(WebhookRejectionReasons.SignatureExpired, result.Reason);
    }

    [Fact]
    public void Verify_ExpiresAhead_Valid()
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(EntrustVector.Created);
        var headers = new EntrustSignatureSigner(Vector.Token).Sign(Vector.TargetUri, Vector.Body, created, TimeSpan.FromSeconds(60));
        Assert.Contains(";expires=", headers["Signature-Input"], StringComparison.Ordinal);
        Assert.True(_verifier.Verify("POST", Vector.TargetUri, headers, Vector.Body, created.AddSeconds(59)).IsValid);
    }

    [Fact]
    public void Verify_ExpiresWithoutCreated_Checked()
    {
        var expires = ";expires=" + (EntrustVector.Created - 1).ToString(CultureInfo.InvariantCulture);
        var headers = HandSigned(Covered + expires + ";alg=\"hmac-sha256\"");
        Assert.Equal(WebhookRejectionReasons.SignatureExpired, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_NoCreatedAndNotRequired_Valid()
    {
        var headers = HandSigned(Covered + ";alg=\"hmac-sha256\"");
        Assert.True(VerifyVector(headers).IsValid);
    }

    [Fact]
    public void Verify_NoCreatedButRequired_CreatedMissing()
    {
        var verifier = new EntrustSignatureVerifier([Vector.Token], EntrustSignatureVerifier.DefaultClockSkew, requireCreated: true);
        var headers = HandSigned(Covered + ";alg=\"hmac-sha256\"");
        Assert.Equal(WebhookRejectionReasons.CreatedMissing, verifier.Verify("POST", Vector.TargetUri, headers, Vector.Body, Now).Reason);
    }

    [Fact]
    public void Verify_ExtraParametersKeptVerbatim_Valid()
    {
        // keyid, nonce and unusual spacing after ';' are all part of the signed @signature-params line.
        var headers = HandSigned(Covered + Created() + "; keyid=\"webhook-1\";nonce=\"abc\";alg=\"hmac-sha256\"");
        Assert.True(VerifyVector(headers).IsValid);
    }

    [Fact]
    public void Verify_OtherSignatureLabelsPresent_UsesSig()
    {
        var headers = VectorHeaders();
        headers["Signature-Input"] = "proxy=(\"@authority\");alg=\"ed25519\", " + headers["Signature-Input"];
        headers["Signature"] = "proxy=:AAAA:, " + headers["Signature"];
        Assert.True(VerifyVector(headers).IsValid);
    }

    [Fact]
    public void Verify_SignatureInputWithoutSigLabel_SignatureLabelMissing()
    {
        var headers = VectorHeaders();
        headers["Signature-Input"] = headers["Signature-Input"].Replace("sig=", "sig2=", StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReasons.SignatureLabelMissing, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_SignatureWithoutSigLabel_SignatureLabelMissing()
    {
        var headers = VectorHeaders();
        headers["Signature"] = headers["Signature"].Replace("sig=", "sig2=", StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReasons.SignatureLabelMissing, VerifyVector(headers).Reason);
    }

    [Theory]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\";created=1764619804;alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");created=abc;alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");created=1764619804.5;alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");created=\"1764619804\";alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\",\"@target-uri\",\"content-digest\");alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"hmac-sha256")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"hmac-sha256\",")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");ALG=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"hmac\u00e9\"")]
    [InlineData("sig=:KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=:")]
    [InlineData("sig")]
    [InlineData("Sig=(\"@method\" \"@target-uri\" \"content-digest\");alg=\"hmac-sha256\"")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\")x")]
    [InlineData("sig=(\"@method\" \"@target-uri\" \"content-digest\");created=1234567890123456")]
    public void Verify_SignatureInputMalformed_SignatureInputMalformed(string signatureInput)
    {
        var headers = VectorHeaders();
        headers["Signature-Input"] = signatureInput;
        Assert.Equal(WebhookRejectionReasons.SignatureInputMalformed, VerifyVector(headers).Reason);
    }

    [Theory]
    [InlineData("sig=:KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=")]
    [InlineData("sig=:KBz/YyY/GU+jE/ZSK4c*txbobUe19nfq9GdXmbpmBMk=:")]
    [InlineData("sig=:KBz/YyY/=GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=:")]
    [InlineData("sig=KBz")]
    [InlineData("sig=\"KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=\"")]
    [InlineData("sig=(:KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=:)")]
    [InlineData("sig")]
    [InlineData("sig=:KBz/YyY/GU+jE/ZSK4cHtxbobUe19nfq9GdXmbpmBMk=:;")]
    public void Verify_SignatureMalformed_SignatureMalformed(string signature)
    {
        var headers = VectorHeaders();
        headers["Signature"] = signature;
        Assert.Equal(WebhookRejectionReasons.SignatureMalformed, VerifyVector(headers).Reason);
    }

    [Fact]
    public void Verify_SignatureMemberWithParameters_Valid()
    {
        var headers = VectorHeaders();
        headers["Signature"] += ";note=1";
        Assert.True(VerifyVector(headers).IsValid);
    }

    [Fact]
    public void Verify_TwoTokensConfigured_AcceptsEither()
    {
        var verifier = new EntrustSignatureVerifier([OtherToken, Vector.Token]);
        var signedWithOther = new EntrustSignatureSigner(OtherToken).Sign(Vector.TargetUri, Vector.Body, Now);

        Assert.True(verifier.Verify("POST", Vector.TargetUri, Vector.Headers, Vector.Body, Now).IsValid);
        Assert.True(verifier.Verify("POST", Vector.TargetUri, signedWithOther, Vector.Body, Now).IsValid);
    }

    [Fact]
    public void Verify_TwoTokensConfigured_RejectsThird()
    {
        var verifier = new EntrustSignatureVerifier([OtherToken, Vector.Token]);
        var signedWithThird = new EntrustSignatureSigner("third-token").Sign(Vector.TargetUri, Vector.Body, Now);
        Assert.Equal(WebhookRejectionReasons.SignatureMismatch, verifier.Verify("POST", Vector.TargetUri, signedWithThird, Vector.Body, Now).Reason);
    }

    [Fact]
    public void Verify_RepeatedSignatureInputLines_CombinedAsHttpDoes()
    {
        var lines = Vector.Headers.Where(h => h.Key != "Signature-Input").ToList();
        lines.Add(KeyValuePair.Create("Signature-Input", "proxy=(\"@authority\");alg=\"ed25519\""));
        lines.Add(KeyValuePair.Create("Signature-Input", Vector.Headers["Signature-Input"]));
        Assert.True(_verifier.Verify("POST", Vector.TargetUri, lines, Vector.Body, Now).IsValid);
    }

    [Fact]
    public void Verify_EveryRejection_ReasonHoldsNoSecretOrSignature()
    {
        var expectedSignature = Vector.Headers["Signature"][5..^1];
        var verifier = new EntrustSignatureVerifier([Vector.Token]);
        var tampered = (byte[])Vector.Body.Clone();
        tampered[0] = (byte)' ';
        var rejections = new[]
        {
            verifier.Verify("POST", Vector.TargetUri, Vector.Headers, tampered, Now),
            verifier.Verify("POST", "https://other.example/", Vector.Headers, Vector.Body, Now),
            new EntrustSignatureVerifier([OtherToken]).Verify("POST", Vector.TargetUri, Vector.Headers, Vector.Body, Now),
            verifier.Verify("POST", Vector.TargetUri, Vector.Headers, Vector.Body, Now.AddHours(1)),
        };

        foreach (var result in rejections)
        {
            Assert.False(result.IsValid);
            Assert.DoesNotContain(Vector.Token, result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(OtherToken, result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(expectedSignature, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Constructor_NoTokens_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EntrustSignatureVerifier([]));
        Assert.Throws<ArgumentException>(() => new EntrustSignatureVerifier([""]));
    }
}
