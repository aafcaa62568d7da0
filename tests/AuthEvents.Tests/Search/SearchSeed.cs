using AuthEvents.Core.Events;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Search;

/// <summary>Three events and what each search finds among them (a, b, c in storage order): the same on every provider.</summary>
internal static class SearchSeed
{
    private static readonly FailureReason BadOtp = new("code", "otp_wrong", CanonicalReasons.MfaInvalid);
    private static readonly FailureReason Blocked = new("category", "firewall_failed", CanonicalReasons.BlockedByPolicy);

    public static AuthEvent[] Events { get; } =
    [
        Event("jti-1", Noon, EventSource.LoginGov, "login.password", Milestones.LoginPassword, Outcome.Failure, "email:personhash", "US", "totp", BadOtp) with
        {
            EmailMasked = "j***@example.com", Ip = "203.0.113.7", SessionKey = "sessionhash", SubjectKey = "subjecthash",
            DeviceKey = "devicehash", PhoneHash = "phonehash",
        },
        Event("op-2", Noon.AddMinutes(1), EventSource.OnePassword, "firewall_failed", Milestones.LoginPolicy, Outcome.Failure, null, "DE", null, Blocked) with
        {
            City = "Berlin", UserAgent = "Mozilla/5.0 (KHTML, like Gecko) Firefox/140",
        },
        Event("en-3", Noon.AddMinutes(2), EventSource.Entrust, "login.done", Milestones.LoginComplete, Outcome.Success, null, "FR"),
    ];

    public static TheoryData<string, string> Cases { get; } = new()
    {
        { "login.password", "a" }, // event type, whole
        { "password", "a" }, // event type, a part after a dot
        { "login.pass", "a" }, // a prefix of the whole type
        { "LOGIN.PASSWORD", "a" }, // case-insensitive
        { "login.policy", "b" }, // milestone
        { "policy", "b" }, // milestone part
        { "j***", "a" }, // masked e-mail as shown
        { "example.com", "a" }, // its domain
        { "203.0.113.7", "a" }, // IP, whole
        { "203.0.113", "a" }, // IP, leading octets
        { "113.7", "a" }, // IP, from an octet on
        { "DE", "b" }, // country
        { "berl", "b" }, // city, prefix
        { "firefox", "b" }, // user agent part
        { "mozilla/5", "b" }, // user agent piece
        { "totp", "a" }, // authenticator
        { "jti-1", "a" }, // provider event id
        { "mfa-invalid", "a" }, // canonical reason
        { "otp_wrong", "a" }, // provider code
        { "wrong", "a" }, // provider code part
        { "category", "b" }, // provider field
        { "firewall category", "b" }, // words ANDed, in different fields
        { "totp de", "" }, // ANDed: no event has both
        { "login", "a b c" }, // login.password, login-policy, login.done
        { "ssword", "" }, // inside a token: not a prefix
        { "jane.doe@example.com", "" }, // a clear e-mail that is stored only masked
        { "personhash", "" }, // person key
        { "email:personhash", "" },
        { "sessionhash", "" }, // session key
        { "devicehash", "" }, // device key
        { "phonehash", "" }, // phone hash
        { "subjecthash", "" }, // subject key
    };
}
