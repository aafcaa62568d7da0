using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthEvents.Tests.Webhooks;

/// <summary>Throwaway keys generated once per test run, and helpers to hand-build JWTs and JWKS documents.</summary>
internal static class FusionAuthTestKeys
{
    public static RSA Rsa { get; } = RSA.Create(2048);

    public static RSA OtherRsa { get; } = RSA.Create(2048);

    public static ECDsa P256 { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static ECDsa P384 { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public static ECDsa P521 { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP521);

    public static string RsaPublicPem => Rsa.ExportSubjectPublicKeyInfoPem();

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string json) => B64(Encoding.UTF8.GetBytes(json));

    public static string BodyHash(byte[] body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>A JWT with exactly the given header and payload JSON, HMAC-SHA256-signed with <paramref name="secret"/>.</summary>
    public static string HandMadeHs256(string headerJson, string payloadJson, string secret) =>
        HandMadeHs256(headerJson, payloadJson, Encoding.UTF8.GetBytes(secret));

    public static string HandMadeHs256(string headerJson, string payloadJson, byte[] key)
    {
        var signingInput = B64(headerJson) + "." + B64(payloadJson);
        return signingInput + "." + B64(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string RsaJwk(RSA rsa, string kid, string? alg = null)
    {
        var p = rsa.ExportParameters(false);
        var members = new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
        if (alg is not null)
        {
            members["alg"] = alg;
        }

        return JsonSerializer.Serialize(members);
    }

    public static string EcJwk(ECDsa ecdsa, string kid, string crv)
    {
        var p = ecdsa.ExportParameters(false);
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["kty"] = "EC", ["kid"] = kid, ["crv"] = crv, ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) });
    }

    public static string Jwks(params string[] keys) => "{\"keys\":[" + string.Join(',', keys) + "]}";
}
