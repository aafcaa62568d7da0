namespace AuthEvents.Core.Events;

/// <summary>
/// Maps a provider's raw failure codes onto <see cref="CanonicalReasons"/>, so that the same cause reported under
/// different names is counted together. The raw code is always kept in <see cref="FailureReason.Code"/>; a code no
/// rule matches is <see cref="CanonicalReasons.Other"/>. The UI can list <see cref="Rules"/> to document the mapping.
/// </summary>
/// <remarks>
/// The most specific rule wins: a rule naming the field beats one that does not; then a rule naming the exact code
/// beats one limited to the event type, which beats a <c>*suffix</c> code pattern. Among equally specific rules the
/// first listed wins. Every code's mapping, and why, is in <c>docs/failure-reasons.md</c>.
/// </remarks>
public static class FailureReasonCatalog
{
    // "*" (any field: address lines, state, zip code, SSN) and the typed fields whose other codes mean something else.
    private static readonly string[] LoginGovTypedFields = ["*", "code", "otp", "phone", "password", "password_confirmation"];

    /// <summary>Every rule, grouped by provider.</summary>
    public static IReadOnlyList<FailureReasonRule> Rules { get; } = BuildRules();

    /// <summary>The canonical reason for a raw code, or <see cref="CanonicalReasons.Other"/> when no rule matches.</summary>
    /// <param name="source">The provider.</param>
    /// <param name="field">The field the code belongs to.</param>
    /// <param name="code">The provider's raw code.</param>
    /// <param name="eventType">The provider's event type, for rules that depend on it (e.g. Login.gov's <c>pii</c> field means a document problem on upload and an identity problem on verification).</param>
    public static string Canonicalize(EventSource source, string field, string code, string? eventType = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(code);
        FailureReasonRule? best = null;
        var bestScore = -1;
        foreach (var rule in Rules)
        {
            if (rule.Source != source)
            {
                continue;
            }

            var fieldMatch = CatalogPattern.Match(rule.Field, field);
            var codeMatch = CatalogPattern.Match(rule.Code, code);
            var typeMatches = rule.EventType is null || string.Equals(rule.EventType, eventType, StringComparison.Ordinal);
            if (fieldMatch == CatalogPattern.NoMatch || codeMatch == CatalogPattern.NoMatch || !typeMatches)
            {
                continue;
            }

            var score = (fieldMatch == CatalogPattern.ExactMatch ? 100 : 0)
                + codeMatch switch { CatalogPattern.ExactMatch => 20, CatalogPattern.SuffixMatch => 5, _ => 0 }
                + (rule.EventType is null ? 0 : 10);
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best?.Canonical ?? CanonicalReasons.Other;
    }

    /// <summary>A <see cref="FailureReason"/> carrying the raw code and its canonical reason.</summary>
    /// <param name="source">The provider.</param>
    /// <param name="field">The field the code belongs to.</param>
    /// <param name="code">The provider's raw code, kept as given.</param>
    /// <param name="eventType">The provider's event type, for rules that depend on it.</param>
    public static FailureReason Create(EventSource source, string field, string code, string? eventType = null) =>
        new(field, code, Canonicalize(source, field, code, eventType));

    private static List<FailureReasonRule> BuildRules()
    {
        var rules = new List<FailureReasonRule>();
        AddLoginGov(rules);
        AddOnePassword(rules);
        AddEntrust(rules);
        AddFusionAuth(rules);
        return rules;
    }

    private static void AddLoginGov(List<FailureReasonRule> rules)
    {
        void Add(string? eventType, string field, string code, string canonical) =>
            rules.Add(new FailureReasonRule(EventSource.LoginGov, eventType, field, code, canonical));

        // Set by the normalizer itself: rate limits, and password failures Login.gov reports without a reason.
        Add(null, "rate_limit", "*", CanonicalReasons.RateLimited);
        Add(null, "credentials", "*", CanonicalReasons.InvalidCredentials);

        Add(null, "password", "*", CanonicalReasons.WeakPassword);
        Add(null, "password_confirmation", "*", CanonicalReasons.WeakPassword);
        Add(null, "password_confirmation", "mismatch", CanonicalReasons.InvalidInput);

        Add(null, "token", "*", CanonicalReasons.TokenInvalid);
        Add(null, "reset_password_token", "*", CanonicalReasons.TokenInvalid);
        Add(null, "confirmation_token", "*", CanonicalReasons.TokenInvalid);
        Add("forgot-password-email-confirmed", "user", "*", CanonicalReasons.TokenInvalid);

        Add(null, "email", "*", CanonicalReasons.InvalidInput);
        Add(null, "email", "already_confirmed", CanonicalReasons.TokenInvalid);

        Add(null, "code", "*", CanonicalReasons.MfaInvalid);
        Add(null, "code", "user_otp_expired", CanonicalReasons.MfaTimeout);
        Add(null, "otp", "*", CanonicalReasons.MfaInvalid);
        Add(null, "code_matches", "*", CanonicalReasons.MfaInvalid);
        Add(null, "code_expired", "*", CanonicalReasons.MfaTimeout);
        Add("mfa-login-auth-submitted", "*", "*", CanonicalReasons.MfaInvalid);
        Add("mfa-login-auth-submitted", "token", "*", CanonicalReasons.MfaInvalid);
        Add("mfa-enrolled", "*", "*", CanonicalReasons.MfaInvalid);

        Add(null, "telephony", "*", CanonicalReasons.DeliveryFailed);
        Add(null, "telephony_errors", "*", CanonicalReasons.DeliveryFailed);
        Add(null, "telephony_errors", "invalid_phone_number", CanonicalReasons.PhoneRejected);
        Add(null, "telephony_errors", "invalid_calling_area", CanonicalReasons.PhoneRejected);
        Add(null, "telephony_errors", "sms_unsupported", CanonicalReasons.PhoneRejected);
        Add(null, "telephony_errors", "voice_unsupported", CanonicalReasons.PhoneRejected);
        Add(null, "phone", "*", CanonicalReasons.PhoneRejected);

        Add(null, "tmx_summary_reason_code", "*", CanonicalReasons.FraudSuspected);
        Add("idv-device-risk-assessment", "*", "*", CanonicalReasons.FraudSuspected);

        Add(null, "pii", "*", CanonicalReasons.IdentityUnverified);
        Add("idv-document-upload-submitted", "pii", "*", CanonicalReasons.DocumentRejected);
        Add("idv-document-upload-submitted", "*", "*", CanonicalReasons.DocumentRejected);
        Add("idv-document-uploaded", "*", "*", CanonicalReasons.DocumentRejected);
        Add("idv-image-retrieval-failed", "*", "*", CanonicalReasons.DocumentRejected);
        Add("idv-verification-submitted", "*", "*", CanonicalReasons.IdentityUnverified);
        // The SSN step only checks the number's form; the SSN is verified with the rest at idv-verification-submitted.
        Add("idv-ssn-submitted", "*", "*", CanonicalReasons.InvalidInput);
        Add("idv-address-submitted", "*", "*", CanonicalReasons.IdentityUnverified);
        Add("idv-phone-submitted", "*", "*", CanonicalReasons.PhoneRejected);
        Add("idv-phone-verified", "*", "*", CanonicalReasons.PhoneRejected);
        Add("account-reset-account-deleted", "*", "*", CanonicalReasons.TokenInvalid);

        AddLoginGovFormatErrors(Add);
    }

    /// <summary>
    /// Form validation: the person typed something malformed. The codes are named for any field, and again for each typed
    /// field that has a field-wide rule of its own, because a rule naming the field outranks one that does not.
    /// </summary>
    private static void AddLoginGovFormatErrors(Action<string?, string, string, string> add)
    {
        string[] formatCodes = ["blank", "too_long", "wrong_length", "pattern_mismatch"];
        foreach (var field in LoginGovTypedFields)
        {
            foreach (var code in formatCodes)
            {
                add(null, field, code, CanonicalReasons.InvalidInput);
            }
        }

        // Not for passwords: a password too short is weak (the field-wide rule), not malformed.
        add(null, "*", "too_short", CanonicalReasons.InvalidInput);
        add(null, "code", "too_short", CanonicalReasons.InvalidInput);
        add(null, "otp", "too_short", CanonicalReasons.InvalidInput);
        add(null, "code", "code_incorrect_length", CanonicalReasons.InvalidInput);
        add(null, "code", "code_pattern_mismatch", CanonicalReasons.InvalidInput);
        add(null, "phone", "improbable_phone", CanonicalReasons.InvalidInput);
        add(null, "ssn", "invalid", CanonicalReasons.InvalidInput);
    }

    private static void AddOnePassword(List<FailureReasonRule> rules)
    {
        void Add(string code, string canonical) =>
            rules.Add(new FailureReasonRule(EventSource.OnePassword, null, "type", code, canonical));

        Add("password_secret_bad", CanonicalReasons.InvalidCredentials);
        Add("platform_secret_bad", CanonicalReasons.InvalidCredentials);
        Add("platform_secret_disabled", CanonicalReasons.InvalidCredentials);
        Add("platform_secret_proxy", CanonicalReasons.InvalidCredentials);
        Add("totp_bad", CanonicalReasons.MfaInvalid);
        Add("u2f_bad", CanonicalReasons.MfaInvalid);
        Add("duo_bad", CanonicalReasons.MfaInvalid);
        Add("duo_native_bad", CanonicalReasons.MfaInvalid);
        Add("code_bad", CanonicalReasons.MfaInvalid);
        Add("totp_timeout", CanonicalReasons.MfaTimeout);
        Add("u2f_timeout", CanonicalReasons.MfaTimeout);
        Add("u2f_timout", CanonicalReasons.MfaTimeout);
        Add("duo_timeout", CanonicalReasons.MfaTimeout);
        Add("code_timeout", CanonicalReasons.MfaTimeout);
        Add("*_timeout", CanonicalReasons.MfaTimeout);
        Add("totp_disabled", CanonicalReasons.MfaMissing);
        Add("u2f_disabled", CanonicalReasons.MfaMissing);
        Add("duo_disabled", CanonicalReasons.MfaMissing);
        Add("code_disabled", CanonicalReasons.MfaMissing);
        Add("mfa_missing", CanonicalReasons.MfaMissing);
        Add("all_blocked", CanonicalReasons.BlockedByPolicy);
        Add("anonymous_blocked", CanonicalReasons.BlockedByPolicy);
        Add("continent_blocked", CanonicalReasons.BlockedByPolicy);
        Add("country_blocked", CanonicalReasons.BlockedByPolicy);
        Add("ip_blocked", CanonicalReasons.BlockedByPolicy);
        Add("*_blocked", CanonicalReasons.BlockedByPolicy);
        Add("non_sso_user", CanonicalReasons.SsoDenied);
        Add("service_account_sso_denied", CanonicalReasons.SsoDenied);
        Add("sso_user_mismatch", CanonicalReasons.SsoDenied);
        Add("modern_version_missing", CanonicalReasons.ClientOutdated);
        Add("modern_version_old", CanonicalReasons.ClientOutdated);
    }

    private static void AddEntrust(List<FailureReasonRule> rules)
    {
        rules.Add(new FailureReasonRule(EventSource.Entrust, null, "token", "PASSWORD", CanonicalReasons.InvalidCredentials));
        rules.Add(new FailureReasonRule(EventSource.Entrust, null, "token", "unknown", CanonicalReasons.InvalidCredentials));
        rules.Add(new FailureReasonRule(EventSource.Entrust, null, "token", "*", CanonicalReasons.MfaInvalid));
    }

    private static void AddFusionAuth(List<FailureReasonRule> rules)
    {
        rules.Add(new FailureReasonRule(EventSource.FusionAuth, null, "reason", "credentials", CanonicalReasons.InvalidCredentials));
        rules.Add(new FailureReasonRule(EventSource.FusionAuth, null, "reason", "lambdaValidation", CanonicalReasons.Other));
        rules.Add(new FailureReasonRule(EventSource.FusionAuth, null, "method", "*", CanonicalReasons.MfaInvalid));
        rules.Add(new FailureReasonRule(EventSource.FusionAuth, null, "password", "*", CanonicalReasons.WeakPassword));
    }
}
