using AuthEvents.Core.Events;
using AuthEvents.Core.LoginGov;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store.Entities;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>Decrypts (and, when signed, verifies) Login.gov SETs kept in the inbox as delivered JWEs.</summary>
public sealed class LoginGovPayloadDecoder : IPayloadDecoder
{
    private readonly Func<SetDecoder> _decoder;

    public LoginGovPayloadDecoder(SetDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = () => decoder;
    }

    /// <summary>With a decoder built on first use: the host loads Login.gov's signing keys at start, after this is constructed.</summary>
    public LoginGovPayloadDecoder(Func<SetDecoder> decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = decoder;
    }

    public string Format => PayloadFormats.Jwe;

    public bool TryDecode(EventSource source, string providerEventId, string payload, out string json, out string reason)
    {
        json = "";
        if (source != EventSource.LoginGov)
        {
            reason = $"JWE payloads are only expected from Login.gov, not {source}";
            return false;
        }

        var result = _decoder().Decode(providerEventId, payload);
        if (!result.IsSuccess)
        {
            reason = $"Login.gov SET not accepted ({result.Error}): {result.FailureReason}";
            return false;
        }

        json = result.SetJson!;
        reason = "";
        return true;
    }
}
