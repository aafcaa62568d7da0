using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// One identity key (an e-mail hash, a provider subject, a provider session) and the person it was joined into
/// (table <c>journey_identities</c>). A row without <see cref="RootId"/> is a person of its own.
/// </summary>
public sealed class JourneyIdentityRecord
{
    public long Id { get; set; }
    public string IdentityKey { get; set; } = "";
    public IdentityKind Kind { get; set; }
    public EventSource? Source { get; set; }

    /// <summary>The person (the root identity) this one was joined into; null when it is a root itself.</summary>
    public long? RootId { get; set; }

    public IdentityEvidence Evidence { get; set; }

    /// <summary>The event that joined it (or, for a root, first showed it).</summary>
    public long? EvidenceEventId { get; set; }

    /// <summary>When the evidence event happened (UTC ticks).</summary>
    public long? LinkedAtTicks { get; set; }

    /// <summary>Masked e-mail address, for e-mail identities.</summary>
    public string? Label { get; set; }
}
