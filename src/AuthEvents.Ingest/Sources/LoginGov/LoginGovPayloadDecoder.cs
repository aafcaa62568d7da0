using AuthEvents.Core.Events;
using AuthEvents.Core.LoginGov;
using AuthEvents.Ingest.Pipeline;
using AuthEvents.Store.Entities;

namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>
/// Decrypts (and, when signed, verifies) Login.gov SETs kept in the inbox as delivered JWEs. When a signed SET does not
/// verify with the loaded signing keys, it asks for a fresh copy of Login.gov's JWKS once (the refresh is rate-limited)
/// and tries again, so a key rotation does not quarantine the SETs signed with the new key.
/// </summary>
public sealed class LoginGovPayloadDecoder : IPayloadDecoder
{
    private readonly Func<SetDecoder> _decoder;
    private readonly Func<CancellationToken, Task<bool>>? _refreshSigningKeys;

    public LoginGovPayloadDecoder(SetDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = () => decoder;
    }

    /// <summary>
    /// With the host's current decoder (rebuilt when the signing keys change) and a callback that refetches the signing
    /// keys, returning true when they changed.
    /// </summary>
    public LoginGovPayloadDecoder(Func<SetDecoder> decoder, Func<CancellationToken, Task<bool>>? refreshSigningKeys = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = decoder;
        _refreshSigningKeys = refreshSigningKeys;
    }

    public string Format => PayloadFormats.Jwe;

    public async ValueTask<PayloadDecodeResult> DecodeAsync(EventSource source, string providerEventId, string payload, CancellationToken cancellationToken)
    {
        if (source != EventSource.LoginGov)
        {
            return PayloadDecodeResult.Failure($"JWE payloads are only expected from Login.gov, not {source}");
        }

        var result = _decoder().Decode(providerEventId, payload);
        if (!result.IsSuccess && result.Error is SetDecodeError.SignatureKeyMissing or SetDecodeError.SignatureInvalid
            && _refreshSigningKeys is not null && await _refreshSigningKeys(cancellationToken).ConfigureAwait(false))
        {
            result = _decoder().Decode(providerEventId, payload);
        }

        return result.IsSuccess
            ? PayloadDecodeResult.Success(result.SetJson!)
            : PayloadDecodeResult.Failure($"Login.gov SET not accepted ({result.Error}): {result.FailureReason}");
    }
}
