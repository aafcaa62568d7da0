using AuthEvents.Core.FusionAuth;
using AuthEvents.Core.Webhooks;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.FusionAuth;

namespace AuthEvents.Web.Endpoints;

/// <summary>
/// The checks a FusionAuth webhook must pass, built once from <see cref="FusionAuthSourceOptions"/>: every configured
/// one applies (signed JWT, Basic authentication, required header). Signing keys come from <c>SigningSecret</c>,
/// <c>PublicKeyPath</c> and the cached JWKS; a <c>kid</c> the JWKS does not hold makes it fetch the JWKS again.
/// </summary>
public sealed class FusionAuthWebhookChecks
{
    private readonly FusionAuthVerificationKey[] _configuredKeys;
    private readonly FusionAuthJwksCache? _jwks;
    private readonly BasicAuthenticationCheck? _basic;
    private readonly RequiredHeaderCheck? _header;
    private VerifierForKeys _current;

    public FusionAuthWebhookChecks(FusionAuthSourceOptions options, FusionAuthJwksCache? jwks = null)
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

        _configuredKeys = [.. keys];
        _jwks = jwks is { IsConfigured: true } ? jwks : null;
        _current = new VerifierForKeys(null, keys.Count > 0 ? new FusionAuthSignatureVerifier(keys) : null);
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

    /// <summary>
    /// The checks that need no body, before it is read: Basic authentication, the required header, and one signature
    /// header when signatures are checked. Null when they pass (the signature itself is checked with the body).
    /// </summary>
    public WebhookVerification? RefuseBeforeBody(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (_basic?.Verify(headers) is { IsValid: false } basic)
        {
            return basic;
        }

        if (_header?.Verify(headers) is { IsValid: false } header)
        {
            return header;
        }

        if (_configuredKeys.Length == 0 && _jwks is null)
        {
            return null;
        }

        var jwt = headers.Count(h => string.Equals(h.Key, FusionAuthSignatureVerifier.HeaderName, StringComparison.OrdinalIgnoreCase));
        return jwt == 1 ? null : WebhookVerification.Rejected($"expected exactly one {FusionAuthSignatureVerifier.HeaderName} header, found {jwt}");
    }

    /// <summary>
    /// The first failing check, or valid when all configured checks pass. Rejected with
    /// <see cref="WebhookRejectionReasons.SigningKeysUnavailable"/> when the signature needs a key the JWKS would supply
    /// and the JWKS could not be loaded: the caller answers 503 rather than 401.
    /// </summary>
    public async Task<WebhookVerification> VerifyAsync(IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (RefuseBeforeBody(headers) is { } refused)
        {
            return refused;
        }

        if (_configuredKeys.Length == 0 && _jwks is null)
        {
            return WebhookVerification.Valid;
        }

        // RefuseBeforeBody made sure there is exactly one.
        var jwt = headers.Where(h => string.Equals(h.Key, FusionAuthSignatureVerifier.HeaderName, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        var current = await VerifierAsync(cancellationToken).ConfigureAwait(false);
        var result = Verify(current.Verifier, jwt[0], body.Span);
        if (_jwks is null || result.IsValid)
        {
            return result;
        }

        // A kid the cached set does not hold: FusionAuth may have rotated its key. Before any JWKS loaded, an algorithm no
        // configured key allows says the same. Ask the JWKS again (rate-limited); when it cannot be reached the delivery
        // may well be genuine, so the answer is "unavailable", not "unauthorized".
        var jwksMightHelp = result.Reason == WebhookRejectionReasons.UnknownKeyId
            || (current.JwksKeys is null && result.Reason == WebhookRejectionReasons.AlgorithmNotAllowed);
        if (!jwksMightHelp)
        {
            return result;
        }

        if (!await _jwks.RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false))
        {
            return WebhookVerification.Rejected(WebhookRejectionReasons.SigningKeysUnavailable);
        }

        return Verify((await VerifierAsync(cancellationToken).ConfigureAwait(false)).Verifier, jwt[0], body.Span);
    }

    private static WebhookVerification Verify(FusionAuthSignatureVerifier? verifier, string jwt, ReadOnlySpan<byte> body) =>
        verifier?.Verify(jwt, body) ?? WebhookVerification.Rejected(WebhookRejectionReasons.UnknownKeyId);

    private async Task<VerifierForKeys> VerifierAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (_jwks is null)
        {
            return current;
        }

        var jwksKeys = await _jwks.GetKeysAsync(cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(current.JwksKeys, jwksKeys))
        {
            return current;
        }

        // The key set changed (or loaded for the first time): one verifier over the configured keys and the JWKS keys.
        var all = _configuredKeys.Concat(jwksKeys ?? []).ToList();
        current = new VerifierForKeys(jwksKeys, all.Count > 0 ? new FusionAuthSignatureVerifier(all) : null);
        Volatile.Write(ref _current, current);
        return current;
    }

    // The verifier together with the JWKS keys it was built from (null: no JWKS loaded), swapped as one reference.
    private sealed record VerifierForKeys(IReadOnlyList<FusionAuthVerificationKey>? JwksKeys, FusionAuthSignatureVerifier? Verifier);
}
