using System.Security.Cryptography;
using System.Text;
using AuthEvents.Core.Webhooks;

namespace AuthEvents.Core.Entrust;

/// <summary>
/// The one RFC 9421 profile Entrust IDaaS uses (docs/protocols/entrust.md, "Request signature (RFC 9421)"): label <c>sig</c>, <c>hmac-sha256</c> keyed with the
/// webhook token's UTF-8 bytes, covering <c>@method</c>, <c>@target-uri</c> and <c>content-digest</c> in that order.
/// Shared by the verifier and the signer so that both build the signature base the same way.
/// </summary>
internal static class EntrustSignatureProfile
{
    public const string Label = "sig";
    public const string Algorithm = "hmac-sha256";
    public const string Method = "POST";
    public const string CoveredComponents = "(\"@method\" \"@target-uri\" \"content-digest\")";

    private static readonly string[] ComponentNames = ["@method", "@target-uri", "content-digest"];

    /// <summary>True when the inner list names exactly the three components, in order, with no component parameters.</summary>
    public static bool CoversExactlyProfileComponents(IReadOnlyList<StructuredFieldItem> components)
    {
        if (components.Count != ComponentNames.Length)
        {
            return false;
        }

        for (var i = 0; i < ComponentNames.Length; i++)
        {
            // Component parameters (;sf, ;key, ;req, ;bs) change what is signed, so none are allowed.
            if (components[i].Value is not string name || !string.Equals(name, ComponentNames[i], StringComparison.Ordinal)
                || components[i].Parameters.Count != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The RFC 9421 §2.5 signature base: one <c>"name": value</c> line per covered component, then the
    /// <c>@signature-params</c> line, joined by <c>\n</c> with no trailing newline. Returns null when a value is not
    /// printable ASCII, since a stray newline or control character could forge an extra line.
    /// </summary>
    public static string? BuildSignatureBase(string method, string targetUri, string contentDigest, string signatureParams)
    {
        if (!HttpHeaders.IsPrintableAscii(method) || !HttpHeaders.IsPrintableAscii(targetUri)
            || !HttpHeaders.IsPrintableAscii(contentDigest) || !HttpHeaders.IsPrintableAscii(signatureParams))
        {
            return null;
        }

        return "\"@method\": " + method + "\n"
            + "\"@target-uri\": " + targetUri + "\n"
            + "\"content-digest\": " + contentDigest + "\n"
            + "\"@signature-params\": " + signatureParams;
    }

    public static byte[] KeyFromToken(string webhookToken) => Encoding.UTF8.GetBytes(webhookToken);

    public static byte[] Sign(byte[] key, string signatureBase) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signatureBase));
}
