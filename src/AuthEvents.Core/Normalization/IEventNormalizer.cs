using AuthEvents.Core.Events;
using AuthEvents.Core.Inbox;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// Turns one provider's raw records into canonical events. Implementations are pure and deterministic:
/// no clock, no I/O, the same record gives the same result. Unknown event types and enum values are kept
/// as open strings, never dropped; personal data is dropped, hashed or masked here, before anything is stored.
/// </summary>
public interface IEventNormalizer
{
    /// <summary>The provider this normalizer reads.</summary>
    EventSource Source { get; }

    /// <summary>Reads the inbox dedupe key from a payload without interpreting the rest. Returns null when the payload carries no usable id.</summary>
    InboxKey? ReadKey(string payload);

    /// <summary>Normalizes one record.</summary>
    NormalizationResult Normalize(RawRecord record);
}
