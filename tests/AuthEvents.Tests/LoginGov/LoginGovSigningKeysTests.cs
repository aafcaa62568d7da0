using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AuthEvents.Core.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LoginGovSigningKeysTests
{
    private static JsonObject Jwk(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = TestJwe.B64(q.X!), ["y"] = TestJwe.B64(q.Y!), ["alg"] = "ES256", ["use"] = "sig" };
    }

    private static void DisposeAll(IEnumerable<ECDsa> keys)
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public void FromJwks_LoginGovShape_LoadsTheKey()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var jwks = new JsonObject { ["keys"] = new JsonArray(Jwk(key)) }.ToJsonString();

        var loaded = LoginGovSigningKeys.FromJwks(jwks);

        var only = Assert.Single(loaded);
        using (only)
        {
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), only.ExportSubjectPublicKeyInfo());
        }
    }

    [Fact]
    public void FromJwks_SigningOff_Empty()
    {
        Assert.Empty(LoginGovSigningKeys.FromJwks("{\"keys\":[]}"));
    }

    [Fact]
    public void FromJwks_SingleJwkObject_Loaded()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);

        var loaded = LoginGovSigningKeys.FromJwks(Jwk(key).ToJsonString());

        Assert.Single(loaded);
        DisposeAll(loaded);
    }

    [Fact]
    public void FromJwks_OtherTypesCurvesAndUses_Skipped()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var p384Q = p384.ExportParameters(false).Q;
        var encryptionUse = Jwk(key);
        encryptionUse["use"] = "enc";
        var otherAlg = Jwk(key);
        otherAlg["alg"] = "ES384";
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["kty"] = "RSA", ["n"] = "AQAB", ["e"] = "AQAB" },
                new JsonObject { ["kty"] = "EC", ["crv"] = "P-384", ["x"] = TestJwe.B64(p384Q.X!), ["y"] = TestJwe.B64(p384Q.Y!) },
                encryptionUse,
                otherAlg,
                Jwk(key)),
        }.ToJsonString();

        var loaded = LoginGovSigningKeys.FromJwks(jwks);

        Assert.Single(loaded);
        DisposeAll(loaded);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"other\":1}")]
    public void FromJwks_NotAJwks_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => LoginGovSigningKeys.FromJwks(json));
    }

    [Fact]
    public void FromJwks_ShortCoordinate_FormatException()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var jwk = Jwk(key);
        jwk["x"] = TestJwe.B64(new byte[31]);

        Assert.Throws<FormatException>(() => LoginGovSigningKeys.FromJwks(jwk.ToJsonString()));
    }

    [Fact]
    public void FromJwks_PointOffTheCurve_FormatException()
    {
        using var key = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
        var jwk = Jwk(key);
        var y = key.ExportParameters(false).Q.Y!;
        y[^1] ^= 1;
        jwk["y"] = TestJwe.B64(y);

        Assert.Throws<FormatException>(() => LoginGovSigningKeys.FromJwks(jwk.ToJsonString()));
    }

    [Fact]
    public void FromPem_ReferenceTransmitterKey_LoadsP256Key()
    {
        var loaded = LoginGovSigningKeys.FromPem(LoginGovVectors.TransmitterPublicKeyPem);

        Assert.Equal(256, Assert.Single(loaded).KeySize);
        DisposeAll(loaded);
    }

    [Fact]
    public void FromPem_RsaPublicKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => LoginGovSigningKeys.FromPem(LoginGovVectors.PublicKeyPem));
    }

    [Fact]
    public void FromPem_P384PublicKey_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => LoginGovSigningKeys.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
    }
}
