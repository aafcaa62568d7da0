using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;

namespace AuthEvents.Tests.Support;

/// <summary>
/// Three provider failure codes as the failure queries return them (Login.gov's password <c>invalid</c> and phone
/// <c>otp_invalid</c>, 1Password's <c>credentials_failed</c>), and the by-source tree over them: what the failures
/// page's model tests and its tree's component tests both read.
/// </summary>
public static class FailureFixture
{
    public static FailureNode Invalid { get; } = Node(FailureLevel.Code, "invalid", 6) with
    {
        Source = EventSource.LoginGov, EventType = "login-email-and-password-auth", Field = "password", Code = "invalid", Canonical = CanonicalReasons.InvalidCredentials,
    };

    public static FailureNode Phone { get; } = Node(FailureLevel.Code, "otp_invalid", 4) with
    {
        Source = EventSource.LoginGov, EventType = "idv-phone-submitted", Field = "phone", Code = "otp_invalid", Canonical = CanonicalReasons.MfaInvalid,
    };

    public static FailureNode Credentials { get; } = Node(FailureLevel.Code, "credentials_failed", 10) with
    {
        Source = EventSource.OnePassword, EventType = "credentials_failed", Field = "category", Code = "credentials_failed", Canonical = CanonicalReasons.InvalidCredentials,
    };

    /// <summary>A node whose trend is its count in the first bucket and nothing in the second; its share is of 20 failures.</summary>
    public static FailureNode Node(FailureLevel level, string key, long count, params FailureNode[] children) =>
        new(level, key, count, count / 20.0, [count, 0], children);

    /// <summary>Source → event type → field → code over the three codes, for [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static FailureBreakdown BySource(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<DateTimeOffset> buckets) =>
        new(from, to, 20, TimeSpan.FromHours(1), buckets,
        [
            Node(FailureLevel.Source, "LoginGov", 10, Type(Invalid), Type(Phone)) with { Source = EventSource.LoginGov },
            Node(FailureLevel.Source, "OnePassword", 10, Type(Credentials)) with { Source = EventSource.OnePassword },
        ]);

    private static FailureNode Field(FailureNode code) =>
        Node(FailureLevel.Field, code.Field!, code.Count, code) with { Source = code.Source, EventType = code.EventType, Field = code.Field };

    private static FailureNode Type(FailureNode code) =>
        Node(FailureLevel.EventType, code.EventType!, code.Count, Field(code)) with { Source = code.Source, EventType = code.EventType };
}
