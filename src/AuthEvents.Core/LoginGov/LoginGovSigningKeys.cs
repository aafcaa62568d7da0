using System.Globalization;
using System.Security.Cryptography;
using AuthEvents.Core.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Loads Login.gov's ES256 (P-256) SET-signing public keys, used to verify the optional JWS inside each JWE. Login.gov
/// publishes them as a JWKS at <c>/api/attempts-certs</c> (<c>{"keys":[]}</c> while signing is off).
/// </summary>
/// <remarks>The caller owns the returned keys and disposes them when it stops decoding.</remarks>
public static class LoginGovSigningKeys
{
    /// <summary>Loads every <c>PUBLIC KEY</c> block (SubjectPublicKeyInfo) in a PEM text; each must be a P-256 EC key.</summary>
    /// <exception cref="ArgumentException">The text holds no public key, or a block is not a P-256 EC public key.</exception>
    public static IReadOnlyList<ECDsa> FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var keys = new List<ECDsa>();
        try
        {
            foreach (var (blockIndex, label, der) in PemBlocks.Read(pem))
            {
                if (label != "PUBLIC KEY")
                {
                    continue;
                }

                var ecdsa = ECDsa.Create();
                keys.Add(ecdsa);
                try
                {
                    if (der is null)
                    {
                        throw new CryptographicException();
                    }

                    ecdsa.ImportSubjectPublicKeyInfo(der, out _);
                }
                catch (CryptographicException)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"PEM block {blockIndex} is not an EC public key."), nameof(pem));
                }

                if (!IsP256(ecdsa))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"PEM block {blockIndex} is not on curve P-256, which ES256 requires."), nameof(pem));
                }
            }

            if (keys.Count == 0)
            {
                throw new ArgumentException("The PEM text holds no PUBLIC KEY block.", nameof(pem));
            }

            return keys.AsReadOnly();
        }
        catch
        {
            DisposeAll(keys);
            throw;
        }
    }

    /// <summary>
    /// Loads the ES256 keys of a JWKS document (<c>{"keys":[…]}</c>, or a single JWK object), read by IdentityModel. Keys with
    /// <c>kty</c> <c>EC</c> and <c>crv</c> <c>P-256</c> are loaded from <c>x</c> and <c>y</c>; keys of another type or curve,
    /// or whose <c>use</c> is not <c>sig</c> or whose <c>alg</c> is not <c>ES256</c>, are skipped. May return an empty list.
    /// </summary>
    /// <exception cref="FormatException">The document is not a JWKS, or a P-256 key has malformed or off-curve coordinates.</exception>
    public static IReadOnlyList<ECDsa> FromJwks(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var keys = new List<ECDsa>();
        try
        {
            var index = 0;
            foreach (var jwk in ReadJwks(json))
            {
                AddIfEs256(jwk, index++, keys);
            }

            return keys.AsReadOnly();
        }
        catch
        {
            DisposeAll(keys);
            throw;
        }
    }

    /// <summary>True when <paramref name="key"/> is on NIST P-256 (secp256r1), the only curve ES256 allows.</summary>
    internal static bool IsP256(ECDsa key)
    {
        try
        {
            var curve = key.ExportParameters(false).Curve;
            return curve.IsNamed && string.Equals(curve.Oid.Value, ECCurve.NamedCurves.nistP256.Oid.Value, StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // IdentityModel reads a document without "keys" as an empty set: that is told apart here so that a wrong document is
    // an error rather than "Login.gov publishes no keys".
    private static IList<JsonWebKey> ReadJwks(string json)
    {
        try
        {
            var set = new JsonWebKeySet(json);
            if (set.Keys.Count > 0 || set.AdditionalData.Count == 0)
            {
                return set.Keys;
            }

            var single = new JsonWebKey(json);
            return string.IsNullOrEmpty(single.Kty)
                ? throw new FormatException("The document is neither a JWKS ({\"keys\":[…]}) nor a JWK.")
                : [single];
        }
        catch (ArgumentException)
        {
            // The message may quote the document.
            throw new FormatException("The JWKS is not valid JSON, or its 'keys' is not an array of keys.");
        }
    }

    private static void AddIfEs256(JsonWebKey jwk, int index, List<ECDsa> keys)
    {
        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve
            || jwk.Crv != JsonWebKeyECTypes.P256
            || jwk.Use is { Length: > 0 } use && use != JsonWebKeyUseNames.Sig
            || jwk.Alg is { Length: > 0 } alg && alg != SecurityAlgorithms.EcdsaSha256)
        {
            return;
        }

        if (!CanonicalBase64Url.TryDecode(jwk.X ?? "", out var x) || x.Length != 32
            || !CanonicalBase64Url.TryDecode(jwk.Y ?? "", out var y) || y.Length != 32)
        {
            throw new FormatException(
                string.Create(CultureInfo.InvariantCulture, $"JWKS key {index} has malformed 'x' or 'y' coordinates (32 base64url bytes each)."));
        }

        try
        {
            keys.Add(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } }));
        }
        catch (CryptographicException)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"JWKS key {index} is not a point on P-256."));
        }
    }

    private static void DisposeAll(List<ECDsa> keys)
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
