using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts;

/// <summary>
/// What a rule reads of one stored event: the event's own columns plus the journey person it belongs to. The store
/// fills it from <c>events</c> joined to the journey index; tests and replays build it with <see cref="From"/>.
/// </summary>
public sealed record AlertInput
{
    /// <summary>The attribute a normalizer puts a phone number's region in (ISO region such as <c>GB</c>, else the calling code).</summary>
    public const string PhoneRegionAttribute = "phone_region";

    /// <summary>The stored event's id: evidence points at it, and a run's cursor moves past it.</summary>
    public required long EventId { get; init; }

    /// <summary>The provider.</summary>
    public required EventSource Source { get; init; }

    /// <summary>The provider's tenant or audience; empty when none.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>The provider's event type name.</summary>
    public required string EventType { get; init; }

    /// <summary>The journey milestone the catalog classified it into.</summary>
    public required string Milestone { get; init; }

    /// <summary>What the attempt came to.</summary>
    public required Outcome Outcome { get; init; }

    /// <summary>The canonical failure reasons (<see cref="CanonicalReasons"/>); empty unless a failure or rate limit.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>When it happened, UTC: every window is over this time, whatever the order of arrival.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When this product received it, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The journey person: the root identity key (<c>email:…</c> or <c>&lt;provider&gt;:&lt;subject&gt;</c>); null when the event has no identity.</summary>
    public string? Person { get; init; }

    /// <summary>The person's masked label for display (a masked e-mail), never a clear value.</summary>
    public string? PersonLabel { get; init; }

    /// <summary>The provider session.</summary>
    public string? SessionKey { get; init; }

    /// <summary>Client IP address as the provider reported it.</summary>
    public string? Ip { get; init; }

    /// <summary>Country code, when reported.</summary>
    public string? Country { get; init; }

    /// <summary>Latitude, when reported.</summary>
    public double? Latitude { get; init; }

    /// <summary>Longitude, when reported.</summary>
    public double? Longitude { get; init; }

    /// <summary>Keyed device hash, when reported.</summary>
    public string? DeviceKey { get; init; }

    /// <summary>The authenticator (MFA method, token, delivery method).</summary>
    public string? Authenticator { get; init; }

    /// <summary>Keyed hash of the phone number involved.</summary>
    public string? PhoneHash { get; init; }

    /// <summary>The phone number's region (<see cref="PhoneRegionAttribute"/>), when the normalizer knew it.</summary>
    public string? PhoneRegion { get; init; }

    /// <summary>True for simulated events.</summary>
    public bool IsDemo { get; init; }

    /// <summary>The input for a normalized event stored under <paramref name="eventId"/>.</summary>
    /// <param name="e">The normalized event.</param>
    /// <param name="eventId">Its stored id.</param>
    /// <param name="person">Its journey person's root identity key; null when it has no identity.</param>
    /// <param name="personLabel">The person's masked label.</param>
    /// <param name="isDemo">True for simulated events.</param>
    public static AlertInput From(AuthEvent e, long eventId, string? person, string? personLabel = null, bool isDemo = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new AlertInput
        {
            EventId = eventId,
            Source = e.Source,
            Tenant = e.Tenant,
            EventType = e.EventType,
            Milestone = e.Milestone,
            Outcome = e.Outcome,
            Reasons = e.FailureReasons.Select(r => r.Canonical).Distinct(StringComparer.Ordinal).ToArray(),
            OccurredAt = e.OccurredAt,
            ReceivedAt = e.ReceivedAt,
            Person = person,
            PersonLabel = personLabel,
            SessionKey = e.SessionKey,
            Ip = e.Ip,
            Country = e.Country,
            Latitude = e.Latitude,
            Longitude = e.Longitude,
            DeviceKey = e.DeviceKey,
            Authenticator = e.Authenticator,
            PhoneHash = e.PhoneHash,
            PhoneRegion = e.Attributes.GetValueOrDefault(PhoneRegionAttribute),
            IsDemo = isDemo,
        };
    }
}
