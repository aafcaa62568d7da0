using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Webhooks;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Webhooks;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ContentDigestTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");

    private static string Sha256Member(byte[] body) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    private static string Sha512Member(byte[] body) => "sha-512=:" + Convert.ToBase64String(SHA512.HashData(body)) + ":";

    [Fact]
    public void Create_ReferenceBody_MatchesVectorHeader()
    {
        var vector = WebhookVectors.Entrust;
        Assert.Equal(vector.Headers["Content-Digest"], ContentDigest.Create(vector.Body));
    }

    [Fact]
    public void Create_Sha512_WritesSha512Member()
    {
        Assert.Equal(Sha512Member(Body), ContentDigest.Create(Body, ContentDigest.Sha512));
    }

    [Fact]
    public void Create_UnknownAlgorithm_Throws()
    {
        Assert.Throws<ArgumentException>(() => ContentDigest.Create(Body, "md5"));
    }

    [Fact]
    public void Verify_ReferenceVector_Valid()
    {
        var vector = WebhookVectors.Entrust;
        Assert.True(ContentDigest.Verify(vector.Headers["Content-Digest"], vector.Body).IsValid);
    }

    [Fact]
    public void Verify_Sha512_Valid()
    {
        Assert.True(ContentDigest.Verify(Sha512Member(Body), Body).IsValid);
    }

    [Fact]
    public void Verify_BothAlgorithmsMatch_Valid()
    {
        Assert.True(ContentDigest.Verify(Sha256Member(Body) + ", " + Sha512Member(Body), Body).IsValid);
    }

    [Fact]
    public void Verify_OneOfTwoAlgorithmsWrong_Mismatch()
    {
        var other = Encoding.UTF8.GetBytes("other");
        var result = ContentDigest.Verify(Sha256Member(Body) + ", " + Sha512Member(other), Body);
        Assert.Equal(WebhookRejectionReasons.ContentDigestMismatch, result.Reason);
    }

    [Fact]
    public void Verify_UnknownAlgorithmBesideSha256_IgnoresUnknown()
    {
        Assert.True(ContentDigest.Verify("md5=:AAAA:, " + Sha256Member(Body) + ", unixsum=:AAAA:", Body).IsValid);
    }

    [Fact]
    public void Verify_OnlyUnknownAlgorithms_Unsupported()
    {
        var result = ContentDigest.Verify("md5=:AAAA:, crc32c=:AAAA:", Body);
        Assert.Equal(WebhookRejectionReasons.ContentDigestAlgorithmUnsupported, result.Reason);
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_Mismatch()
    {
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 0x01;
        Assert.Equal(WebhookRejectionReasons.ContentDigestMismatch, ContentDigest.Verify(Sha256Member(Body), changed).Reason);
    }

    [Fact]
    public void Verify_EmptyBody_Valid()
    {
        Assert.True(ContentDigest.Verify(ContentDigest.Create([]), []).IsValid);
    }

    [Fact]
    public void Verify_UnpaddedBase64_Accepted()
    {
        // RFC 8941 §4.2.7: parsers should not fail when '=' padding is missing.
        var unpadded = "sha-256=:" + Convert.ToBase64String(SHA256.HashData(Body)).TrimEnd('=') + ":";
        Assert.True(ContentDigest.Verify(unpadded, Body).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_HeaderMissing_Missing(string? header)
    {
        Assert.Equal(WebhookRejectionReasons.ContentDigestMissing, ContentDigest.Verify(header, Body).Reason);
    }

    [Theory]
    [InlineData("sha-256=abc")] // a token, not a byte sequence
    [InlineData("sha-256")] // bare key: boolean true
    [InlineData("sha-256=\"abc\"")]
    [InlineData("sha-256=(:AAAA:)")]
    [InlineData("sha-256=:not base64!:")]
    [InlineData("sha-256=:AAAA")]
    [InlineData("SHA-256=:AAAA:")] // keys are lower case
    [InlineData("sha-256=:AAAA:,")]
    [InlineData("sha-256=:AAAA: sha-512=:AAAA:")]
    [InlineData("=:AAAA:")]
    public void Verify_Malformed_Malformed(string header)
    {
        Assert.Equal(WebhookRejectionReasons.ContentDigestMalformed, ContentDigest.Verify(header, Body).Reason);
    }
}
