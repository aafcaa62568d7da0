namespace AuthEvents.Core.Webhooks;

/// <summary>
/// Checks HTTP Basic credentials (RFC 7617) on a webhook delivery, as FusionAuth sends them when the webhook has
/// <c>httpAuthenticationUsername</c> and <c>httpAuthenticationPassword</c>. User name and password are compared in
/// constant time, and both are always compared so that timing does not tell which one was wrong.
/// </summary>
public sealed class BasicAuthenticationCheck
{
    /// <summary>The header carrying the credentials.</summary>
    public const string HeaderName = "Authorization";

    private readonly byte[] _userName;
    private readonly byte[] _password;

    /// <summary>Creates a check for one user name (no colon, as RFC 7617 requires) and password, compared as UTF-8.</summary>
    public BasicAuthenticationCheck(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (userName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic user name cannot contain a colon.", nameof(userName));
        }

        _userName = SecretComparison.Fingerprint(userName);
        _password = SecretComparison.Fingerprint(password);
    }

    /// <summary>Checks the <c>Authorization</c> header among <paramref name="headers"/> (names matched case-insensitively).</summary>
    public WebhookVerification Verify(IEnumerable<KeyValuePair<string, string>> headers) =>
        Verify(HttpHeaders.Get(headers, HeaderName));

    /// <summary>Checks an <c>Authorization</c> field value of the form <c>Basic base64(user:password)</c>.</summary>
    public WebhookVerification Verify(string? authorizationHeader)
    {
        var value = authorizationHeader?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(value))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.BasicCredentialsMissing);
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !value.AsSpan(0, space).Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.BasicCredentialsMissing);
        }

        var encoded = value.AsSpan(space + 1).TrimStart(' ');
        var decoded = new byte[encoded.Length];
        if (encoded.IsEmpty || !Convert.TryFromBase64Chars(encoded, decoded, out var written))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.BasicCredentialsMalformed);
        }

        // Split at the first colon: the user name has none, the password may.
        var credentials = decoded.AsSpan(0, written);
        var colon = credentials.IndexOf((byte)':');
        if (colon < 0)
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.BasicCredentialsMalformed);
        }

        var userMatches = SecretComparison.Matches(credentials[..colon], _userName);
        var passwordMatches = SecretComparison.Matches(credentials[(colon + 1)..], _password);
        return userMatches & passwordMatches
            ? WebhookVerification.Valid
            : WebhookVerification.Rejected(WebhookRejectionReasons.BasicCredentialsMismatch);
    }
}
