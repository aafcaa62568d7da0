using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthEvents.Tests.LoginGov;
using AuthEvents.Tests.Webhooks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Jose;

/// <summary>
/// The two JOSE libraries on their own, without our code, against the shared reference vectors: the measurement behind
/// choosing jose-jwt for the JWE layer and HMAC, and IdentityModel for the rest (docs/protocols/jose.md).
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class LibraryVectorTests
{
    private static readonly JsonWebTokenHandler Handler = new();

    [Theory]
    [InlineData(LoginGovVectors.UnsignedJti)]
    [InlineData(LoginGovVectors.SignedJti)]
    public async Task JoseJwt_ReferenceJwe_DecryptsToTheDecryptedExample(string jti)
    {
        using var key = TestLoginGovKeys.Rsa(LoginGovVectors.PrivateKeyPem);

        var plaintext = global::Jose.JWT.Decode(LoginGovVectors.Sets()[jti], key, global::Jose.JweAlgorithm.RSA_OAEP, global::Jose.JweEncryption.A256GCM);

        var set = jti == LoginGovVectors.SignedJti ? await VerifiedPayloadAsync(plaintext) : plaintext;
        Assert.True(JsonNode.DeepEquals(LoginGovVectors.Example(jti), JsonNode.Parse(set)));
    }

    [Fact]
    public void JoseJwt_ReferenceJweWithAnotherKey_Refused()
    {
        using var other = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaOther);

        Assert.ThrowsAny<CryptographicException>(() => global::Jose.JWT.Decode(
            LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti], other, global::Jose.JweAlgorithm.RSA_OAEP, global::Jose.JweEncryption.A256GCM));
    }

    [Fact]
    public void IdentityModel_ReferenceJweHeader_ReadsLoginGovMembers()
    {
        var token = Handler.ReadJsonWebToken(LoginGovVectors.Sets()[LoginGovVectors.UnsignedJti]);

        Assert.Equal(("RSA-OAEP", "A256GCM", "DEF", LoginGovVectors.ReadmeKid()), (token.Alg, token.Enc, token.Zip, token.Kid));
    }

    [Fact]
    public void JoseJwtAndIdentityModel_ReferenceFusionAuthJwt_VerifyAndCarryTheBodyHash()
    {
        var vector = WebhookVectors.FusionAuth;

        var payload = global::Jose.JWT.Decode(vector.Jwt, Encoding.UTF8.GetBytes(vector.Secret), global::Jose.JwsAlgorithm.HS256);
        var token = Handler.ReadJsonWebToken(vector.Jwt);

        Assert.Equal(vector.ExpectedBodyHash, (string?)JsonNode.Parse(payload)!["request_body_sha256"]);
        Assert.Equal(("HS256", "hmac-key-id"), (token.Alg, token.Kid));
        Assert.Throws<global::Jose.IntegrityException>(() =>
            global::Jose.JWT.Decode(vector.Jwt, Encoding.UTF8.GetBytes(vector.Secret + "x"), global::Jose.JwsAlgorithm.HS256));
    }

    private static async Task<string> VerifiedPayloadAsync(string jws)
    {
        using var transmitter = ECDsa.Create();
        transmitter.ImportFromPem(LoginGovVectors.TransmitterPublicKeyPem);
        var result = await Handler.ValidateTokenAsync(jws, new TokenValidationParameters
        {
            IssuerSigningKey = new ECDsaSecurityKey(transmitter) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        Assert.True(result.IsValid);
        return Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jws.Split('.')[1]));
    }
}
