using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// The verification keys in a JSON Web Key Set (RFC 7517), such as FusionAuth's <c>/.well-known/jwks.json</c>.
/// RSA keys (<c>n</c>, <c>e</c>) and EC keys on P-256/P-384/P-521 (<c>crv</c>, <c>x</c>, <c>y</c>) are kept; every other key
/// is skipped with a note saying why, so one unusable key does not block the rest of the set.
/// </summary>
/// <remarks>
/// EdDSA keys (<c>kty</c> <c>OKP</c>, Ed25519) are skipped: .NET has no built-in Ed25519 and this library takes no
/// third-party cryptography, so webhooks signed with an EdDSA key cannot be verified. Symmetric (<c>oct</c>) keys are
/// skipped too: HMAC secrets are configured directly, never taken from a published key set. A key's <c>alg</c>, when
/// present, narrows it to that one algorithm; a key whose <c>use</c> is not <c>sig</c> is skipped.
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, StrictJson);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The JWKS document is not valid JSON.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keysElement)
                || keysElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The JWKS document must be a JSON object with a 'keys' array.");
            }

            var keys = new List<FusionAuthVerificationKey>();
            var skipped = new List<string>();
            var index = 0;
            foreach (var jwk in keysElement.EnumerateArray())
            {
                // Only a short printable kid goes into a note, so a note cannot smuggle line breaks into a log.
                var label = jwk.ValueKind == JsonValueKind.Object && GetString(jwk, "kid") is { Length: <= 128 } kid
                    && HttpHeaders.IsPrintableAscii(kid)
                    ? "'" + kid + "'"
                    : "#" + index.ToString(CultureInfo.InvariantCulture);
                var key = ReadKey(jwk, out var whySkipped);
                if (key is null)
                {
                    skipped.Add("Key " + label + " skipped: " + whySkipped);
                }
                else
                {
                    keys.Add(key);
                }

                index++;
            }

            return new FusionAuthJwks(keys, skipped);
        }
    }

    private static FusionAuthVerificationKey? ReadKey(JsonElement jwk, out string whySkipped)
    {
        whySkipped = "";
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            whySkipped = "not a JSON object.";
            return null;
        }

        if (GetString(jwk, "use") is { } use && use != "sig")
        {
            whySkipped = "its use is not 'sig'.";
            return null;
        }

        var kid = GetString(jwk, "kid");
        var alg = GetString(jwk, "alg");
        switch (GetString(jwk, "kty"))
        {
            case "RSA":
                return ReadRsa(jwk, kid, alg, out whySkipped);
            case "EC":
                return ReadEc(jwk, kid, alg, out whySkipped);
            case "OKP":
                whySkipped = "EdDSA (OKP/Ed25519) keys are not supported: .NET has no built-in Ed25519.";
                return null;
            case "oct":
                whySkipped = "symmetric keys are not taken from a key set; configure HMAC secrets directly.";
                return null;
            default:
                whySkipped = "missing or unsupported kty.";
                return null;
        }
    }

    private static FusionAuthVerificationKey? ReadRsa(JsonElement jwk, string? kid, string? alg, out string whySkipped)
    {
        whySkipped = "";
        if (alg is not null && !JwtAlgorithms.Rsa.Contains(alg))
        {
            whySkipped = "its alg is not an RSA signature algorithm.";
            return null;
        }

        if (!TryGetBytes(jwk, "n", out var modulus) || !TryGetBytes(jwk, "e", out var exponent))
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

    private static FusionAuthVerificationKey? ReadEc(JsonElement jwk, string? kid, string? alg, out string whySkipped)
    {
        whySkipped = "";
        if (!JwtAlgorithms.TryGetJwkCurve(GetString(jwk, "crv"), out var curve, out var length))
        {
            whySkipped = "EC keys must be on P-256, P-384 or P-521.";
            return null;
        }

        if (!TryGetBytes(jwk, "x", out var x) || !TryGetBytes(jwk, "y", out var y) || x.Length != length || y.Length != length)
        {
            whySkipped = "EC key without valid base64url 'x' and 'y' of the curve's length.";
            return null;
        }

        var parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } };
        try
        {
            // Importing checks that the point lies on the curve.
            using var ecdsa = ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            whySkipped = "EC point is not on the curve.";
            return null;
        }

        var key = FusionAuthVerificationKey.FromEcParameters(parameters, kid);
        if (key is not null && alg is not null && !key.Algorithms.Contains(alg))
        {
            whySkipped = "its alg does not match its curve.";
            return null;
        }

        return key;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetBytes(JsonElement element, string name, out byte[] bytes)
    {
        bytes = [];
        if (GetString(element, name) is not { Length: > 0 } text || !JwtAlgorithms.TryDecodeBase64Url(text, out var decoded))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
