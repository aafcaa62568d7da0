using AuthEvents.Core.Events;

namespace AuthEvents.Store.Journeys;

/// <summary>A person in a funnel list (a drop-off, a fast conversion): who, their counted attempt, and its last failure.</summary>
/// <param name="PersonKey">The person's key (a keyed e-mail hash, or a provider subject or session), for the person page.</param>
/// <param name="Label">Masked e-mail address, when known.</param>
/// <param name="Source">Provider of the attempt's first event.</param>
/// <param name="StartedAt">When the attempt started.</param>
/// <param name="LastEventAt">The attempt's last event.</param>
/// <param name="Failures">Failures and rate limits in the attempt.</param>
/// <param name="LastFailureType">Event type of the last failure.</param>
/// <param name="LastFailureCanonical">Canonical reason of the last failure.</param>
/// <param name="LastFailureRaw">The provider's reason (<c>field: code</c>) of the last failure.</param>
/// <param name="LastFailureAt">When the last failure happened.</param>
/// <param name="Duration">For fast conversions: the time from the previous step.</param>
public sealed record JourneyPersonRow(
    string PersonKey,
    string? Label,
    EventSource Source,
    DateTimeOffset StartedAt,
    DateTimeOffset LastEventAt,
    int Failures,
    string? LastFailureType,
    string? LastFailureCanonical,
    string? LastFailureRaw,
    DateTimeOffset? LastFailureAt,
    TimeSpan? Duration);
