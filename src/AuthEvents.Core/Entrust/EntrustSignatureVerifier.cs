using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using AuthEvents.Core.Webhooks;

namespace AuthEvents.Core.Entrust;

/// <summary>
/// Verifies Entrust IDaaS webhook deliveries (docs/protocols/entrust.md, "Request signature (RFC 9421)"): RFC 9530 <c>Content-Digest</c> over the raw body, then an
/// RFC 9421 HTTP Message Signature labelled <c>sig</c> with <c>alg="hmac-sha256"</c> covering exactly
/// <c>("@method" "@target-uri" "content-digest")</c>, keyed with the webhook token's UTF-8 bytes.
/// </summary>
/// <remarks>
/// Several tokens may be configured at once so that a replaced webhook's old and new tokens both verify while the
/// switch is under way. <c>created</c> and <c>expires</c> are checked when present; Entrust does not document which
/// parameters it sends, so <c>created</c> is optional unless <see cref="RequireCreated"/> is set. Without
/// <c>created</c> the signature gives no replay protection; deduplicate on the envelope <c>id</c>.
/// Instances are immutable and safe to share between requests.
/// </remarks>
public sealed class EntrustSignatureVerifier
{
    /// <summary>The header carrying the signature metadata.</summary>
    public const string SignatureInputHeaderName = "Signature-Input";

    /// <summary>The header carrying the signature bytes.</summary>
    public const string SignatureHeaderName = "Signature";

    private readonly byte[][] _keys;

    /// <summary>Creates a verifier for one or more webhook tokens with the default ±5 minute window for <c>created</c>.</summary>
    public EntrustSignatureVerifier(IEnumerable<string> webhookTokens)
        : this(webhookTokens, DefaultClockSkew, requireCreated: false)
    {
    }

    /// <summary>
    /// Creates a verifier for one or more webhook tokens (each used as its UTF-8 bytes). <paramref name="allowedClockSkew"/>
    /// bounds how far <c>created</c> may lie from the receiver's clock in either direction; with
    /// <paramref name="requireCreated"/> a signature without <c>created</c> is rejected.
    /// </summary>
    public EntrustSignatureVerifier(IEnumerable<string> webhookTokens, TimeSpan allowedClockSkew, bool requireCreated)
    {
        ArgumentNullException.ThrowIfNull(webhookTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(allowedClockSkew, TimeSpan.Zero);
        var tokens = webhookTokens.ToArray();
        if (tokens.Length == 0 || tokens.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one webhook token is required, and none may be empty.", nameof(webhookTokens));
        }

        _keys = tokens.Select(EntrustSignatureProfile.KeyFromToken).ToArray();
        AllowedClockSkew = allowedClockSkew;
        RequireCreated = requireCreated;
    }

    /// <summary>The default window for <c>created</c>: five minutes either side of the receiver's clock.</summary>
    public static TimeSpan DefaultClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>How far <c>created</c> may lie from the receiver's clock, in either direction.</summary>
    public TimeSpan AllowedClockSkew { get; }

    /// <summary>Whether a signature without a <c>created</c> parameter is rejected.</summary>
    public bool RequireCreated { get; }

    /// <summary>
    /// Verifies one delivery. <paramref name="targetUri"/> is the callback URL exactly as registered with Entrust
    /// (scheme, host, path and query), taken from configuration rather than from <c>Host</c> or <c>X-Forwarded-*</c>.
    /// <paramref name="headers"/> are matched case-insensitively; repeated headers are combined as HTTP does.
    /// <paramref name="rawBody"/> must be the body bytes as received, before any JSON parsing.
    /// </summary>
    public WebhookVerification Verify(string method, string targetUri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> rawBody, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(targetUri);
        ArgumentNullException.ThrowIfNull(headers);

        var contentDigest = HttpHeaders.Get(headers, ContentDigest.HeaderName);
        var digest = ContentDigest.Verify(contentDigest, rawBody);
        if (!digest.IsValid)
        {
            return digest;
        }

        if (!string.Equals(method, EntrustSignatureProfile.Method, StringComparison.Ordinal))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.MethodNotAllowed);
        }

        var inputRejection = ReadSignatureInput(HttpHeaders.Get(headers, SignatureInputHeaderName), out var signatureParams, out var created, out var expires);
        if (inputRejection is not null)
        {
            return WebhookVerification.Rejected(inputRejection);
        }

        var signatureRejection = ReadSignature(HttpHeaders.Get(headers, SignatureHeaderName), out var signature);
        if (signatureRejection is not null)
        {
            return WebhookVerification.Rejected(signatureRejection);
        }

        var timeRejection = CheckTimes(created, expires, now);
        if (timeRejection is not null)
        {
            return WebhookVerification.Rejected(timeRejection);
        }

