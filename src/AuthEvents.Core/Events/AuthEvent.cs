namespace AuthEvents.Core.Events;

/// <summary>
/// The canonical authentication event every page reads. Built by a normalizer from one raw record.
/// It never holds an SSN, document number, date of birth or image key; e-mail addresses and phone numbers
/// appear only as keyed hashes (for linking) and masked forms (for display).
/// </summary>
public sealed record AuthEvent
{
    /// <summary>Provider the event came from.</summary>
    public required EventSource Source { get; init; }

    /// <summary>Tenant or audience the provider scopes ids by (Login.gov <c>aud</c>, Entrust <c>accountId</c>, FusionAuth <c>tenantId</c>); empty when none.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>The provider's own event id: the dedupe key with <see cref="Source"/> and <see cref="Tenant"/>.</summary>
    public required string ProviderEventId { get; init; }

    /// <summary>The provider's own event type name, e.g. <c>mfa-login-auth-submitted</c> or <c>password_secret_bad</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Milestone of the identity journey (see <see cref="Milestones"/>); <see cref="Milestones.Other"/> when unknown.</summary>
    public required string Milestone { get; init; }

    /// <summary>
    /// Ordinal of the event's step within the identity journey, from <see cref="MilestoneCatalog"/> (see
    /// <see cref="MilestoneCatalogEntry.Step"/>): orders a person's events by journey position where times tie or
    /// arrive out of order. Lower is earlier; 0 when not set.
    /// </summary>
    public int Step { get; init; }

    /// <summary>What the attempt came to.</summary>
    public required Outcome Outcome { get; init; }

    /// <summary>Why it failed; empty unless <see cref="Outcome"/> is a failure or rate limit.</summary>
    public IReadOnlyList<FailureReason> FailureReasons { get; init; } = [];

    /// <summary>The provider's subject id (Login.gov <c>user_uuid</c>, 1Password <c>target_user.uuid</c>, Entrust <c>data.subject</c>, FusionAuth <c>user.id</c>).</summary>
    public string? SubjectKey { get; init; }

    /// <summary>Cross-provider person key: a keyed hash of the normalized e-mail when one is known, else source-scoped subject key.</summary>
    public string? PersonKey { get; init; }

    /// <summary>Masked e-mail for display (<c>j***@example.com</c>), never the clear address.</summary>
    public string? EmailMasked { get; init; }

    /// <summary>Session key (Login.gov <c>unique_session_id</c> or <c>subject.session_id</c>, 1Password <c>session_uuid</c>).</summary>
    public string? SessionKey { get; init; }

    /// <summary>Client IP address as the provider reported it.</summary>
    public string? Ip { get; init; }

    /// <summary>ISO 3166 country code or the provider's country string.</summary>
    public string? Country { get; init; }

    /// <summary>City when the provider reports one.</summary>
    public string? City { get; init; }

    /// <summary>Latitude when the provider reports one.</summary>
    public double? Latitude { get; init; }

    /// <summary>Longitude when the provider reports one.</summary>
    public double? Longitude { get; init; }

    /// <summary>Browser or client user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Device key: a keyed hash of a cookie or device id, or a device description.</summary>
    public string? DeviceKey { get; init; }

    /// <summary>Authenticator used: MFA device type, token type, authentication type or method.</summary>
    public string? Authenticator { get; init; }

    /// <summary>Keyed hash of the phone number involved, for pivots; never the number itself.</summary>
    public string? PhoneHash { get; init; }

    /// <summary>When the event happened, UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When this product received it, UTC.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Remaining non-sensitive attributes, by the provider's own names (already masked where personal).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
