using AuthEvents.Core.Events;

namespace AuthEvents.Ingest.Pipeline;

/// <summary>
/// Turns an inbox payload kept in a transport format (a Login.gov JWE) into the JSON document its normalizer reads.
/// Decoding happens at processing time, not on receipt, so a record that could not be decoded stays in the inbox
/// as delivered and can be replayed after a key or configuration fix.
/// </summary>
public interface IPayloadDecoder
{
    /// <summary>The inbox payload format this decoder reads (see <c>PayloadFormats</c>).</summary>
    string Format { get; }

    /// <summary>Decodes one payload; on failure returns false with a reason that holds no key material or payload.</summary>
    bool TryDecode(EventSource source, string providerEventId, string payload, out string json, out string reason);
}
