using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// Turns one entry of a Login.gov Attempts API poll response (<c>{"sets":{"&lt;jti&gt;":"&lt;JWE&gt;"}}</c>) into verified
/// SET JSON: compact JWE with RSA-OAEP (SHA-1) and A256GCM, optional <c>zip:"DEF"</c>, optional inner ES256 JWS, then
/// the <c>jti</c>, <c>aud</c> and <c>iss</c> claims.
/// </summary>
/// <remarks>
/// <see cref="Decode"/> never throws for bad input: every refusal is a <see cref="SetDecodeResult"/> with a reason that
/// names the problem and never contains the content key, key material or decrypted values. Per RFC 8936 as Login.gov
/// implements it, a refused SET is redelivered until acknowledged, so the caller should quarantine the raw JWE and
/// acknowledge it anyway.
/// </remarks>
public sealed class SetDecoder
{
    private const string JweAlgorithm = "RSA-OAEP";
    private const string ContentEncryption = "A256GCM";
    private const string Deflate = "DEF";
    private const string JwsAlgorithm = "ES256";
    private const int CekSize = 32;
    private const int IvSize = 12;
    private const int TagSize = 16;
    private const int Es256SignatureSize = 64;

    // Headers, the wrapped key (512 bytes for RSA-4096), IV and tag fit well within this on top of the ciphertext.
    private const int JweOverheadChars = 16 * 1024;

    // Duplicate claims are refused: the decoder and the normalizer must not read different values of one claim.
    private static readonly JsonDocumentOptions SetParseOptions = new() { AllowDuplicateProperties = false };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly LoginGovKeyRing _keys;
    private readonly SetDecoderOptions _options;
    private readonly string _expectedIssuer;

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

        if (jwe.Length > ((long)_options.MaxPlaintextBytes * 4 / 3) + JweOverheadChars)
        {
            return FailFormat(SetDecodeError.PayloadTooLarge, $"the JWE is {jwe.Length} characters, over the {_options.MaxPlaintextBytes}-byte cap");
        }