        var signatureBase = EntrustSignatureProfile.BuildSignatureBase(method, targetUri, contentDigest!, signatureParams);
        if (signatureBase is null)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.TargetUriInvalid);
        }

        // Every token is tried, without stopping at the first match, so timing does not depend on which one matched.
        var matched = false;
        foreach (var key in _keys)
        {
            matched |= CryptographicOperations.FixedTimeEquals(EntrustSignatureProfile.Sign(key, signatureBase), signature);
        }

        return matched ? WebhookVerification.Valid : WebhookVerification.Rejected(WebhookRejectionReasons.SignatureMismatch);
    }

    /// <summary>
    /// Builds the RFC 9421 signature base a delivery's signature must cover, from its <c>Content-Digest</c> and the
    /// <c>sig</c> member of <c>Signature-Input</c> (kept verbatim). Returns false when either header is missing or does
    /// not follow the Entrust profile. Useful for diagnosing a failing integration: no secret is involved.
    /// </summary>
    public static bool TryBuildSignatureBase(string method, string targetUri, IEnumerable<KeyValuePair<string, string>> headers, [NotNullWhen(true)] out string? signatureBase)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(targetUri);
        ArgumentNullException.ThrowIfNull(headers);
        signatureBase = null;
        var contentDigest = HttpHeaders.Get(headers, ContentDigest.HeaderName);
        if (string.IsNullOrEmpty(contentDigest)
            || ReadSignatureInput(HttpHeaders.Get(headers, SignatureInputHeaderName), out var signatureParams, out _, out _) is not null)
        {
            return false;
        }

        signatureBase = EntrustSignatureProfile.BuildSignatureBase(method, targetUri, contentDigest, signatureParams);
        return signatureBase is not null;
    }

    /// <summary>Reads the <c>sig</c> member of <c>Signature-Input</c>; returns a rejection reason, or null when it fits the profile.</summary>
    private static string? ReadSignatureInput(string? fieldValue, out string signatureParams, out long? created, out long? expires)
    {
        signatureParams = "";
        created = null;
        expires = null;
        if (string.IsNullOrEmpty(fieldValue))
        {
            return WebhookRejectionReasons.SignatureInputMissing;
        }

        if (!StructuredFields.TryParseDictionary(fieldValue, out var members))
        {
            return WebhookRejectionReasons.SignatureInputMalformed;
        }

        if (!members.TryGetValue(EntrustSignatureProfile.Label, out var member))
        {
            return WebhookRejectionReasons.SignatureLabelMissing;
        }

        if (member.InnerList is null)
        {
            return WebhookRejectionReasons.SignatureInputMalformed;
        }

        if (!EntrustSignatureProfile.CoversExactlyProfileComponents(member.InnerList))
        {
            return WebhookRejectionReasons.CoveredComponentsMismatch;
        }

        if (!member.Parameters.TryGetValue("alg", out var alg) || alg is not string algName
            || !string.Equals(algName, EntrustSignatureProfile.Algorithm, StringComparison.Ordinal))
        {
            return WebhookRejectionReasons.AlgorithmNotAllowed;
        }

        if (!TryReadTime(member.Parameters, "created", out created) || !TryReadTime(member.Parameters, "expires", out expires))
        {
            return WebhookRejectionReasons.SignatureInputMalformed;
        }

        signatureParams = member.Serialized;
        return null;
    }

    private static bool TryReadTime(IReadOnlyDictionary<string, object> parameters, string name, out long? seconds)
    {
        seconds = null;
        if (!parameters.TryGetValue(name, out var value))
        {
            return true;
        }

        // RFC 9421 §2.3: created and expires are integers (UNIX seconds).
        if (value is not long number)
        {
            return false;
        }

        seconds = number;
        return true;
    }

    private static string? ReadSignature(string? fieldValue, out byte[] signature)
    {
        signature = [];
        if (string.IsNullOrEmpty(fieldValue))
        {
            return WebhookRejectionReasons.SignatureMissing;
        }

        if (!StructuredFields.TryParseDictionary(fieldValue, out var members))
        {
            return WebhookRejectionReasons.SignatureMalformed;
        }

        if (!members.TryGetValue(EntrustSignatureProfile.Label, out var member))
        {
            return WebhookRejectionReasons.SignatureLabelMissing;
        }

        if (member.Item is not byte[] bytes)
        {
            return WebhookRejectionReasons.SignatureMalformed;
        }

        signature = bytes;
        return null;
    }

    private string? CheckTimes(long? created, long? expires, DateTimeOffset now)
    {
        // Milliseconds cannot overflow: RFC 8941 integers have at most 15 digits.
        var nowMs = now.ToUnixTimeMilliseconds();
        if (created is { } createdSeconds)
        {
            if (Math.Abs(nowMs - (createdSeconds * 1000)) > (long)AllowedClockSkew.TotalMilliseconds)
            {
                return WebhookRejectionReasons.CreatedOutsideWindow;
            }
        }
        else if (RequireCreated)
        {
            return WebhookRejectionReasons.CreatedMissing;
        }

        if (expires is { } expiresSeconds && nowMs > expiresSeconds * 1000)
        {
            return WebhookRejectionReasons.SignatureExpired;
        }

        return null;
    }
}
