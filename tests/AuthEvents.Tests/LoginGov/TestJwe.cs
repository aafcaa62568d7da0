using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AuthEvents.Tests.LoginGov;

/// <summary>
/// Builds and opens compact JWEs and JWSs by hand, independently of the code under test, so that tests can produce what
/// <c>SetEncryptor</c> never would: other algorithms, odd sizes, broken payloads.
/// </summary>
internal static class TestJwe
{
    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static string Header(string? kid, string alg = "RSA-OAEP", string enc = "A256GCM", string? zip = "DEF")
    {
        var header = new JsonObject { ["alg"] = alg, ["enc"] = enc, ["typ"] = "secevent+jwe" };
        if (zip is not null)
        {
            header["zip"] = zip;
        }

        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header.ToJsonString();
    }

    /// <summary>A JWE of <paramref name="payload"/> (already compressed if the header says so) to <paramref name="recipientPem"/>.</summary>
    public static string Build(string recipientPem, string headerJson, byte[] payload, int cekSize = 32, int ivSize = 12)
    {
        using var rsa = TestLoginGovKeys.Rsa(recipientPem);
        var protectedHeader = B64(headerJson);
        var cek = RandomNumberGenerator.GetBytes(cekSize);
        var iv = RandomNumberGenerator.GetBytes(ivSize);
        var ciphertext = new byte[payload.Length];
        var tag = new byte[16];
        if (cekSize == 32 && ivSize == 12)
        {
            using var aes = new AesGcm(cek, 16);
            aes.Encrypt(iv, payload, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        }

        return string.Join('.', protectedHeader, B64(rsa.Encrypt(cek, RSAEncryptionPadding.OaepSHA1)), B64(iv), B64(ciphertext), B64(tag));
    }

    /// <summary>Decrypts a JWE without inflating or checking anything, to inspect what an encryptor produced.</summary>
    public static byte[] OpenPayload(string privatePem, string jwe)
    {
        var parts = jwe.Split('.');
        using var rsa = TestLoginGovKeys.Rsa(privatePem);
        var cek = rsa.Decrypt(Base64Url.DecodeFromChars(parts[1]), RSAEncryptionPadding.OaepSHA1);
        var ciphertext = Base64Url.DecodeFromChars(parts[3]);
        var plain = new byte[ciphertext.Length];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(Base64Url.DecodeFromChars(parts[2]), ciphertext, Base64Url.DecodeFromChars(parts[4]), plain, Encoding.ASCII.GetBytes(parts[0]));
        return plain;
    }

    public static string DecodeHeader(string compact) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(compact.Split('.')[0]));

    public static byte[] RawDeflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Inflate(byte[] data, bool zlib)
    {
        using var input = new MemoryStream(data);
        using Stream inflater = zlib ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    public static string ReplacePart(string compact, int index, string value)
    {
        var parts = compact.Split('.');
        parts[index] = value;
        return string.Join('.', parts);
    }

    /// <summary>Changes one base64url character in the middle of part <paramref name="index"/>, keeping it valid base64url.</summary>
    public static string Tamper(string compact, int index)
    {
        var parts = compact.Split('.');
        var chars = parts[index].ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        parts[index] = new string(chars);
        return string.Join('.', parts);
    }

    /// <summary>A compact JWS with any header; signed ES256 with <paramref name="signer"/>, or with 64 zero bytes when null.</summary>
    public static string Jws(string headerJson, string payload, ECDsa? signer)
    {
        var signingInput = B64(headerJson) + "." + B64(payload);
        var signature = signer?.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ?? new byte[64];
        return signingInput + "." + B64(signature);
    }
}