        var parts = jwe.Trim().Split('.');
        if (parts.Length != 5)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"a compact JWE has 5 dot-separated parts; this one has {parts.Length}");
        }

        if (!JoseHeader.TryParse(parts[0], out var header, out var headerError))
        {
            return Fail(SetDecodeError.MalformedJwe, "the JWE protected header " + headerError);
        }

        if (CheckJweHeader(header) is { } unsupported)
        {
            return unsupported;
        }

        if (!TryChooseKey(header.Kid, out var kid, out var key, out var keyFailure))
        {
            return keyFailure;
        }

        if (!Base64UrlText.TryDecode(parts[1], out var encryptedKey) || encryptedKey.Length == 0)
        {
            return Fail(SetDecodeError.MalformedJwe, "JWE part 2 (encrypted key) is not base64url");
        }

        if (!Base64UrlText.TryDecode(parts[2], out var iv))
        {
            return Fail(SetDecodeError.MalformedJwe, "JWE part 3 (IV) is not base64url");
        }

        if (!Base64UrlText.TryDecode(parts[3], out var ciphertext))
        {
            return Fail(SetDecodeError.MalformedJwe, "JWE part 4 (ciphertext) is not base64url");
        }

        if (!Base64UrlText.TryDecode(parts[4], out var tag))
        {
            return Fail(SetDecodeError.MalformedJwe, "JWE part 5 (authentication tag) is not base64url");
        }

        if (iv.Length != IvSize)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"the IV is {iv.Length} bytes; A256GCM needs {IvSize}");
        }

        if (tag.Length != TagSize)
        {
            return FailFormat(SetDecodeError.MalformedJwe, $"the authentication tag is {tag.Length} bytes; A256GCM needs {TagSize}");
        }

        if (ciphertext.Length > _options.MaxPlaintextBytes)
        {
            return FailFormat(SetDecodeError.PayloadTooLarge, $"the ciphertext is {ciphertext.Length} bytes, over the {_options.MaxPlaintextBytes}-byte cap");
        }

        if (!TryDecrypt(parts[0], key, kid, encryptedKey, iv, ciphertext, tag, out var plaintext, out var decryptFailure))
        {
            return decryptFailure;
        }

        if (header.Zip is not null)
        {
            switch (SetInflater.Inflate(plaintext, _options.MaxPlaintextBytes, out var inflated))
            {
                case SetInflater.Status.TooLarge:
                    return FailFormat(SetDecodeError.PayloadTooLarge, $"the payload inflates past the {_options.MaxPlaintextBytes}-byte cap");
                case SetInflater.Status.Invalid:
                    return Fail(SetDecodeError.DecompressionFailed, "zip is DEF but the payload is neither zlib nor raw DEFLATE data");
                default:
                    plaintext = inflated;
                    break;
            }
        }

        if (!TryUnwrapPlaintext(plaintext, out var setJson, out var signed, out var plaintextFailure))
        {
            return plaintextFailure;
        }

        return CheckClaims(expectedJti, setJson) ?? SetDecodeResult.Success(setJson, signed, kid);
    }

    private static SetDecodeResult? CheckJweHeader(JoseHeader header)
    {
        if (!string.Equals(header.Alg, JweAlgorithm, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE alg {Describe(header.Alg)} is not supported; Login.gov uses {JweAlgorithm}");
        }

        if (!string.Equals(header.Enc, ContentEncryption, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE enc {Describe(header.Enc)} is not supported; Login.gov uses {ContentEncryption}");
        }

        if (header.Zip is not null && !string.Equals(header.Zip, Deflate, StringComparison.Ordinal))
        {
            return FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWE zip {Describe(header.Zip)} is not supported; only {Deflate} is");
        }

        // RFC 7516 §4.1.13: a recipient must refuse critical extensions it does not understand, and it understands none.
        return header.HasCrit ? Fail(SetDecodeError.UnsupportedAlgorithm, "the JWE header lists critical extensions (crit), which are not supported") : null;
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

    private static bool TryDecrypt(
        string protectedHeader, RSA key, string kid, byte[] encryptedKey, byte[] iv, byte[] ciphertext, byte[] tag,
        out byte[] plaintext, out SetDecodeResult failure)
    {
        plaintext = [];
        failure = null!;
        byte[] cek;
        try
        {
            cek = key.Decrypt(encryptedKey, RSAEncryptionPadding.OaepSHA1);
        }
        catch (CryptographicException)
        {
            // Distinct from a tag failure on purpose: the importer polls and never answers the sender, so there is no
            // padding oracle to hide, and "wrong key" is the most useful thing to tell an operator during a rotation.
            failure = FailFormat(SetDecodeError.DecryptionFailed, $"the content key did not unwrap with the private key for kid {kid} (the JWE was encrypted to another key, or altered)");
            return false;
        }

        try
        {
            if (cek.Length != CekSize)
            {
                failure = FailFormat(SetDecodeError.DecryptionFailed, $"the unwrapped content key is {cek.Length} bytes; A256GCM needs {CekSize}");
                return false;
            }

            var output = new byte[ciphertext.Length];
            using var aes = new AesGcm(cek, TagSize);

            // The AAD is the ASCII of the base64url header as sent (RFC 7516 §5.2 step 14), so any header change fails here.
            aes.Decrypt(iv, ciphertext, tag, output, Encoding.ASCII.GetBytes(protectedHeader));
            plaintext = output;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            failure = Fail(SetDecodeError.DecryptionFailed, "AES-GCM authentication failed: the protected header, IV, ciphertext or tag was altered");
            return false;
        }
        catch (CryptographicException)
        {
            failure = Fail(SetDecodeError.DecryptionFailed, "AES-GCM decryption failed");
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
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

        var parts = Encoding.ASCII.GetString(trimmed).Split('.');
        if (!JoseHeader.TryParse(parts[0], out var header, out var headerError))
        {
            failure = Fail(SetDecodeError.MalformedJws, "the JWS protected header " + headerError);
            return false;
        }

        if (!string.Equals(header.Alg, JwsAlgorithm, StringComparison.Ordinal))
        {
            failure = FailFormat(SetDecodeError.UnsupportedAlgorithm, $"JWS alg {Describe(header.Alg)} is not supported; Login.gov signs with {JwsAlgorithm}");
            return false;
        }

        if (header.HasCrit)
        {
            failure = Fail(SetDecodeError.UnsupportedAlgorithm, "the JWS header lists critical extensions (crit), which are not supported");
            return false;
        }

        if (_options.SigningKeys.Count == 0)
        {
            failure = Fail(SetDecodeError.SignatureKeyMissing, "the SET is ES256-signed but no transmitter signing key is configured (load Login.gov's JWKS from /api/attempts-certs); it was not accepted unverified");
            return false;
        }

        if (!Base64UrlText.TryDecode(parts[1], out var payload) || !Base64UrlText.TryDecode(parts[2], out var signature))
        {
            failure = Fail(SetDecodeError.MalformedJws, "the JWS payload or signature is not base64url");
            return false;
        }

        if (signature.Length != Es256SignatureSize)
        {
            failure = FailFormat(SetDecodeError.SignatureInvalid, $"the ES256 signature is {signature.Length} bytes; R‖S is {Es256SignatureSize}");
            return false;
        }

        // Login.gov's JWS header carries no kid, so every configured key is tried; there are one or two.
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var verified = _options.SigningKeys.Any(key => key.VerifyData(
            signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        if (!verified)
        {
            failure = FailFormat(SetDecodeError.SignatureInvalid, $"the ES256 signature does not verify with any of the {_options.SigningKeys.Count} configured transmitter keys");
            return false;
        }

        var start = payload.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || payload[start] != (byte)'{' || !TryDecodeUtf8(payload, out setJson))
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
