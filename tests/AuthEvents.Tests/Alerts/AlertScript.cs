using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Normalization;

namespace AuthEvents.Tests.Alerts;

/// <summary>
/// Scripted <see cref="AlertInput"/>s as the store would read them: events classified by the real catalog (through
/// <see cref="StoredJourney"/>) with the event types, outcomes and reasons the four normalizers produce, numbered in
/// the order they are scripted.
/// </summary>
internal sealed class AlertScript(DateTimeOffset start)
{
    private readonly StoredJourney _journey = new(start);
    private long _nextId;

    public DateTimeOffset Start => start;

    public static string Person(string email) => FixtureFiles.Hasher.HashEmail(email)!;

    public AlertInput Event(
        TimeSpan at, EventSource source, string type, string? person = null, string? ip = null, Outcome? outcome = null,
        string? context = null, FailureReason? reason = null, string? country = null, string? device = null,
        string? phone = null, string? region = null, double? latitude = null, double? longitude = null,
        string? authenticator = null, string tenant = "")
    {
        var id = ++_nextId;
        var e = _journey.Event(
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), at, source, type, outcome, context, person: person,
            reason: reason, country: country, ip: ip, device: device, phone: phone, latitude: latitude, longitude: longitude,
            authenticator: authenticator) with { Tenant = tenant };
        return AlertInput.From(e, id, person, person is null ? null : "m***@example.com") with { PhoneRegion = region };
    }

    /// <summary>A failed password step as each provider reports it.</summary>
    public AlertInput PasswordFailure(TimeSpan at, EventSource source, string? person, string ip) => source switch
    {
        EventSource.LoginGov => Event(at, source, "login-email-and-password-auth", person, ip, Outcome.Failure,
            reason: new FailureReason("credentials", "success_false", CanonicalReasons.InvalidCredentials)),
        EventSource.OnePassword => Event(at, source, "credentials_failed", person, ip,
            reason: new FailureReason("type", "password_secret_bad", CanonicalReasons.InvalidCredentials)),
        EventSource.Entrust => Event(at, source, "authentication.failed", person, ip, context: "PASSWORD",
            reason: new FailureReason("token", "PASSWORD", CanonicalReasons.InvalidCredentials), authenticator: "PASSWORD"),
        _ => Event(at, source, "user.login.failed", person, ip,
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)),
    };

    /// <summary>A Login.gov sign-in code sent by SMS (success=true, as Login.gov reports a delivered code).</summary>
    public AlertInput CodeSent(TimeSpan at, string? person, string ip, string phone, string? region = "US") =>
        Event(at, EventSource.LoginGov, "mfa-login-phone-otp-sent", person, ip, Outcome.Success, phone: phone, region: region, authenticator: "sms");

    public static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);
}
