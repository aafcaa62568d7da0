using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>
/// A whitelisted, typed filter over stored events. Pages and exports build one of these from URL state;
/// no filter string ever reaches the database as text to interpret. Every property that is set narrows the
/// selection (they combine with AND); a list matches any of its values; an empty list or null means "any".
/// </summary>
public sealed record EventQuery
{
    /// <summary>Longest free text accepted in <see cref="Text"/>.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Inclusive start of the occurred-time range.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive end of the occurred-time range.</summary>
    public DateTimeOffset? To { get; init; }
    public IReadOnlyList<EventSource> Sources { get; init; } = [];
    public IReadOnlyList<string> Milestones { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];

    /// <summary>One provider event type. Kept for existing callers; <see cref="EventTypes"/> takes several.</summary>
    public string? EventType { get; init; }

    /// <summary>Any of these provider event types.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public string? PersonKey { get; init; }
    public string? SessionKey { get; init; }
    public string? Ip { get; init; }

    /// <summary>Country as stored (ISO 3166 code or the provider's text), any of these.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Authenticator (MFA method, token or device type) as stored, any of these.</summary>
    public IReadOnlyList<string> Authenticators { get; init; } = [];

    /// <summary>
    /// Canonical failure reasons (<see cref="CanonicalReasons"/>), any of these. Together with <see cref="ReasonField"/>
    /// and <see cref="ReasonCode"/>, one and the same failure reason of the event must match all three.
    /// </summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The field of a failure reason as the provider gave it (e.g. 1Password's <c>category</c>).</summary>
    public string? ReasonField { get; init; }

    /// <summary>The provider's raw failure code (e.g. <c>credentials_failed</c>).</summary>
    public string? ReasonCode { get; init; }

    /// <summary>
    /// Free text, case-insensitive, read by <see cref="Search.SearchTerms"/>: every whitespace-separated word must be the
    /// start of a token of one of the non-sensitive fields (event type, milestone, masked e-mail, IP, country, city,
    /// user agent, authenticator, provider event id (from its start), canonical reasons, a failure reason's raw field or code). A value
    /// is a token whole and from each letter or digit after a punctuation mark: <c>203.0</c>, <c>0.113</c>,
    /// <c>login.pass</c>, <c>password</c>, <c>example.com</c> all find theirs; a word inside a token (<c>assword</c>)
    /// does not. Words of one character are ignored. Keyed hashes (person, session, device, phone) are never indexed;
    /// filter them with their exact keys.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Everything.</summary>
    public static EventQuery All { get; } = new();
}
