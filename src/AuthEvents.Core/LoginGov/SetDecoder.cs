using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Core.Tokens;
using Jose;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Turns one entry of a Login.gov Attempts API poll response (<c>{"sets":{"&lt;jti&gt;":"&lt;JWE&gt;"}}</c>) into verified
/// SET JSON: compact JWE with RSA-OAEP (SHA-1) and A256GCM, optional <c>zip:"DEF"</c>, optional inner ES256 JWS, then
/// the <c>jti</c>, <c>aud</c> and <c>iss</c> claims.
/// </summary>
/// <remarks>
/// <para>IdentityModel reads the compact tokens and verifies the inner JWS; jose-jwt decrypts the JWE, because IdentityModel
/// cannot do A256GCM on Linux (docs/protocols/jose.md). This class adds only Login.gov's rules: the algorithms, the key
/// named by <c>kid</c>, the size cap and the claims.</para>
/// <para><see cref="Decode"/> never throws for bad input: every refusal is a <see cref="SetDecodeResult"/> with a reason that
/// names the problem and never contains the content key, key material or decrypted values. Per RFC 8936 as Login.gov
/// implements it, a refused SET is redelivered until acknowledged, so the caller should quarantine the raw JWE and
/// acknowledge it anyway.</para>
/// </remarks>
public sealed class SetDecoder
{
    private const string JweAlgorithm = "RSA-OAEP";
    private const string ContentEncryption = "A256GCM";
    private const string Deflate = "DEF";
    private const string JwsAlgorithm = "ES256";
    private const int IvSize = 12;
    private const int TagSize = 16;

    // Login.gov's headers are under 200 characters; a cap keeps junk from reaching the JSON parser.
    private const int MaxHeaderChars = 4096;

    // Headers, the wrapped key (512 bytes for RSA-4096), IV and tag fit well within this on top of the ciphertext.
    private const int JweOverheadChars = 16 * 1024;

    private static readonly string[] PartNames = ["protected header", "part 2 (encrypted key)", "part 3 (IV)", "part 4 (ciphertext)", "part 5 (authentication tag)"];

    // Duplicate claims are refused: the decoder and the normalizer must not read different values of one claim.
    private static readonly JsonDocumentOptions SetParseOptions = new() { AllowDuplicateProperties = false };

    // IdentityModel's default factory caches a signature provider per public key for the process, holding the ECDsa
    // instance: the keys here are borrowed and may be disposed while an equal key is in use elsewhere.
    private static readonly CryptoProviderFactory BorrowedKeys = new() { CacheSignatureProviders = false };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly LoginGovKeyRing _keys;
    private readonly SetDecoderOptions _options;
    private readonly string _expectedIssuer;
    private readonly long _maxJweChars;
    private readonly JsonWebTokenHandler _handler;
    private readonly JwtSettings _jweSettings;
    private readonly TokenValidationParameters _jwsParameters;

