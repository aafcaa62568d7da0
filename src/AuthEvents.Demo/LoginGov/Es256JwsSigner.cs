using System.Security.Cryptography;
using System.Text.Json;
using AuthEvents.Core.LoginGov;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Signs a SET as a compact JWS with ES256 through IdentityModel, as Login.gov does when
/// <c>attempts_api_signing_enabled</c> is on (signature as the 64-byte IEEE P1363 R‖S). The JWS then becomes the JWE
/// plaintext. Used by demo and test transmitters.
/// </summary>
/// <remarks>
/// The header is <c>{"alg":"ES256","typ":"JWT"}</c>: ruby-jwt writes no <c>typ</c>, but neither library can leave it out
/// (docs/protocols/jose.md). The key is borrowed: the caller keeps it alive and disposes it.
/// </remarks>
public sealed class Es256JwsSigner
{
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly ECDsaSecurityKey _key;
    private readonly SigningCredentials _credentials;

    /// <summary>Creates a signer with a P-256 private key.</summary>
    /// <exception cref="ArgumentException">The key is not on curve P-256.</exception>
    public Es256JwsSigner(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!LoginGovSigningKeys.IsP256(privateKey))
        {
            throw new ArgumentException("ES256 needs a key on curve P-256.", nameof(privateKey));
        }

        // Not IdentityModel's process-wide provider cache: the key is borrowed and may be disposed before an equal one is used.
        _key = new ECDsaSecurityKey(privateKey) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        _credentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="payload"/> (the SET JSON) and returns the compact JWS.</summary>
    public string Sign(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Handler.CreateToken(payload, _credentials);
    }

    /// <summary>
    /// The public key as a JWKS document, shaped like Login.gov's <c>/api/attempts-certs</c>:
    /// <c>{"keys":[{"kty":"EC","crv":"P-256","x":…,"y":…,"alg":"ES256","use":"sig","kid":…}]}</c>, where <c>kid</c> is the
    /// RFC 7638 thumbprint.
    /// </summary>
    public string ExportJwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_key);
        var kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        var key = new Dictionary<string, string>
        {
            ["kty"] = jwk.Kty,
            ["crv"] = jwk.Crv,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
            ["use"] = JsonWebKeyUseNames.Sig,
            ["kid"] = kid,
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }
}
