using System.Text;

namespace AuthEvents.Core.Webhooks;

/// <summary>
/// Checks that a delivery carries a configured header with a configured secret value, the pattern FusionAuth documents
/// for webhooks (e.g. <c>Authorization: &lt;API key&gt;</c> set under the webhook's Headers). The value is compared in
/// constant time; leading and trailing whitespace is ignored on both sides, as HTTP strips it from field values.
/// </summary>
public sealed class RequiredHeaderCheck
{
    private readonly byte[] _expectedValue;

    /// <summary>Creates a check for header <paramref name="headerName"/> (matched case-insensitively) holding <paramref name="expectedValue"/>.</summary>
    public RequiredHeaderCheck(string headerName, string expectedValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedValue);
        HeaderName = headerName.Trim();
        _expectedValue = SecretComparison.Fingerprint(expectedValue.Trim(' ', '\t'));
    }

    /// <summary>The header that must carry the secret.</summary>
    public string HeaderName { get; }

    /// <summary>Checks the configured header among <paramref name="headers"/>. A repeated header never matches.</summary>
    public WebhookVerification Verify(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var value = HttpHeaders.Get(headers, HeaderName);
        if (string.IsNullOrEmpty(value))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.RequiredHeaderMissing);
        }

        return SecretComparison.Matches(Encoding.UTF8.GetBytes(value), _expectedValue)
            ? WebhookVerification.Valid
            : WebhookVerification.Rejected(WebhookRejectionReasons.RequiredHeaderMismatch);
    }
}
