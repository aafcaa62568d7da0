using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;

namespace AuthEvents.Store.Journeys;

/// <summary>An identity joined into a person, and the evidence: the event that joined it.</summary>
/// <param name="Key">The identity key (<c>email:…</c>, <c>logingov:…</c>, <c>session:LoginGov:…</c>).</param>
/// <param name="Kind">E-mail, provider subject or session.</param>
/// <param name="Source">The provider, for subjects and sessions.</param>
/// <param name="Evidence">Why it was joined.</param>
/// <param name="EvidenceEventType">Type of the event that joined it (or first showed it).</param>
/// <param name="EvidenceEventId">That event.</param>
/// <param name="LinkedAt">When that event happened.</param>
/// <param name="Label">Masked e-mail, for the e-mail identity.</param>
public sealed record PersonIdentityRow(
    string Key,
    IdentityKind Kind,
    EventSource? Source,
    IdentityEvidence Evidence,
    string? EvidenceEventType,
    long? EvidenceEventId,
    DateTimeOffset? LinkedAt,
    string? Label);
