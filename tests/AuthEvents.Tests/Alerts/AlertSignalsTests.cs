using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class AlertSignalsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Func<AlertInput, bool>> Predicates = new()
    {
        [nameof(AlertSignals.IsPasswordFailure)] = AlertSignals.IsPasswordFailure,
        [nameof(AlertSignals.IsMfaPrompt)] = AlertSignals.IsMfaPrompt,
        [nameof(AlertSignals.IsPhoneCodeSend)] = AlertSignals.IsPhoneCodeSend,
        [nameof(AlertSignals.IsTelephonyRateLimit)] = AlertSignals.IsTelephonyRateLimit,
        [nameof(AlertSignals.IsRecovery)] = AlertSignals.IsRecovery,
        [nameof(AlertSignals.IsMfaChange)] = AlertSignals.IsMfaChange,
        [nameof(AlertSignals.IsSignIn)] = AlertSignals.IsSignIn,
        [nameof(AlertSignals.IsNewDeviceSignIn)] = AlertSignals.IsNewDeviceSignIn,
        [nameof(AlertSignals.IsFraudCheckFailure)] = AlertSignals.IsFraudCheckFailure,
        [nameof(AlertSignals.IsDocumentFailure)] = AlertSignals.IsDocumentFailure,
    };

    // What each predicate must match, case by case: "<source> <type>[<context>] <outcome>[ <variant>]", over every catalog
    // row and every outcome its provider's normalizer can give it (Login.gov's success flag; the type alone elsewhere).
    // A catalog row added later that a predicate picks up by milestone shows here as an unexpected match.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        [nameof(AlertSignals.IsPasswordFailure)] =
        [
            "LoginGov login-email-and-password-auth Failure", "LoginGov login-rate-limited RateLimited",
            "OnePassword credentials_failed Failure",
            "Entrust authentication.failed[PASSWORD] Failure", "Entrust authentication.failed[] Failure",
            "FusionAuth user.login.failed Failure",
        ],
        [nameof(AlertSignals.IsMfaPrompt)] =
        [
            "LoginGov mfa-login-phone-otp-sent Success", "LoginGov mfa-login-phone-otp-sent Failure", "LoginGov mfa-login-phone-otp-sent Info",
            "LoginGov mfa-login-phone-otp-sent-rate-limited RateLimited",
            "LoginGov mfa-login-auth-submitted Failure", "LoginGov mfa-login-auth-submitted Info",
            "LoginGov mfa-submission-code-rate-limited RateLimited",
            .. new[] { "backup-code", "phone-otp", "piv-cac", "totp", "webauthn-platform", "webauthn-roaming" }
                .SelectMany(m => new[] { $"LoginGov mfa-login-{m}-submitted Failure", $"LoginGov mfa-login-{m}-submitted Info" }),
            "OnePassword mfa_failed Failure",
            "Entrust magiclink.email.sent Info", "Entrust authentication.failed Failure",
            "FusionAuth user.two-factor.challenge Info sms", "FusionAuth user.two-factor.challenge Info email",
            "FusionAuth user.two-factor.failed.attempt Failure",
        ],
        [nameof(AlertSignals.IsPhoneCodeSend)] =
        [
            .. new[] { "mfa-login-phone-otp-sent", "mfa-enroll-phone-otp-sent", "idv-phone-otp-sent" }
                .SelectMany(t => new[] { $"LoginGov {t} Success", $"LoginGov {t} Failure", $"LoginGov {t} Info" }),
            "FusionAuth user.two-factor.challenge Info sms",
        ],
        [nameof(AlertSignals.IsTelephonyRateLimit)] =
        [
            "LoginGov mfa-login-phone-otp-sent-rate-limited RateLimited", "LoginGov mfa-enroll-phone-otp-sent-rate-limited RateLimited",
            "LoginGov idv-rate-limited[idv_send_link] RateLimited", "LoginGov idv-rate-limited[phone_confirmation] RateLimited",
        ],
        [nameof(AlertSignals.IsRecovery)] =
        [
            .. new[] { "forgot-password-email-sent", "forgot-password-email-confirmed", "forgot-password-new-password-submitted", "personal-key-reactivation-submitted" }
                .SelectMany(t => new[] { $"LoginGov {t} Success", $"LoginGov {t} Info" }),
            "FusionAuth user.password.reset.send Info", "FusionAuth user.password.reset.start Info", "FusionAuth user.password.reset.success Success",
        ],
        [nameof(AlertSignals.IsMfaChange)] =
        [
            .. new[] { "mfa-enrolled", "mfa-enroll-backup-code", "mfa-enroll-phone-otp-submitted", "mfa-enroll-piv-cac", "mfa-enroll-totp", "mfa-enroll-webauthn-platform", "mfa-enroll-webauthn-roaming" }
                .SelectMany(t => new[] { $"LoginGov {t} Success", $"LoginGov {t} Info" }),
            "Entrust grid.created Info", "Entrust passkey.created Info", "Entrust face.biometric.created Info", "Entrust kba.question.created Info",
            "Entrust passkey.updated Info", "Entrust passkey.deleted Info",
            "FusionAuth user.two-factor.method.add Success", "FusionAuth user.two-factor.method.remove Info",
        ],
        [nameof(AlertSignals.IsSignIn)] =
        [
            "LoginGov login-completed Success", "OnePassword success Success", "Entrust authentication.succeeded Success",
            "FusionAuth user.login.success Success", "FusionAuth user.login.new-device Info", "FusionAuth user.login.suspicious Info",
        ],
        [nameof(AlertSignals.IsNewDeviceSignIn)] = ["FusionAuth user.login.new-device Info"],
        [nameof(AlertSignals.IsFraudCheckFailure)] = ["LoginGov idv-tmx-fraud-check Failure", "LoginGov idv-device-risk-assessment Failure"],
        [nameof(AlertSignals.IsDocumentFailure)] =
        [
            "LoginGov idv-image-retrieval-failed Failure", "LoginGov idv-document-upload-submitted Failure",
            "LoginGov idv-rate-limited[idv_doc_auth] RateLimited", "LoginGov idv-document-uploaded Failure",
            // Retired upload steps share the milestone, as the hourly rollups the baseline rule counts from do.
            "LoginGov idv-document-upload-method-selected Failure", "LoginGov idv-phone-upload-link-sent Failure", "LoginGov idv-phone-upload-link-used Failure",
        ],
    };

    public static TheoryData<string> PredicateNames() => new(Predicates.Keys);

    [Theory]
    [MemberData(nameof(PredicateNames))]
    public void Predicate_OverEveryCatalogRowAndOutcome_MatchesExactlyTheIntendedTypes(string predicate)
    {
        var matched = CatalogCases().Where(c => Predicates[predicate](c.Input)).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Expected[predicate].Order(StringComparer.Ordinal).ToList(), matched);
    }

    [Fact]
    public void ExpectedCases_EveryOneIsACatalogCase()
    {
        var cases = CatalogCases().Select(c => c.Name).ToHashSet();

        Assert.All(Expected.Values.SelectMany(v => v), name => Assert.Contains(name, cases));
    }

    [Fact]
    public void NamedEventTypes_EveryOneIsANamedCatalogRow()
    {
        var named = MilestoneCatalog.Entries.Where(e => !e.IsPattern).Select(e => (e.Source, e.EventType)).ToHashSet();

        Assert.All(AlertSignals.NamedEventTypes, t => Assert.Contains(t, named));
    }

    [Fact]
    public void IsLocated_CoordinatesOrAKnownCountry_True()
    {
        var script = new AlertScript(T0);

        Assert.True(AlertSignals.IsLocated(script.Event(TimeSpan.Zero, EventSource.FusionAuth, "user.login.success", latitude: 44.43, longitude: 26.1)));
        Assert.True(AlertSignals.IsLocated(script.Event(TimeSpan.Zero, EventSource.OnePassword, "success", country: "RO")));
        Assert.False(AlertSignals.IsLocated(script.Event(TimeSpan.Zero, EventSource.OnePassword, "success", country: "XX")));
        Assert.False(AlertSignals.IsLocated(script.Event(TimeSpan.Zero, EventSource.Entrust, "authentication.succeeded", ip: "198.51.100.7")));
    }

    [Theory]
    [InlineData(EventSource.LoginGov, "mfa-login-phone-otp-sent", "IsMfaPrompt IsPhoneCodeSend")]
    [InlineData(EventSource.LoginGov, "login-rate-limited", "IsPasswordFailure")]
    [InlineData(EventSource.LoginGov, "set-login-email-and-password-auth", "IsPasswordFailure")]
    [InlineData(EventSource.LoginGov, "login-email-and-password-auth-success", "")]
    [InlineData(EventSource.LoginGov, "mfa-login-auth-submitted-wrong-length", "IsMfaPrompt")]
    [InlineData(EventSource.LoginGov, "forgot-password-email-confirmed-blank-user", "")]
    [InlineData(EventSource.LoginGov, "forgot-password-new-password-submitted-failed", "")]
    [InlineData(EventSource.LoginGov, "mfa-enrolled-phone", "IsMfaChange")]
    [InlineData(EventSource.LoginGov, "set-login-completed", "IsSignIn")]
    [InlineData(EventSource.LoginGov, "idv-phone-otp-sent-seed-spelling", "IsPhoneCodeSend")]
    [InlineData(EventSource.LoginGov, "idv-image-retrieval-failed", "IsDocumentFailure")]
    [InlineData(EventSource.OnePassword, "docs-elastic-sample", "IsPasswordFailure")]
    [InlineData(EventSource.OnePassword, "mfa-failed-u2f-timout-nanoseconds", "IsMfaPrompt")]
    [InlineData(EventSource.OnePassword, "docs-constructed-v2-firewall", "")]
    [InlineData(EventSource.OnePassword, "success-offset-timestamp", "IsSignIn")]
    [InlineData(EventSource.Entrust, "authentication-failed-no-token", "IsPasswordFailure")]
    [InlineData(EventSource.Entrust, "seed-authentication-succeeded", "IsSignIn")]
    [InlineData(EventSource.Entrust, "passkey-created", "IsMfaChange")]
    [InlineData(EventSource.FusionAuth, "docs-login-failed", "IsPasswordFailure")]
    [InlineData(EventSource.FusionAuth, "seed-two-factor-failed-attempt", "IsMfaPrompt")]
    [InlineData(EventSource.FusionAuth, "two-factor-success", "")]
    [InlineData(EventSource.FusionAuth, "two-factor-method-add", "IsMfaChange")]
    [InlineData(EventSource.FusionAuth, "login-new-device", "IsSignIn IsNewDeviceSignIn")]
    [InlineData(EventSource.FusionAuth, "login-suspicious", "IsSignIn")]
    public void Predicates_OnNormalizedFixtures_MatchTheirSignals(EventSource source, string fixture, string expected)
    {
        var normalized = new EventNormalizers(FixtureFiles.Hasher).For(source).Normalize(FixtureFiles.Record(source, fixture));
        Assert.True(normalized.IsAccepted, normalized.RejectionReason);
        var input = AlertInput.From(normalized.Event!, 1, normalized.Event!.PersonKey);

        var matched = Predicates.Where(p => p.Value(input)).Select(p => p.Key).ToList();

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), matched.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IsMfaPrompt_OnePasswordMissingFactor_NotAPrompt()
    {
        var script = new AlertScript(T0);
        var missing = script.Event(TimeSpan.Zero, EventSource.OnePassword, "mfa_failed", reason: new FailureReason("type", "mfa_missing", CanonicalReasons.MfaMissing));
        var timeout = script.Event(TimeSpan.Zero, EventSource.OnePassword, "mfa_failed", reason: new FailureReason("type", "duo_timeout", CanonicalReasons.MfaTimeout));

        Assert.False(AlertSignals.IsMfaPrompt(missing));
        Assert.True(AlertSignals.IsMfaPrompt(timeout));
    }

    private static IEnumerable<(string Name, AlertInput Input)> CatalogCases()
    {
        var script = new AlertScript(T0);
        foreach (var entry in MilestoneCatalog.Entries)
        {
            var type = entry.EventType switch
            {
                "*" => "unlisted-type",
                _ when entry.IsPattern => "unlisted" + entry.EventType[1..],
                _ => entry.EventType,
            };
            var context = entry.Context is null ? "" : "[" + entry.Context + "]";
            foreach (var outcome in OutcomesOf(entry))
            {
                foreach (var (variant, authenticator, reason) in VariantsOf(entry, outcome))
                {
                    var input = script.Event(TimeSpan.Zero, entry.Source, type, "email:p", "198.51.100.7", outcome, entry.Context, reason, authenticator: authenticator)
                        with { Milestone = entry.Milestone };
                    yield return ($"{entry.Source} {type}{context} {outcome}{variant}", input);
                }
            }
        }
    }

    // Login.gov reports success or failure on most events (or neither); the other providers' outcome follows from the type.
    private static IEnumerable<Outcome> OutcomesOf(MilestoneCatalogEntry entry) =>
        entry.Source != EventSource.LoginGov || entry.DefaultOutcome == Outcome.RateLimited
            ? [entry.DefaultOutcome]
            : new[] { Outcome.Success, Outcome.Failure, entry.DefaultOutcome }.Distinct();

    private static IEnumerable<(string Variant, string? Authenticator, FailureReason? Reason)> VariantsOf(MilestoneCatalogEntry entry, Outcome outcome)
    {
        if (entry is { Source: EventSource.FusionAuth, EventType: "user.two-factor.challenge" })
        {
            yield return (" sms", "sms", null);
            yield return (" email", "email", null);
        }
        else if (entry is { Source: EventSource.OnePassword, EventType: "mfa_failed" })
        {
            yield return ("", null, new FailureReason("type", "duo_timeout", CanonicalReasons.MfaTimeout));
            yield return (" mfa-missing", null, new FailureReason("type", "mfa_missing", CanonicalReasons.MfaMissing));
        }
        else
        {
            yield return ("", null, outcome is Outcome.Failure or Outcome.RateLimited ? new FailureReason("field", "code", CanonicalReasons.Other) : null);
        }
    }
}
