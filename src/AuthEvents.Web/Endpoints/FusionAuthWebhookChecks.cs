using AuthEvents.Core.Webhooks;
using AuthEvents.Ingest.Sources;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// The checks a FusionAuth webhook must pass, built once from <see cref="FusionAuthSourceOptions"/>: every configured
/// one applies (signed JWT, Basic authentication, required header).
/// </summary>
public sealed class FusionAuthWebhookChecks
{
    private readonly FusionAuthSignatureVerifier? _signature;
    private readonly BasicAuthenticationCheck? _basic;
    private readonly RequiredHeaderCheck? _header;

    public FusionAuthWebhookChecks(FusionAuthSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<FusionAuthVerificationKey>();
        foreach (var secret in (options.SigningSecret ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            keys.Add(FusionAuthVerificationKey.FromHmacSecret(secret));
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKeyPath))
        {
            keys.Add(FusionAuthVerificationKey.FromPem(File.ReadAllText(options.PublicKeyPath)));
        }

        _signature = keys.Count > 0 ? new FusionAuthSignatureVerifier(keys) : null;
        if (!string.IsNullOrWhiteSpace(options.BasicAuthUser))
        {
            _basic = new BasicAuthenticationCheck(options.BasicAuthUser, options.BasicAuthPassword ?? "");
        }

        if (!string.IsNullOrWhiteSpace(options.RequiredHeader))
        {
            var colon = options.RequiredHeader.IndexOf(':', StringComparison.Ordinal);
            _header = new RequiredHeaderCheck(options.RequiredHeader[..colon].Trim(), options.RequiredHeader[(colon + 1)..].Trim());
        }
    }

    /// <summary>The first failing check, or valid when all configured checks pass.</summary>
    public WebhookVerification Verify(IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        if (_basic?.Verify(headers) is { IsValid: false } basic)
        {
            return basic;
        }

        if (_header?.Verify(headers) is { IsValid: false } header)
        {
            return header;
        }

        if (_signature is not null)
        {
            var jwt = headers.Where(h => string.Equals(h.Key, FusionAuthSignatureVerifier.HeaderName, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
            return jwt.Count == 1 ? _signature.Verify(jwt[0], body) : WebhookVerification.Rejected($"expected exactly one {FusionAuthSignatureVerifier.HeaderName} header, found {jwt.Count}");
        }

        return WebhookVerification.Valid;
    }
}
