using System.Globalization;
using AuthEvents.Core.Entrust;
using AuthEvents.Core.Webhooks;

namespace AuthEvents.Demo.Entrust;

/// <summary>
/// Signs a webhook body the way Entrust IDaaS does (docs/protocols/entrust.md, "Request signature (RFC 9421)"), for the demo sender and for tests: a
/// <c>sha-256</c> <c>Content-Digest</c> and an RFC 9421 <c>hmac-sha256</c> signature labelled <c>sig</c> over
/// <c>("@method" "@target-uri" "content-digest")</c>, keyed with the webhook token's UTF-8 bytes.
/// </summary>
public sealed class EntrustSignatureSigner
{
    private readonly byte[] _key;

    /// <summary>Creates a signer for one webhook token.</summary>
    public EntrustSignatureSigner(string webhookToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookToken);
        _key = EntrustSignatureProfile.KeyFromToken(webhookToken);
    }

    /// <summary>
    /// Returns the <c>Content-Digest</c>, <c>Signature-Input</c> and <c>Signature</c> headers for a POST of
    /// <paramref name="body"/> to <paramref name="targetUri"/>. <paramref name="created"/> becomes the <c>created</c>
    /// parameter (whole seconds); a <paramref name="lifetime"/> adds <c>expires</c> that long after it.
    /// The dictionary's keys are case-insensitive.
    /// </summary>
    public IReadOnlyDictionary<string, string> Sign(string targetUri, ReadOnlySpan<byte> body, DateTimeOffset created, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetUri);
        var createdSeconds = created.ToUnixTimeSeconds();
        var parameters = EntrustSignatureProfile.CoveredComponents + ";created=" + createdSeconds.ToString(CultureInfo.InvariantCulture);
        if (lifetime is { } span)
        {
            var expires = createdSeconds + (long)span.TotalSeconds;
            parameters += ";expires=" + expires.ToString(CultureInfo.InvariantCulture);
        }

        parameters += ";alg=\"" + EntrustSignatureProfile.Algorithm + "\"";
        var contentDigest = ContentDigest.Create(body);
        var signatureBase = EntrustSignatureProfile.BuildSignatureBase(EntrustSignatureProfile.Method, targetUri, contentDigest, parameters)
            ?? throw new ArgumentException("The target URI must be printable ASCII.", nameof(targetUri));
        var signature = EntrustSignatureProfile.Sign(_key, signatureBase);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [ContentDigest.HeaderName] = contentDigest,
            [EntrustSignatureVerifier.SignatureInputHeaderName] = EntrustSignatureProfile.Label + "=" + parameters,
            [EntrustSignatureVerifier.SignatureHeaderName] = EntrustSignatureProfile.Label + "=:" + Convert.ToBase64String(signature) + ":",
        };
    }
}
