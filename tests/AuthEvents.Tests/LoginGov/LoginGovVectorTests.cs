using System.Text.Json;
using System.Text.Json.Nodes;
using AuthEvents.Core.Events;
using AuthEvents.Core.LoginGov;
using AuthEvents.Core.Normalization;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LoginGovVectorTests : IDisposable
{
    private const string ReadmeKidPrefix = "e8779d6c";
    private const string ReadmeKidSuffix = "a392";

    private readonly LoginGovKeyRing _keys = LoginGovKeyRing.FromPem([LoginGovVectors.PrivateKeyPem]);
    private readonly IReadOnlyList<System.Security.Cryptography.ECDsa> _transmitterKeys =
        LoginGovSigningKeys.FromPem(LoginGovVectors.TransmitterPublicKeyPem);

    public void Dispose()
    {
        _keys.Dispose();
        foreach (var key in _transmitterKeys)
        {
            key.Dispose();
        }
    }

    private SetDecoder Decoder(bool withSigningKey = true, bool requireSignature = false, string audience = TestLoginGovKeys.Audience, string issuer = SetDecoderOptions.ProductionIssuer) =>
        new(_keys, new SetDecoderOptions
        {
            ExpectedAudience = audience,
            ExpectedIssuer = issuer,
            SigningKeys = withSigningKey ? _transmitterKeys : [],
            RequireSignature = requireSignature,
        });

    private static void AssertSameJson(JsonNode expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), "decoded SET differs from the decrypted example");

    [Fact]
    public void Decode_ReferenceUnsignedSet_EqualsDecryptedExample()
    {
        var result = Decoder().Decode(LoginGovVectors.UnsignedJti, LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti]);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.False(result.IsSigned);
        Assert.Equal(LoginGovVectors.ReadmeKid(), result.KeyId);
        AssertSameJson(LoginGovVectors.Example(LoginGovVectors.UnsignedJti), result.SetJson!);
    }

    [Fact]
    public void Decode_ReferenceSignedSet_VerifiesWithTransmitterKeyAndEqualsDecryptedExample()
    {
        var result = Decoder().Decode(LoginGovVectors.SignedJti, LoginGovVectors.Sets()[LoginGovVectors.SignedJti]);

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.True(result.IsSigned);
        AssertSameJson(LoginGovVectors.Example(LoginGovVectors.SignedJti), result.SetJson!);
    }

    [Fact]
    public void Decode_ReferenceSignedSet_PlaintextIsEs256JwsWithAlgOnlyHeader()
    {
        var payload = TestJwe.Inflate(TestJwe.OpenPayload(LoginGovVectors.PrivateKeyPem, LoginGovVectors.Sets()[LoginGovVectors.SignedJti]), zlib: false);
        var jws = System.Text.Encoding.ASCII.GetString(payload);

        Assert.Equal(3, jws.Split('.').Length);
        Assert.Equal("{\"alg\":\"ES256\"}", TestJwe.DecodeHeader(jws));
    }

    [Fact]
    public void ComputeKid_ReferenceKeys_MatchesReadmeAndJweHeaders()
    {
        var readmeKid = LoginGovVectors.ReadmeKid();

        Assert.StartsWith(ReadmeKidPrefix, readmeKid, StringComparison.Ordinal);
        Assert.EndsWith(ReadmeKidSuffix, readmeKid, StringComparison.Ordinal);
        Assert.Equal([readmeKid], _keys.Kids);
        Assert.Equal(readmeKid, LoginGovKeyRing.ComputeKidFromPem(LoginGovVectors.PublicKeyPem));
        Assert.Equal(readmeKid, LoginGovKeyRing.ComputeKidFromPem(LoginGovVectors.PrivateKeyPem));
        foreach (var jwe in LoginGovVectors.Sets().Values)
        {
            using var header = JsonDocument.Parse(TestJwe.DecodeHeader(jwe));
            Assert.Equal(readmeKid, header.RootElement.GetProperty("kid").GetString());
        }
    }

    [Fact]
    public void Encrypt_ReferenceKey_HeaderIdenticalToReferenceJwes()
    {
        using var publicKey = TestLoginGovKeys.Rsa(LoginGovVectors.PublicKeyPem);
        var jwe = new SetEncryptor(publicKey).Encrypt("{}");

        Assert.All(LoginGovVectors.Sets().Values, reference => Assert.Equal(reference.Split('.')[0], jwe.Split('.')[0]));
    }

    [Fact]
    public void Decode_ReferencePayloads_AreRawDeflate()
    {
        foreach (var jwe in LoginGovVectors.Sets().Values)
        {
            var payload = TestJwe.OpenPayload(LoginGovVectors.PrivateKeyPem, jwe);
            Assert.NotEmpty(TestJwe.Inflate(payload, zlib: false));
            Assert.Throws<InvalidDataException>(() => TestJwe.Inflate(payload, zlib: true));
        }
    }

    [Fact]
    public void Decode_ReferenceSets_NormalizerAcceptsTheSetJson()
    {
        var decoder = Decoder();
        var normalizer = new LoginGovNormalizer(FixtureFiles.Hasher);
        foreach (var (jti, jwe) in LoginGovVectors.Sets())
        {
            var decoded = decoder.Decode(jti, jwe);
            var normalized = normalizer.Normalize(FixtureFiles.RawFor(EventSource.LoginGov, decoded.SetJson!));

            Assert.True(normalized.IsAccepted, normalized.RejectionReason);
            Assert.Equal(jti, normalized.Event!.ProviderEventId);
            Assert.Equal(TestLoginGovKeys.Audience, normalized.Event.Tenant);
        }
    }

    [Fact]
    public void Decode_ReferenceSignedSetWithoutSigningKey_RefusedRatherThanAcceptedUnverified()
    {
        var decoder = Decoder(withSigningKey: false);
        var sets = LoginGovVectors.Sets();

        var signed = decoder.Decode(LoginGovVectors.SignedJti, sets[LoginGovVectors.SignedJti]);

        Assert.Equal(SetDecodeError.SignatureKeyMissing, signed.Error);
        Assert.Contains("no transmitter signing key", signed.FailureReason, StringComparison.Ordinal);
        Assert.Null(signed.SetJson);
        Assert.True(decoder.Decode(LoginGovVectors.UnsignedJti, sets[LoginGovVectors.UnsignedJti]).IsSuccess);
    }

    [Fact]
    public void Decode_ReferenceUnsignedSetWhenSignatureRequired_SignatureRequired()
    {
        var decoder = Decoder(requireSignature: true);
        var sets = LoginGovVectors.Sets();

        Assert.Equal(SetDecodeError.SignatureRequired, decoder.Decode(LoginGovVectors.UnsignedJti, sets[LoginGovVectors.UnsignedJti]).Error);
        Assert.True(decoder.Decode(LoginGovVectors.SignedJti, sets[LoginGovVectors.SignedJti]).IsSuccess);
    }

    [Fact]
    public void Decode_ReferenceSignedSetWithAnotherTransmitterKey_SignatureInvalid()
    {
        using var otherKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var decoder = new SetDecoder(_keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience, SigningKeys = [otherKey] });

        var result = decoder.Decode(LoginGovVectors.SignedJti, LoginGovVectors.Sets()[LoginGovVectors.SignedJti]);

        Assert.Equal(SetDecodeError.SignatureInvalid, result.Error);
    }

    [Fact]
    public void Decode_ReferenceSetsUnderSwappedPollKeys_JtiMismatch()
    {
        var sets = LoginGovVectors.Sets();

        var result = Decoder().Decode(LoginGovVectors.SignedJti, sets[LoginGovVectors.UnsignedJti]);

        Assert.Equal(SetDecodeError.JtiMismatch, result.Error);
    }

    [Fact]
    public void Decode_ReferenceSetForAnotherServiceProvider_AudienceMismatch()
    {
        var result = Decoder(audience: "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:other-app")
            .Decode(LoginGovVectors.UnsignedJti, LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti]);

        Assert.Equal(SetDecodeError.AudienceMismatch, result.Error);
    }

    [Fact]
    public void Decode_ReferenceSetWhenSandboxExpected_IssuerMismatch()
    {
        var result = Decoder(issuer: SetDecoderOptions.SandboxIssuer)
            .Decode(LoginGovVectors.UnsignedJti, LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti]);

        Assert.Equal(SetDecodeError.IssuerMismatch, result.Error);
    }

    [Fact]
    public void Decode_ExpectedIssuerWithoutTrailingSlash_Accepted()
    {
        var result = Decoder(issuer: "https://secure.login.gov")
            .Decode(LoginGovVectors.UnsignedJti, LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti]);

        Assert.True(result.IsSuccess, result.FailureReason);
    }
}
