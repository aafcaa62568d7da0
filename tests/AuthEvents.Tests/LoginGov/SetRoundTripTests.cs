using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SetRoundTripTests
{
    private static SetDecoderOptions Options(params ECDsa[] signingKeys) =>
        new() { ExpectedAudience = TestLoginGovKeys.Audience, SigningKeys = signingKeys };

    [Theory]
    [InlineData(SetCompression.RawDeflate, false)]
    [InlineData(SetCompression.RawDeflate, true)]
    [InlineData(SetCompression.Zlib, false)]
    [InlineData(SetCompression.Zlib, true)]
    [InlineData(SetCompression.None, false)]
    [InlineData(SetCompression.None, true)]
    public void Decode_EncryptorOutput_ReturnsTheSameSet(SetCompression compression, bool withSignature)
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        using var signingKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var set = TestSets.Set();
        var plaintext = withSignature ? new Es256JwsSigner(signingKey).Sign(set) : set;
        var jwe = new SetEncryptor(publicKey, compression).Encrypt(plaintext);

        var result = new SetDecoder(keys, Options(signingKey)).Decode(TestSets.Jti, jwe);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.Equal(set, result.SetJson);
        Assert.Equal(withSignature, result.IsSigned);
        Assert.Equal(keys.Kids[0], result.KeyId);
    }

    [Fact]
    public void Decode_TwoKeysDuringRotation_EachSetUsesTheKeyNamedByItsKid()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA, TestLoginGovKeys.RsaB]);
        using var oldKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        using var newKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaB);
        var decoder = new SetDecoder(keys, Options());

        var fromOld = decoder.Decode(TestSets.Jti, new SetEncryptor(oldKey).Encrypt(TestSets.Set()));
        var fromNew = decoder.Decode(TestSets.Jti, new SetEncryptor(newKey).Encrypt(TestSets.Set()));

        Assert.True(fromOld.IsSuccess, fromOld.FailureReason);
        Assert.True(fromNew.IsSuccess, fromNew.FailureReason);
        Assert.Equal(LoginGovKeyRing.ComputeKid(oldKey), fromOld.KeyId);
        Assert.Equal(LoginGovKeyRing.ComputeKid(newKey), fromNew.KeyId);
        Assert.NotEqual(fromOld.KeyId, fromNew.KeyId);
    }

    [Fact]
    public void Decode_NoKidAndOneKey_UsesTheOnlyKey()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        var jwe = TestJwe.Build(TestLoginGovKeys.RsaA, TestJwe.Header(kid: null), TestJwe.RawDeflate(Encoding.UTF8.GetBytes(TestSets.Set())));

        var result = new SetDecoder(keys, Options()).Decode(TestSets.Jti, jwe);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.Equal(keys.Kids[0], result.KeyId);
    }

    [Fact]
    public void Decode_SignedWithSecondOfTwoTransmitterKeys_Verifies()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        using var retired = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        using var current = TestLoginGovKeys.Ec(TestLoginGovKeys.EcB);
        var jwe = new SetEncryptor(publicKey).Encrypt(new Es256JwsSigner(current).Sign(TestSets.Set()));

        var result = new SetDecoder(keys, Options(retired, current)).Decode(TestSets.Jti, jwe);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.True(result.IsSigned);
    }

    [Theory]
    [InlineData("https://secure.login.gov/", "https://secure.login.gov")]
    [InlineData("https://secure.login.gov", "https://secure.login.gov/")]
    [InlineData("https://secure.login.gov/", "https://secure.login.gov/")]
    public void Decode_IssuerWithOrWithoutTrailingSlash_Accepted(string setIssuer, string expectedIssuer)
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var jwe = new SetEncryptor(publicKey).Encrypt(TestSets.Set(iss: setIssuer));

        var result = new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience, ExpectedIssuer = expectedIssuer })
            .Decode(TestSets.Jti, jwe);

        Assert.True(result.IsSuccess, result.FailureReason);
    }

    [Fact]
    public void Decode_AudienceArrayNamingThisProvider_Accepted()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var jwe = new SetEncryptor(publicKey).Encrypt(TestSets.Set(aud: new JsonArray("urn:other", TestLoginGovKeys.Audience)));

        var result = new SetDecoder(keys, Options()).Decode(TestSets.Jti, jwe);

        Assert.True(result.IsSuccess, result.FailureReason);
    }

    [Fact]
    public void Decode_PlaintextWithSurroundingWhitespace_DetectsJsonAndJws()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        using var signingKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var encryptor = new SetEncryptor(publicKey);
        var decoder = new SetDecoder(keys, Options(signingKey));

        var json = decoder.Decode(TestSets.Jti, encryptor.Encrypt(" \n" + TestSets.Set()));
        var jws = decoder.Decode(TestSets.Jti, encryptor.Encrypt("\r\n" + new Es256JwsSigner(signingKey).Sign(TestSets.Set()) + "\n"));

        Assert.True(json.IsSuccess, json.FailureReason);
        Assert.False(json.IsSigned);
        Assert.True(jws.IsSuccess, jws.FailureReason);
        Assert.True(jws.IsSigned);
    }

    [Fact]
    public void Decode_PlaintextExactlyAtTheCap_Accepted()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
        var set = TestSets.Set();

        var result = new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience, MaxPlaintextBytes = Encoding.UTF8.GetByteCount(set) })
            .Decode(TestSets.Jti, new SetEncryptor(publicKey).Encrypt(set));

        Assert.True(result.IsSuccess, result.FailureReason);
    }

    [Fact]
    public void ToString_Success_OmitsTheSet()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
        using var publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);

        var result = new SetDecoder(keys, Options()).Decode(TestSets.Jti, new SetEncryptor(publicKey).Encrypt(TestSets.Set()));

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.DoesNotContain(TestSets.Email, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestSets.Ip, result.ToString(), StringComparison.Ordinal);
    }
}
