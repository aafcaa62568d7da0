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

    /// <summary>
    /// Decodes one payload. A failure carries a reason that holds no key material or payload. Asynchronous because a
    /// decoder may fetch keys it does not have yet (a rotated signing key) before it gives up.
    /// </summary>
    ValueTask<PayloadDecodeResult> DecodeAsync(EventSource source, string providerEventId, string payload, CancellationToken cancellationToken);
}
