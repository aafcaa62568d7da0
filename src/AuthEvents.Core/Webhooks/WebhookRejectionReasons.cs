namespace AuthEvents.Core.Webhooks;

/// <summary>
/// The fixed texts a webhook check rejects with. Fixed so that a reason can never carry a token, an expected signature
/// or attacker-controlled header text into a log, and so that callers and tests can tell the failures apart.
/// </summary>
public static class WebhookRejectionReasons
{
    /// <summary>The <c>Content-Digest</c> header is absent.</summary>
    public const string ContentDigestMissing = "Content-Digest header is missing.";

    /// <summary>The <c>Content-Digest</c> header is not an RFC 8941 dictionary of byte sequences.</summary>
    public const string ContentDigestMalformed = "Content-Digest header is not a valid RFC 9530 digest dictionary.";

    /// <summary>The <c>Content-Digest</c> header has no <c>sha-256</c> or <c>sha-512</c> member.</summary>
    public const string ContentDigestAlgorithmUnsupported = "Content-Digest header has no sha-256 or sha-512 digest.";

    /// <summary>A supported digest in <c>Content-Digest</c> differs from the digest of the raw body.</summary>
    public const string ContentDigestMismatch = "Content-Digest does not match the request body.";

    /// <summary>The request method is not <c>POST</c>.</summary>
    public const string MethodNotAllowed = "Request method is not POST.";

    /// <summary>The target URI is empty or holds characters that cannot appear in a signature base.</summary>
    public const string TargetUriInvalid = "Target URI is empty or not printable ASCII.";

    /// <summary>The <c>Signature-Input</c> header is absent.</summary>
    public const string SignatureInputMissing = "Signature-Input header is missing.";

    /// <summary>The <c>Signature-Input</c> header is not an RFC 8941 dictionary, or its <c>sig</c> member is not an inner list with valid parameters.</summary>
    public const string SignatureInputMalformed = "Signature-Input header is not a valid RFC 8941 dictionary of inner lists.";

    /// <summary>The <c>Signature-Input</c> or <c>Signature</c> header has no member labelled <c>sig</c>.</summary>
    public const string SignatureLabelMissing = "Signature-Input or Signature has no member labelled 'sig'.";

    /// <summary>The <c>sig</c> signature does not cover exactly <c>("@method" "@target-uri" "content-digest")</c>.</summary>
    public const string CoveredComponentsMismatch =
        "Signature 'sig' must cover exactly (\"@method\" \"@target-uri\" \"content-digest\").";

    /// <summary>The signature or JWT names an algorithm this receiver does not accept.</summary>
    public const string AlgorithmNotAllowed = "Signature algorithm is not allowed for the configured keys.";

    /// <summary>The <c>created</c> parameter is absent although the receiver requires it.</summary>
    public const string CreatedMissing = "Signature 'created' parameter is required but missing.";

    /// <summary>The <c>created</c> parameter lies outside the allowed clock skew around the receiver's clock.</summary>
    public const string CreatedOutsideWindow = "Signature 'created' time is outside the allowed clock skew.";

    /// <summary>The <c>expires</c> parameter lies in the past.</summary>
    public const string SignatureExpired = "Signature has expired.";

    /// <summary>The <c>Signature</c> header is absent.</summary>
    public const string SignatureMissing = "Signature header is missing.";

    /// <summary>The <c>Signature</c> header is not an RFC 8941 dictionary, or its <c>sig</c> member is not a byte sequence.</summary>
    public const string SignatureMalformed = "Signature header is not a valid RFC 8941 dictionary of byte sequences.";

    /// <summary>The signature does not verify with any configured token or key.</summary>
    public const string SignatureMismatch = "Signature does not verify with any configured key.";

    /// <summary>The <c>X-FusionAuth-Signature-JWT</c> header is absent.</summary>
    public const string JwtMissing = "X-FusionAuth-Signature-JWT header is missing.";

    /// <summary>The JWT is not three base64url segments with a JSON object header and payload.</summary>
    public const string JwtMalformed = "Signature JWT is malformed.";

    /// <summary>The JWT header lists <c>crit</c> extensions, none of which this receiver understands.</summary>
    public const string JwtCriticalHeader = "Signature JWT has critical header parameters this receiver does not understand.";

    /// <summary>The JWT names a <c>kid</c> that matches no configured key, and no key without an id can be tried.</summary>
    public const string UnknownKeyId = "Signature JWT names a key id that is not configured.";

    /// <summary>
    /// The JWT names a key that only the configured JWKS can supply, and the JWKS could not be loaded. Not a verdict on
    /// the delivery: the receiver answers 503 so that the sender retries (FusionAuth does not retry a 4xx).
    /// </summary>
    public const string SigningKeysUnavailable = "Signing keys could not be loaded from the JWKS; retry later.";

    /// <summary>The JWT payload has no string claim <c>request_body_sha256</c>.</summary>
    public const string BodyHashClaimMissing = "Signature JWT has no request_body_sha256 claim.";

    /// <summary>The <c>request_body_sha256</c> claim differs from the SHA-256 of the raw body.</summary>
    public const string BodyHashMismatch = "Signature JWT request_body_sha256 does not match the request body.";

    /// <summary>The <c>Authorization</c> header is absent or does not use the Basic scheme.</summary>
    public const string BasicCredentialsMissing = "Authorization header with Basic credentials is missing.";

    /// <summary>The Basic credentials are not base64 of <c>user:password</c>.</summary>
    public const string BasicCredentialsMalformed = "Basic credentials are malformed.";

    /// <summary>The Basic user name or password is wrong.</summary>
    public const string BasicCredentialsMismatch = "Basic credentials are not accepted.";

    /// <summary>The configured authentication header is absent.</summary>
    public const string RequiredHeaderMissing = "Required authentication header is missing.";

    /// <summary>The configured authentication header has the wrong value.</summary>
    public const string RequiredHeaderMismatch = "Required authentication header has the wrong value.";
}
