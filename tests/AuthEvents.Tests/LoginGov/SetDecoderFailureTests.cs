using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.LoginGov;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SetDecoderFailureTests : IDisposable
{
    private readonly LoginGovKeyRing _keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA]);
    private readonly RSA _publicKey = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaA);
    private readonly ECDsa _signingKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcA);
    private readonly ECDsa _otherSigningKey = TestLoginGovKeys.Ec(TestLoginGovKeys.EcB);
    private readonly SetDecoder _decoder;
    private readonly SetEncryptor _encryptor;

    public SetDecoderFailureTests()
    {
        _decoder = Decoder();
        _encryptor = new SetEncryptor(_publicKey);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _publicKey.Dispose();
        _signingKey.Dispose();
        _otherSigningKey.Dispose();
    }

    private string Kid => _keys.Kids[0];

    private SetDecoder Decoder(bool requireSignature = false, bool withSigningKey = true, int maxPlaintextBytes = SetDecoderOptions.DefaultMaxPlaintextBytes) =>
        new(_keys, new SetDecoderOptions
        {
            ExpectedAudience = TestLoginGovKeys.Audience,
            SigningKeys = withSigningKey ? [_signingKey] : [],
            RequireSignature = requireSignature,
            MaxPlaintextBytes = maxPlaintextBytes,
        });

    private string Valid() => _encryptor.Encrypt(TestSets.Set());

    private static string Built(string headerJson, byte[] payload, int cekSize = 32, int ivSize = 12) =>
        TestJwe.Build(TestLoginGovKeys.RsaA, headerJson, payload, cekSize, ivSize);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A refusal with the expected error, a reason containing <paramref name="fragment"/>, and nothing decrypted in sight.</summary>
    private static void AssertRefused(SetDecodeResult result, SetDecodeError error, string fragment)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Null(result.SetJson);
        Assert.Null(result.KeyId);
        Assert.Contains(fragment, result.FailureReason, StringComparison.Ordinal);
        foreach (var text in new[] { result.FailureReason!, result.ToString() })
        {
            Assert.DoesNotContain(TestSets.Email, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestSets.Ip, text, StringComparison.Ordinal);
            Assert.DoesNotContain("-----BEGIN", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(2)] // IV
    [InlineData(3)] // ciphertext
    [InlineData(4)] // tag
    public void Decode_TamperedPart_AuthenticationFails(int part)
    {
        var result = _decoder.Decode(TestSets.Jti, TestJwe.Tamper(Valid(), part));

        AssertRefused(result, SetDecodeError.DecryptionFailed, "AES-GCM authentication failed");
    }

    [Fact]
    public void Decode_HeaderReencodedWithAnotherTyp_AuthenticationFails()
    {
        var jwe = Valid();
        var header = TestJwe.DecodeHeader(jwe).Replace("secevent+jwe", "JWT", StringComparison.Ordinal);

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(jwe, 0, TestJwe.B64(header)));

        AssertRefused(result, SetDecodeError.DecryptionFailed, "AES-GCM authentication failed");
    }

    [Fact]
    public void Decode_TamperedEncryptedKey_ContentKeyDoesNotUnwrap()
    {
        var result = _decoder.Decode(TestSets.Jti, TestJwe.Tamper(Valid(), 1));

        AssertRefused(result, SetDecodeError.DecryptionFailed, "content key did not unwrap");
    }

    [Fact]
    public void Decode_EncryptedToAnotherKeyUnderOurKid_ContentKeyDoesNotUnwrap()
    {
        var jwe = TestJwe.Build(TestLoginGovKeys.RsaOther, TestJwe.Header(Kid), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        var result = _decoder.Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.DecryptionFailed, "content key did not unwrap with the private key for kid " + Kid);
    }

    [Fact]
    public void Decode_EncryptedToAnotherKeyWithoutKid_ContentKeyDoesNotUnwrap()
    {
        var jwe = TestJwe.Build(TestLoginGovKeys.RsaOther, TestJwe.Header(kid: null), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.DecryptionFailed, "content key did not unwrap");
    }

    [Fact]
    public void Decode_EncryptedToAnotherKeyWithItsKid_NoPrivateKeyForKid()
    {
        using var other = TestLoginGovKeys.Rsa(TestLoginGovKeys.RsaOther);
        var otherKid = LoginGovKeyRing.ComputeKid(other);

        var result = _decoder.Decode(TestSets.Jti, new SetEncryptor(other).Encrypt(TestSets.Set()));

        AssertRefused(result, SetDecodeError.UnknownKey, "no private key for kid '" + otherKid + "'");
        Assert.Contains(Kid, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnprintableKid_DescribedByLengthOnly()
    {
        var jwe = Built(TestJwe.Header("kid\u0001with control and 'quotes'"), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        var result = _decoder.Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.UnknownKey, "no private key for kid (unprintable or long");
        Assert.DoesNotContain("quotes", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoKidAndTwoKeys_NoPrivateKeyForKid()
    {
        using var keys = LoginGovKeyRing.FromPem([TestLoginGovKeys.RsaA, TestLoginGovKeys.RsaB]);
        var jwe = Built(TestJwe.Header(kid: null), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        var result = new SetDecoder(keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience }).Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.UnknownKey, "no private key for kid (none)");
    }

    [Theory]
    [InlineData("dir")]
    [InlineData("RSA1_5")]
    [InlineData("RSA-OAEP-256")]
    [InlineData("rsa-oaep")]
    [InlineData("none")]
    [InlineData("")]
    public void Decode_UnsupportedAlg_Refused(string alg)
    {
        var jwe = Built(TestJwe.Header(Kid, alg: alg), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.UnsupportedAlgorithm, "JWE alg '" + alg + "' is not supported");
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A192GCM")]
    [InlineData("A256CBC-HS512")]
    public void Decode_UnsupportedEnc_Refused(string enc)
    {
        var jwe = Built(TestJwe.Header(Kid, enc: enc), TestJwe.RawDeflate(Utf8(TestSets.Set())));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.UnsupportedAlgorithm, "JWE enc '" + enc + "' is not supported");
    }

    [Fact]
    public void Decode_HeaderWithoutAlg_Refused()
    {
        var jwe = Built("{\"enc\":\"A256GCM\",\"kid\":\"" + Kid + "\"}", Utf8(TestSets.Set()));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.UnsupportedAlgorithm, "JWE alg (absent)");
    }

    [Fact]
    public void Decode_UnsupportedZip_Refused()
    {
        var jwe = Built(TestJwe.Header(Kid, zip: "GZIP"), Utf8(TestSets.Set()));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.UnsupportedAlgorithm, "JWE zip 'GZIP'");
    }

    [Fact]
    public void Decode_CriticalHeaderExtension_Refused()
    {
        var header = JsonNode.Parse(TestJwe.Header(Kid))!.AsObject();
        header["crit"] = new JsonArray("exp");
        header["exp"] = 1;

        var result = _decoder.Decode(TestSets.Jti, Built(header.ToJsonString(), TestJwe.RawDeflate(Utf8(TestSets.Set()))));

        AssertRefused(result, SetDecodeError.UnsupportedAlgorithm, "critical extensions");
    }

    [Theory]
    [InlineData("abc", 1)]
    [InlineData("a.b.c", 3)]
    [InlineData("a.b.c.d", 4)]
    [InlineData("a.b.c.d.e.f", 6)]
    public void Decode_NotFiveParts_MalformedJwe(string jwe, int parts)
    {
        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedJwe, "this one has " + parts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Decode_EmptyJwe_MalformedJwe(string? jwe)
    {
        AssertRefused(_decoder.Decode(TestSets.Jti, jwe!), SetDecodeError.MalformedJwe, "the JWE is empty");
    }

    [Theory]
    [InlineData(0, "protected header is not base64url")]
    [InlineData(1, "part 2 (encrypted key) is not base64url")]
    [InlineData(2, "part 3 (IV) is not base64url")]
    [InlineData(3, "part 4 (ciphertext) is not base64url")]
    [InlineData(4, "part 5 (authentication tag) is not base64url")]
    public void Decode_PartWithStandardBase64Characters_MalformedJwe(int part, string fragment)
    {
        var jwe = Valid();
        var parts = jwe.Split('.');
        var broken = TestJwe.ReplacePart(jwe, part, parts[part][..^2] + "+/");

        AssertRefused(_decoder.Decode(TestSets.Jti, broken), SetDecodeError.MalformedJwe, fragment);
    }

    [Theory]
    [InlineData("=")]
    [InlineData(" ")]
    [InlineData("!")]
    public void Decode_HeaderWithPaddingOrJunk_MalformedJwe(string junk)
    {
        var jwe = Valid();

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(jwe, 0, jwe.Split('.')[0] + junk));

        AssertRefused(result, SetDecodeError.MalformedJwe, "protected header is not base64url");
    }

    [Fact]
    public void Decode_NonCanonicalTrailingBits_MalformedJwe()
    {
        var jwe = Valid();
        var tag = jwe.Split('.')[4];

        // 16 bytes encode to 22 characters whose last one carries 4 unused bits; 'B' sets one of them.
        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(jwe, 4, tag[..^1] + (tag[^1] == 'B' ? 'C' : 'B')));

        AssertRefused(result, SetDecodeError.MalformedJwe, "authentication tag) is not base64url");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"RSA-OAEP\"]")]
    [InlineData("{\"alg\":1,\"enc\":\"A256GCM\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":5}")]
    public void Decode_HeaderNotAUsableJsonObject_MalformedJwe(string headerJson)
    {
        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(Valid(), 0, TestJwe.B64(headerJson)));

        // IdentityModel reads the header; its reasons are not passed on, so one text covers every way it can be unreadable.
        AssertRefused(result, SetDecodeError.MalformedJwe, "protected header is not UTF-8 JSON");
    }

    [Fact]
    public void Decode_HeaderRepeatingAlg_AuthenticationFails()
    {
        // IdentityModel and jose-jwt both read the last "alg"; the header is the AES-GCM additional data, so it cannot be swapped.
        var header = "{\"alg\":\"dir\",\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"zip\":\"DEF\",\"kid\":\"" + Kid + "\"}";

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(Valid(), 0, TestJwe.B64(header)));

        AssertRefused(result, SetDecodeError.DecryptionFailed, "AES-GCM authentication failed");
    }

    [Fact]
    public void Decode_HeaderWithInvalidUtf8InAString_MalformedJwe()
    {
        byte[] header = [.. "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\""u8, 0xF5, .. "\"}"u8];

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(Valid(), 0, TestJwe.B64(header)));

        AssertRefused(result, SetDecodeError.MalformedJwe, "protected header is not UTF-8 JSON");
    }

    [Fact]
    public void Decode_HugeHeader_MalformedJwe()
    {
        var header = "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"pad\":\"" + new string('x', 5000) + "\"}";

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(Valid(), 0, TestJwe.B64(header)));

        AssertRefused(result, SetDecodeError.MalformedJwe, "is longer than 4096 characters");
    }

    [Fact]
    public void Decode_SixteenByteIv_MalformedJwe()
    {
        var jwe = Built(TestJwe.Header(Kid), TestJwe.RawDeflate(Utf8(TestSets.Set())), ivSize: 16);

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedJwe, "the IV is 16 bytes; A256GCM needs 12");
    }

    [Fact]
    public void Decode_ShortTag_MalformedJwe()
    {
        var jwe = Valid();

        var result = _decoder.Decode(TestSets.Jti, TestJwe.ReplacePart(jwe, 4, TestJwe.B64(new byte[12])));

        AssertRefused(result, SetDecodeError.MalformedJwe, "the authentication tag is 12 bytes");
    }

    [Fact]
    public void Decode_SixteenByteContentKey_DecryptionFailed()
    {
        var jwe = Built(TestJwe.Header(Kid), TestJwe.RawDeflate(Utf8(TestSets.Set())), cekSize: 16);

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.DecryptionFailed, "content key is not the 32 bytes A256GCM needs");
    }

    [Fact]
    public void Decode_JwsSignedByAnotherKey_SignatureInvalid()
    {
        var jwe = _encryptor.Encrypt(new Es256JwsSigner(_otherSigningKey).Sign(TestSets.Set()));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.SignatureInvalid, "does not verify with any of the 1 configured transmitter keys");
    }

    [Fact]
    public void Decode_JwsPayloadSwappedAfterSigning_SignatureInvalid()
    {
        var jws = new Es256JwsSigner(_signingKey).Sign(TestSets.Set()).Split('.');
        var forged = jws[0] + "." + TestJwe.B64(TestSets.Set(aud: "urn:forged")) + "." + jws[2];

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(forged)), SetDecodeError.SignatureInvalid, "does not verify");
    }

    [Fact]
    public void Decode_JwsWithZeroSignature_SignatureInvalid()
    {
        var jws = TestJwe.Jws("{\"alg\":\"ES256\"}", TestSets.Set(), signer: null);

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(jws)), SetDecodeError.SignatureInvalid, "does not verify");
    }

    [Fact]
    public void Decode_JwsWithDerSignature_SignatureInvalid()
    {
        var jws = new Es256JwsSigner(_signingKey).Sign(TestSets.Set()).Split('.');
        var der = _signingKey.SignData(Encoding.ASCII.GetBytes(jws[0] + "." + jws[1]), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var result = _decoder.Decode(TestSets.Jti, _encryptor.Encrypt(jws[0] + "." + jws[1] + "." + TestJwe.B64(der)));

        AssertRefused(result, SetDecodeError.SignatureInvalid, "does not verify");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    [InlineData("es256")]
    public void Decode_JwsWithOtherAlg_UnsupportedAlgorithm(string alg)
    {
        var jws = TestJwe.Jws("{\"alg\":\"" + alg + "\"}", TestSets.Set(), _signingKey);

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(jws)), SetDecodeError.UnsupportedAlgorithm, "JWS alg '" + alg + "' is not supported");
    }

    [Fact]
    public void Decode_UnsecuredJwsWithEmptySignature_UnsupportedAlgorithm()
    {
        var jws = TestJwe.B64("{\"alg\":\"none\"}") + "." + TestJwe.B64(TestSets.Set()) + ".";

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(jws)), SetDecodeError.UnsupportedAlgorithm, "JWS alg 'none'");
    }

    [Fact]
    public void Decode_JwsWithoutConfiguredSigningKey_SignatureKeyMissing()
    {
        var jwe = _encryptor.Encrypt(new Es256JwsSigner(_signingKey).Sign(TestSets.Set()));

        var result = Decoder(withSigningKey: false).Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.SignatureKeyMissing, "no transmitter signing key is configured");
    }

    [Fact]
    public void Decode_UnsignedSetWhenSignatureRequired_SignatureRequired()
    {
        AssertRefused(Decoder(requireSignature: true).Decode(TestSets.Jti, Valid()), SetDecodeError.SignatureRequired, "not signed");
    }

    [Fact]
    public void Decode_JtiDiffersFromPollKey_JtiMismatch()
    {
        var result = _decoder.Decode("00000000-0000-4000-8000-000000000000", Valid());

        AssertRefused(result, SetDecodeError.JtiMismatch, "differs from the poll-map key '00000000-0000-4000-8000-000000000000'");
        Assert.DoesNotContain(TestSets.Jti, result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Decode_NoExpectedJti_JtiMismatch(string? expectedJti)
    {
        AssertRefused(_decoder.Decode(expectedJti!, Valid()), SetDecodeError.JtiMismatch, "no expected jti");
    }

    [Fact]
    public void Decode_SetWithoutJti_MalformedSet()
    {
        var set = JsonNode.Parse(TestSets.Set())!.AsObject();
        set.Remove("jti");

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(set.ToJsonString())), SetDecodeError.MalformedSet, "no 'jti' string claim");
    }

    [Fact]
    public void Decode_AudienceOfAnotherProvider_AudienceMismatch()
    {
        var jwe = _encryptor.Encrypt(TestSets.Set(aud: "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:other-app"));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.AudienceMismatch, "does not name the expected audience");
    }

    [Fact]
    public void Decode_AudienceArrayWithoutThisProvider_AudienceMismatch()
    {
        var jwe = _encryptor.Encrypt(TestSets.Set(aud: new JsonArray("urn:a", "urn:b")));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.AudienceMismatch, "does not name the expected audience");
    }

    [Fact]
    public void Decode_AudienceNotStringOrArray_MalformedSet()
    {
        var jwe = _encryptor.Encrypt(TestSets.Set(aud: 42));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedSet, "no 'aud' claim");
    }

    [Theory]
    [InlineData("https://idp.int.identitysandbox.gov/")]
    [InlineData("https://secure.login.gov.example/")]
    [InlineData("https://secure.login.gov//")]
    [InlineData("http://secure.login.gov/")]
    public void Decode_OtherIssuer_IssuerMismatch(string issuer)
    {
        var jwe = _encryptor.Encrypt(TestSets.Set(iss: issuer));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.IssuerMismatch, "is not the expected issuer 'https://secure.login.gov/'");
    }

    [Fact]
    public void Decode_SetWithoutIss_MalformedSet()
    {
        var set = JsonNode.Parse(TestSets.Set())!.AsObject();
        set.Remove("iss");

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(set.ToJsonString())), SetDecodeError.MalformedSet, "no 'iss' string claim");
    }

    [Fact]
    public void Decode_SetRepeatingJti_MalformedSet()
    {
        var set = "{\"jti\":\"" + TestSets.Jti + "\"," + TestSets.Set()[1..];

        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(set)), SetDecodeError.MalformedSet, "repeats a member");
    }

    [Theory]
    [InlineData(SetCompression.RawDeflate)]
    [InlineData(SetCompression.Zlib)]
    public void Decode_DecompressionBomb_StopsAtTheCap(SetCompression compression)
    {
        var bomb = "{\"jti\":\"" + TestSets.Jti + "\",\"pad\":\"" + new string(' ', 2 * 1024 * 1024) + "\"}";
        var jwe = new SetEncryptor(_publicKey, compression).Encrypt(bomb);
        Assert.True(jwe.Length < 20_000, "the bomb should compress to a few kilobytes");

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.PayloadTooLarge, "inflates past the 1048576-byte cap");
    }

    [Fact]
    public void Decode_UncompressedCiphertextOverTheCap_PayloadTooLarge()
    {
        var jwe = new SetEncryptor(_publicKey, SetCompression.None).Encrypt(TestSets.Set());

        var result = Decoder(maxPlaintextBytes: 64).Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.PayloadTooLarge, "over the 64-byte cap");
    }

    [Fact]
    public void Decode_PlaintextOneByteOverTheCap_PayloadTooLarge()
    {
        var set = TestSets.Set();

        var result = Decoder(maxPlaintextBytes: Encoding.UTF8.GetByteCount(set) - 1).Decode(TestSets.Jti, Valid());

        AssertRefused(result, SetDecodeError.PayloadTooLarge, "inflates past");
    }

    [Fact]
    public void Decode_ZipDefOverNonDeflateBytes_DecompressionFailed()
    {
        var jwe = Built(TestJwe.Header(Kid), [0xFF, 0xFF, 0x00, 0x01, 0x02]);

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.DecompressionFailed, "neither zlib nor raw DEFLATE");
    }

    [Theory]
    [InlineData("hello world", SetDecodeError.MalformedJws, "neither SET JSON")]
    [InlineData("a.b.c.d", SetDecodeError.MalformedJws, "found 4")]
    [InlineData("[1,2,3]", SetDecodeError.MalformedJws, "neither SET JSON")]
    [InlineData("   ", SetDecodeError.MalformedSet, "plaintext is empty")]
    [InlineData("{not json", SetDecodeError.MalformedSet, "not valid JSON")]
    [InlineData("{\"jti\":", SetDecodeError.MalformedSet, "not valid JSON")]
    [InlineData("bm90anNvbg.e30.e30", SetDecodeError.MalformedJws, "JWS is not three base64url parts with a JSON object as header and payload")]
    [InlineData("e30.e30.e30+", SetDecodeError.MalformedJws, "JWS is not three base64url parts")]
    [InlineData("e30.e30.e30", SetDecodeError.UnsupportedAlgorithm, "JWS alg (absent)")]
    public void Decode_GarbagePlaintext_Refused(string plaintext, SetDecodeError error, string fragment)
    {
        AssertRefused(_decoder.Decode(TestSets.Jti, _encryptor.Encrypt(plaintext)), error, fragment);
    }

    [Fact]
    public void Decode_EmptyCiphertext_MalformedJwe()
    {
        var jwe = Built(TestJwe.Header(Kid, zip: null), []);

        // IdentityModel does not read a JWE without ciphertext.
        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedJwe, "its ciphertext is empty");
    }

    [Fact]
    public void Decode_InvalidUtf8Set_MalformedSet()
    {
        var jwe = Built(TestJwe.Header(Kid, zip: null), [(byte)'{', 0xC3, 0x28, (byte)'}']);

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedSet, "not valid UTF-8");
    }

    [Fact]
    public void Decode_SignedPayloadNotJson_MalformedJws()
    {
        var jwe = _encryptor.Encrypt(new Es256JwsSigner(_signingKey).Sign("just text"));

        // IdentityModel reads a JWS payload as a JSON claims set, before the signature is checked.
        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedJws, "JSON object as header and payload");
    }

    [Fact]
    public void Decode_SignedPayloadJsonArray_MalformedJws()
    {
        var jwe = _encryptor.Encrypt(new Es256JwsSigner(_signingKey).Sign("[1,2,3]"));

        AssertRefused(_decoder.Decode(TestSets.Jti, jwe), SetDecodeError.MalformedJws, "JSON object as header and payload");
    }

    [Fact]
    public void Decode_JweLongerThanTheCapAllows_PayloadTooLarge()
    {
        var jwe = Valid() + new string('A', 20_000);

        var result = Decoder(maxPlaintextBytes: 64).Decode(TestSets.Jti, jwe);

        AssertRefused(result, SetDecodeError.PayloadTooLarge, "characters, over the 64-byte cap");
    }

    [Fact]
    public void Decode_RandomSingleCharacterMutations_NeverThrowNorSucceed()
    {
        var valid = _encryptor.Encrypt(new Es256JwsSigner(_signingKey).Sign(TestSets.Set()));
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
        var random = new Random(20250827);
        for (var i = 0; i < 300; i++)
        {
            var chars = valid.ToCharArray();
            var position = random.Next(chars.Length);
            var replacement = Alphabet[random.Next(Alphabet.Length)];
            if (chars[position] == replacement)
            {
                continue;
            }

            chars[position] = replacement;
            var result = _decoder.Decode(TestSets.Jti, new string(chars));

            Assert.False(result.IsSuccess, "mutation at " + position + " was accepted");
            Assert.False(string.IsNullOrWhiteSpace(result.FailureReason));
        }
    }

    [Fact]
    public void Decode_RandomPlaintextBytes_NeverThrowNorSucceed()
    {
        var random = new Random(20250825);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 3 == 0)
            {
                // Steer a third of them down the JSON branch.
                bytes[0] = (byte)'{';
            }

            var jwe = Built(TestJwe.Header(Kid, zip: i % 2 == 0 ? "DEF" : null), bytes);
            var result = _decoder.Decode(TestSets.Jti, jwe);

            Assert.False(result.IsSuccess);
            Assert.False(string.IsNullOrWhiteSpace(result.FailureReason));
        }
    }

    [Fact]
    public void Constructor_NoAudience_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SetDecoder(_keys, new SetDecoderOptions()));
    }

    [Fact]
    public void Constructor_P384SigningKey_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => new SetDecoder(_keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience, SigningKeys = [p384] }));
    }

    [Fact]
    public void Constructor_NonPositiveCap_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SetDecoder(_keys, new SetDecoderOptions { ExpectedAudience = TestLoginGovKeys.Audience, MaxPlaintextBytes = 0 }));
    }
}
