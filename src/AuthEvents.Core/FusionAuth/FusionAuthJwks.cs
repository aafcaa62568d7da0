using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AuthEvents.Core.Tokens;
using AuthEvents.Core.Webhooks;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.FusionAuth;

/// <summary>
/// The verification keys in a JSON Web Key Set (RFC 7517), such as FusionAuth's <c>/.well-known/jwks.json</c>, read by
/// IdentityModel's <see cref="JsonWebKeySet"/>. RSA keys (<c>n</c>, <c>e</c>) and EC keys on P-256/P-384/P-521 (<c>crv</c>,
/// <c>x</c>, <c>y</c>) are kept; every other key is skipped with a note saying why, so one unusable key does not block the
/// rest of the set.
/// </summary>
/// <remarks>
/// EdDSA keys (<c>kty</c> <c>OKP</c>, Ed25519) are skipped: neither IdentityModel nor jose-jwt verifies Ed25519, so webhooks
/// signed with an EdDSA key cannot be verified. Symmetric (<c>oct</c>) keys are skipped too: HMAC secrets are configured
/// directly, never taken from a published key set. A key's <c>alg</c>, when present, narrows it to that one algorithm; a
/// key whose <c>use</c> is not <c>sig</c> is skipped.
/// </remarks>
public sealed class FusionAuthJwks
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private FusionAuthJwks(IReadOnlyList<FusionAuthVerificationKey> keys, IReadOnlyList<string> skippedKeys)
    {
        Keys = keys;
        SkippedKeys = skippedKeys;
    }

    /// <summary>The keys that can verify signatures, each carrying its <c>kid</c> when the set gave one.</summary>
    public IReadOnlyList<FusionAuthVerificationKey> Keys { get; }

    /// <summary>One note per skipped key: its <c>kid</c> (or position) and why it was skipped. Safe to log: a JWKS is public.</summary>
    public IReadOnlyList<string> SkippedKeys { get; }

    /// <summary>Reads a JWKS document.</summary>
    /// <exception cref="FormatException">The text is not JSON, or not an object with a <c>keys</c> array.</exception>
    public static FusionAuthJwks Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var skipped = new List<string>();
        var objectPositions = CheckShape(json, skipped);
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("The JWKS document could not be read as a key set.", ex);
        }

        var keys = new List<FusionAuthVerificationKey>();
        for (var i = 0; i < set.Keys.Count; i++)
        {
            var jwk = set.Keys[i];
            var position = objectPositions.Count == set.Keys.Count ? objectPositions[i] : i;

            // Only a short printable kid goes into a note, so a note cannot smuggle line breaks into a log.
            var label = jwk.Kid is { Length: > 0 and <= 128 } kid && HttpHeaders.IsPrintableAscii(kid)
                ? "'" + kid + "'"
                : "#" + position.ToString(CultureInfo.InvariantCulture);
            if (ReadKey(jwk, out var whySkipped) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                skipped.Add("Key " + label + " skipped: " + whySkipped);
            }
        }

        return new FusionAuthJwks(keys, skipped);
    }

    // IdentityModel reads {} as an empty set and drops entries that are not objects: a document that is not a key set must
    // fail the fetch (keeping the loaded keys), and a dropped entry deserves a note. Returns the positions of the objects.
    private static List<int> CheckShape(string json, List<string> skipped)
    {
        try
        {
            using var document = JsonDocument.Parse(json, StrictJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The JWKS document must be a JSON object with a 'keys' array.");
            }

            var positions = new List<int>();
            var index = 0;
            foreach (var entry in keys.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object)
                {
                    positions.Add(index);
                }
                else
                {
                    skipped.Add("Key #" + index.ToString(CultureInfo.InvariantCulture) + " skipped: not a JSON object.");
                }

                index++;
            }

            return positions;
        }
        catch (JsonException ex)
        {
            throw new FormatException("The JWKS document is not valid JSON.", ex);
        }
    }

    private static FusionAuthVerificationKey? ReadKey(JsonWebKey jwk, out string whySkipped)
    {
        whySkipped = "";
        if (jwk.Use is { Length: > 0 } use && use != JsonWebKeyUseNames.Sig)
        {
            whySkipped = "its use is not 'sig'.";
            return null;
        }

        var kid = string.IsNullOrEmpty(jwk.Kid) ? null : jwk.Kid;
        var alg = string.IsNullOrEmpty(jwk.Alg) ? null : jwk.Alg;
        switch (jwk.Kty)
        {
            case JsonWebAlgorithmsKeyTypes.RSA:
                return ReadRsa(jwk, kid, alg, out whySkipped);
            case JsonWebAlgorithmsKeyTypes.EllipticCurve:
                return ReadEc(jwk, kid, alg, out whySkipped);
            case "OKP":
                whySkipped = "EdDSA (OKP/Ed25519) keys are not supported: neither IdentityModel nor jose-jwt verifies Ed25519.";
                return null;
            case JsonWebAlgorithmsKeyTypes.Octet:
                whySkipped = "symmetric keys are not taken from a key set; configure HMAC secrets directly.";
                return null;
            default:
                whySkipped = "missing or unsupported kty.";
                return null;
        }
    }

    private static FusionAuthVerificationKey? ReadRsa(JsonWebKey jwk, string? kid, string? alg, out string whySkipped)
    {
        whySkipped = "";
        if (alg is not null && !JwtAlgorithms.Rsa.Contains(alg))
        {
            whySkipped = "its alg is not an RSA signature algorithm.";
            return null;
        }

        if (!TryGetBytes(jwk.N, out var modulus) || !TryGetBytes(jwk.E, out var exponent))
        {
            whySkipped = "RSA key without valid base64url 'n' and 'e'.";
            return null;
        }

        var key = FusionAuthVerificationKey.FromRsaParameters(new RSAParameters { Modulus = modulus, Exponent = exponent }, kid, alg);
        if (key is null)
        {
            whySkipped = "RSA keys must have at least 2048 bits.";
        }

        return key;
    }

    private static FusionAuthVerificationKey? ReadEc(JsonWebKey jwk, string? kid, string? alg, out string whySkipped)
    {
        whySkipped = "";
        if (!JwtAlgorithms.TryGetJwkCurve(jwk.Crv, out var curve, out var length))
        {
            whySkipped = "EC keys must be on P-256, P-384 or P-521.";
            return null;
        }

        if (!TryGetBytes(jwk.X, out var x) || !TryGetBytes(jwk.Y, out var y) || x.Length != length || y.Length != length)
        {
            whySkipped = "EC key without valid base64url 'x' and 'y' of the curve's length.";
            return null;
        }

        FusionAuthVerificationKey? key;
        try
        {
            key = FusionAuthVerificationKey.FromEcParameters(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } }, kid);
        }
        catch (CryptographicException)
        {
            whySkipped = "EC point is not on the curve.";
            return null;
        }

        if (key is not null && alg is not null && !key.Algorithms.Contains(alg))
        {
            whySkipped = "its alg does not match its curve.";
            return null;
        }

        return key;
    }

    private static bool TryGetBytes(string? text, out byte[] bytes)
    {
        bytes = [];
        return text is { Length: > 0 } && CanonicalBase64Url.TryDecode(text, out bytes);
    }
}