    /// <summary>Creates a decoder over <paramref name="keys"/>, which it borrows.</summary>
    /// <exception cref="ArgumentException">The options lack an audience or issuer, have a non-positive cap, or a signing key is not P-256.</exception>
    public SetDecoder(LoginGovKeyRing keys, SetDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ExpectedAudience))
        {
            throw new ArgumentException("ExpectedAudience (this service provider's issuer) is required.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ExpectedIssuer))
        {
            throw new ArgumentException("ExpectedIssuer (the Login.gov host) is required.", nameof(options));
        }

        if (options.MaxPlaintextBytes <= 0)
        {
            throw new ArgumentException("MaxPlaintextBytes must be positive.", nameof(options));
        }

        if (options.SigningKeys is null || options.SigningKeys.Any(key => key is null || !LoginGovSigningKeys.IsP256(key)))
        {
            throw new ArgumentException("SigningKeys must be P-256 EC keys.", nameof(options));
        }

        _keys = keys;
        _options = options;
        _expectedIssuer = NormalizeIssuer(options.ExpectedIssuer.Trim());
        _maxJweChars = ((long)options.MaxPlaintextBytes * 4 / 3) + JweOverheadChars;
        _handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = (int)Math.Min(int.MaxValue, _maxJweChars) };
        _jweSettings = new JwtSettings().RegisterCompression(JweCompression.DEF, new SetDeflate(options.MaxPlaintextBytes));
        _jwsParameters = new TokenValidationParameters
        {
            IssuerSigningKeys = options.SigningKeys.Select(key => new ECDsaSecurityKey(key) { CryptoProviderFactory = BorrowedKeys }).ToList(),
            ValidAlgorithms = [JwsAlgorithm],
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,

            // A SET has no exp or nbf, and its iss and aud are checked by CheckClaims with Login.gov's rules.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    /// <summary>Decrypts and checks the JWE delivered under poll-map key <paramref name="expectedJti"/>.</summary>
    /// <param name="expectedJti">The key of the <c>sets</c> map entry; the SET's <c>jti</c> must equal it.</param>
    /// <param name="jwe">The compact JWE, the value of that entry.</param>
    public SetDecodeResult Decode(string expectedJti, string jwe)
    {
        // Each step catches what it expects; the handlers below are a safety net so that bad input can never escape as
        // an exception. Exception messages are not passed on: some quote the input.
        try
        {
            return DecodeCore(expectedJti, jwe);
        }
        catch (CryptographicException)
        {
            return Fail(SetDecodeError.DecryptionFailed, "a cryptographic operation failed");
        }
        catch (JoseException)
        {
            return Fail(SetDecodeError.DecryptionFailed, "the JWE could not be decrypted");
        }
        catch (SecurityTokenException)
        {
            return Fail(SetDecodeError.MalformedJwe, "the JWE is not well-formed");
        }
        catch (FormatException)
        {
            return Fail(SetDecodeError.MalformedJwe, "the JWE is not well-formed");
        }
        catch (JsonException)
        {
            return Fail(SetDecodeError.MalformedSet, "the SET is not valid JSON");
        }
        catch (InvalidDataException)
        {
            return Fail(SetDecodeError.DecompressionFailed, "the payload could not be inflated");
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException (invalid UTF-8) derives from ArgumentException.
            return Fail(SetDecodeError.MalformedJwe, "the input is not valid text");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reports invalid UTF-8 inside a string this way.
            return Fail(SetDecodeError.MalformedJwe, "the input is not valid text");
        }
    }

    private static SetDecodeResult Fail(SetDecodeError error, string reason) => SetDecodeResult.Failure(error, reason);

    private static SetDecodeResult FailFormat(SetDecodeError error, FormattableString reason) =>
        SetDecodeResult.Failure(error, FormattableString.Invariant(reason));

    private SetDecodeResult DecodeCore(string expectedJti, string jwe)
    {
        if (string.IsNullOrWhiteSpace(expectedJti))
        {
            return Fail(SetDecodeError.JtiMismatch, "no expected jti was given (the poll-map key is empty)");
        }

        if (string.IsNullOrWhiteSpace(jwe))
        {
            return Fail(SetDecodeError.MalformedJwe, "the JWE is empty");
        }

        if (jwe.Length > _maxJweChars)
        {
            return FailFormat(SetDecodeError.PayloadTooLarge, $"the JWE is {jwe.Length} characters, over the {_options.MaxPlaintextBytes}-byte cap");
        }

        var compact = jwe.Trim();
        var parts = compact.Split('.');
        if (parts.Length != 5)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"a compact JWE has 5 dot-separated parts; this one has {parts.Length}");
        }

        if (parts[0].Length > MaxHeaderChars)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"the JWE protected header is longer than {MaxHeaderChars} characters");
        }

        var decoded = new byte[5][];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!CanonicalBase64Url.TryDecode(parts[i], out decoded[i]) || (i < 2 && decoded[i].Length == 0))
            {
                return Fail(SetDecodeError.MalformedJwe, (i == 0 ? "the JWE " : "JWE ") + PartNames[i] + " is not base64url");
            }
        }

        if (!TryReadToken(compact, out var token))
        {
            return Fail(SetDecodeError.MalformedJwe, "the JWE is not readable: its protected header is not UTF-8 JSON, an object whose alg, enc, zip and kid are strings, or its ciphertext is empty");
        }

        if (CheckJweHeader(token) is { } unsupported)
        {
            return unsupported;
        }

        if (!TryChooseKey(Header(token, "kid"), out var kid, out var key, out var keyFailure))
        {
            return keyFailure;
        }

        if (decoded[2].Length != IvSize)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"the IV is {decoded[2].Length} bytes; A256GCM needs {IvSize}");
        }

        if (decoded[4].Length != TagSize)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"the authentication tag is {decoded[4].Length} bytes; A256GCM needs {TagSize}");
        }

        if (decoded[3].Length > _options.MaxPlaintextBytes)
        {
            return FailFormat(SetDecodeError.PayloadTooLarge, $"the ciphertext is {decoded[3].Length} bytes, over the {_options.MaxPlaintextBytes}-byte cap");
        }

        if (!TryDecrypt(compact, key, kid, out var plaintext, out var decryptFailure))
        {
            return decryptFailure;
        }

        if (!TryUnwrapPlaintext(plaintext, out var setJson, out var signed, out var plaintextFailure))
        {
            return plaintextFailure;
        }

        return CheckClaims(expectedJti, setJson) ?? SetDecodeResult.Success(setJson, signed, kid);
    }

    private bool TryReadToken(string compact, out JsonWebToken token)
    {
        try
        {
            token = _handler.ReadJsonWebToken(compact);
            return true;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from it too. The message may quote the token, so it is dropped.
            token = null!;
            return false;
        }
    }

    private static string? Header(JsonWebToken token, string name) => token.TryGetHeaderValue<string>(name, out var value) ? value : null;

    private static SetDecodeResult? CheckJweHeader(JsonWebToken token)
    {
        var alg = Header(token, "alg");
        if (!string.Equals(alg, JweAlgorithm, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE alg {Describe(alg)} is not supported; Login.gov uses {JweAlgorithm}");
        }

        var enc = Header(token, "enc");
        if (!string.Equals(enc, ContentEncryption, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE enc {Describe(enc)} is not supported; Login.gov uses {ContentEncryption}");
        }

        var zip = Header(token, "zip");
        if (zip is not null && !string.Equals(zip, Deflate, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE zip {Describe(zip)} is not supported; only {Deflate} is");
        }

        // RFC 7516 §4.1.13: a recipient must refuse critical extensions it does not understand, and it understands none.
        return token.TryGetHeaderValue<object>("crit", out _)
            ? Fail(SetDecodeError.UnsupportedAlgorithm, "the JWE header lists critical extensions (crit), which are not supported")
            : null;
    }

    private bool TryChooseKey(string? headerKid, out string kid, out RSA key, out SetDecodeResult failure)
    {
        failure = null!;
        if (headerKid is not null)
        {
            kid = headerKid;
            if (_keys.TryGet(headerKid, out var found))
            {
                key = found;
                return true;
            }

            key = null!;
            failure = FailFormat(SetDecodeError.UnknownKey, $"no private key for kid {Describe(headerKid)}; loaded kids: {string.Join(", ", _keys.Kids)}");
            return false;
        }

        // Without a kid the only safe choice is the only key; guessing among several would hide a rotation mistake.
        if (_keys.Count == 1 && _keys.TryGet(_keys.Kids[0], out var only))
        {
            kid = _keys.Kids[0];
            key = only;
            return true;
        }

        kid = "";
        key = null!;
        failure = FailFormat(SetDecodeError.UnknownKey, $"no private key for kid (none): the JWE header has no kid and {_keys.Count} keys are loaded");
        return false;
    }

    private bool TryDecrypt(string compact, RSA key, string kid, out byte[] plaintext, out SetDecodeResult failure)
    {
        plaintext = [];
        failure = null!;
        try
        {
            // jose-jwt checks alg and enc again, unwraps the content key, authenticates and decrypts, and inflates "DEF"
            // through SetDeflate with the cap.
            plaintext = JWT.DecodeBytes(compact, key, global::Jose.JweAlgorithm.RSA_OAEP, JweEncryption.A256GCM, _jweSettings);
            return true;
        }
        catch (CapacityExceededException)
        {
            failure = FailFormat(SetDecodeError.PayloadTooLarge, $"the payload inflates past the {_options.MaxPlaintextBytes}-byte cap");
        }
        catch (InvalidDataException)
        {
            failure = Fail(SetDecodeError.DecompressionFailed, "zip is DEF but the payload is neither zlib nor raw DEFLATE data");
        }
        catch (EncryptionException)
        {
            failure = Fail(SetDecodeError.DecryptionFailed, "AES-GCM authentication failed: the protected header, IV, ciphertext or tag was altered");
        }
        catch (CryptographicException)
        {
            // Distinct from a tag failure on purpose: the importer polls and never answers the sender, so there is no
            // padding oracle to hide, and "wrong key" is the most useful thing to tell an operator during a rotation.
            failure = FailFormat(SetDecodeError.DecryptionFailed, $"the content key did not unwrap with the private key for kid {kid} (the JWE was encrypted to another key, or altered)");
        }
        catch (ArgumentException)
        {
            // The IV and tag sizes were checked above; what is left is a content key of the wrong size.
            failure = Fail(SetDecodeError.DecryptionFailed, "the unwrapped content key is not the 32 bytes A256GCM needs");
        }

        return false;
    }

    private bool TryUnwrapPlaintext(byte[] plaintext, out string setJson, out bool signed, out SetDecodeResult failure)
    {
        setJson = "";
        signed = false;
        failure = null!;
        var start = plaintext.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            failure = Fail(SetDecodeError.MalformedSet, "the decrypted plaintext is empty");
            return false;
        }

        if (plaintext[start] == (byte)'{')
        {
            if (!TryDecodeUtf8(plaintext, out setJson))
            {
                failure = Fail(SetDecodeError.MalformedSet, "the SET is not valid UTF-8");
                return false;
            }

            if (_options.RequireSignature)
            {
                failure = Fail(SetDecodeError.SignatureRequired, "the SET is not signed, and RequireSignature is set");
                return false;
            }

            return true;
        }

        signed = true;
        return TryVerifyJws(plaintext.AsSpan(start), out setJson, out failure);
    }

    private bool TryVerifyJws(ReadOnlySpan<byte> plaintext, out string setJson, out SetDecodeResult failure)
    {
        setJson = "";
        failure = null!;
        var trimmed = plaintext.TrimEnd(" \t\r\n"u8);
        var dots = trimmed.Count((byte)'.');
        if (dots != 2 || !Ascii.IsValid(trimmed))
        {
            failure = FailFormat(SetDecodeError.MalformedJws, $"the plaintext is neither SET JSON (starting with '{{') nor a compact JWS (3 dot-separated parts; found {dots + 1})");
            return false;
        }

        var jws = Encoding.ASCII.GetString(trimmed);
        var parts = jws.Split('.');
        if (!parts.All(CanonicalBase64Url.IsCanonical) || !TryReadToken(jws, out var token))
        {
            failure = Fail(SetDecodeError.MalformedJws, "the JWS is not three base64url parts with a JSON object as header and payload");
            return false;
        }

        var alg = Header(token, "alg");
        if (!string.Equals(alg, JwsAlgorithm, StringComparison.Ordinal))
        {
            failure = FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWS alg {Describe(alg)} is not supported; Login.gov signs with {JwsAlgorithm}");
            return false;
        }

        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            failure = Fail(SetDecodeError.UnsupportedAlgorithm, "the JWS header lists critical extensions (crit), which are not supported");
            return false;
        }

        if (_options.SigningKeys.Count == 0)
        {
            failure = Fail(SetDecodeError.SignatureKeyMissing, "the SET is ES256-signed but no transmitter signing key is configured (load Login.gov's JWKS from /api/attempts-certs); it was not accepted unverified");
            return false;
        }

        // Login.gov's JWS header carries no kid, so every configured key is tried; there are one or two. With keys given
        // and no configuration manager, the validation completes synchronously.
        var result = _handler.ValidateTokenAsync(token, _jwsParameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            failure = FailFormat(SetDecodeError.SignatureInvalid, $"the ES256 signature does not verify with any of the {_options.SigningKeys.Count} configured transmitter keys");
            return false;
        }

        // The SET is the signed payload byte for byte, not the library's reading of it.
        if (!CanonicalBase64Url.TryDecode(parts[1], out var payload) || !TryDecodeUtf8(payload, out setJson))
        {
            failure = Fail(SetDecodeError.MalformedSet, "the signed payload is not SET JSON");
            return false;
        }

        return true;
    }

    private SetDecodeResult? CheckClaims(string expectedJti, string setJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(setJson, SetParseOptions);
        }
        catch (JsonException ex)
        {
            // The exception message can quote the payload, so only the position is passed on.
            return ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? FailFormat(SetDecodeError.MalformedSet, $"the SET is not valid JSON or repeats a member (line {line + 1}, byte {position})")
                : Fail(SetDecodeError.MalformedSet, "the SET is not valid JSON or repeats a member");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(SetDecodeError.MalformedSet, "the SET is not a JSON object");
            }

            if (StringClaim(root, "jti") is not { Length: > 0 } jti)
            {
                return Fail(SetDecodeError.MalformedSet, "the SET has no 'jti' string claim");
            }

            if (!string.Equals(jti, expectedJti, StringComparison.Ordinal))
            {
                return FailFormat(SetDecodeError.JtiMismatch, $"the SET's 'jti' differs from the poll-map key {Describe(expectedJti)} it was delivered under");
            }

            if (!root.TryGetProperty("aud", out var aud) || aud.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                return Fail(SetDecodeError.MalformedSet, "the SET has no 'aud' claim (a string or an array of strings)");
            }

            if (!NamesAudience(aud, _options.ExpectedAudience))
            {
                return FailFormat(SetDecodeError.AudienceMismatch, $"the SET's 'aud' does not name the expected audience '{_options.ExpectedAudience}'");
            }

            if (StringClaim(root, "iss") is not { } iss)
            {
                return Fail(SetDecodeError.MalformedSet, "the SET has no 'iss' string claim");
            }

            if (!string.Equals(NormalizeIssuer(iss), _expectedIssuer, StringComparison.Ordinal))
            {
                return FailFormat(SetDecodeError.IssuerMismatch, $"the SET's 'iss' is not the expected issuer '{_options.ExpectedIssuer}'");
            }

            return null;
        }
    }

    private static bool NamesAudience(JsonElement aud, string expected)
    {
        if (aud.ValueKind == JsonValueKind.String)
        {
            return string.Equals(aud.GetString(), expected, StringComparison.Ordinal);
        }

        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && string.Equals(item.GetString(), expected, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? StringClaim(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Rails root_url ends with '/', the OpenAPI examples do not; both name the same issuer. Only one slash is dropped.
    private static string NormalizeIssuer(string issuer) => issuer.EndsWith('/') ? issuer[..^1] : issuer;

    private static bool TryDecodeUtf8(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>
    /// Quotes a header value or poll key in a reason only when it is short printable ASCII (every real alg, enc and kid);
    /// anything else is described by length so that a reason can never carry arbitrary input.
    /// </summary>
    private static string Describe(string? value)
    {
        if (value is null)
        {
            return "(absent)";
        }

        return value.Length <= 80 && value.All(c => c is >= ' ' and <= '~' && c != '\'')
            ? "'" + value + "'"
            : string.Create(CultureInfo.InvariantCulture, $"(unprintable or long, {value.Length} characters)");
    }
}
