namespace AuthEvents.Core.LoginGov;

/// <summary>
/// The outcome of <see cref="SetDecoder.Decode"/>: the verified SET JSON, or an error and a reason. Reasons name the
/// problem; they never contain key material or decrypted values.
/// </summary>
public sealed class SetDecodeResult
{
    private SetDecodeResult(SetDecodeError error, string? reason, string? setJson, bool isSigned, string? keyId)
    {
        Error = error;
        FailureReason = reason;
        SetJson = setJson;
        IsSigned = isSigned;
        KeyId = keyId;
    }

    /// <summary>True when <see cref="SetJson"/> holds a decrypted SET whose <c>jti</c>, <c>aud</c> and <c>iss</c> checked out.</summary>
    public bool IsSuccess => Error == SetDecodeError.None;

    /// <summary>What went wrong; <see cref="SetDecodeError.None"/> on success.</summary>
    public SetDecodeError Error { get; }

    /// <summary>A readable reason on failure; null on success.</summary>
    public string? FailureReason { get; }

    /// <summary>
    /// The SET JSON exactly as decrypted (or as the signed JWS payload), the input of
    /// <see cref="LoginGovNormalizer"/>. Holds personal data; null on failure.
    /// </summary>
    public string? SetJson { get; }

    /// <summary>True when the SET arrived as an ES256 JWS and its signature verified.</summary>
    public bool IsSigned { get; }

    /// <summary>The <c>kid</c> of the private key that decrypted the JWE, for rotation metrics; null on failure.</summary>
    public string? KeyId { get; }

    /// <summary>A decoded SET.</summary>
    public static SetDecodeResult Success(string setJson, bool isSigned, string keyId)
    {
        ArgumentNullException.ThrowIfNull(setJson);
        ArgumentNullException.ThrowIfNull(keyId);
        return new(SetDecodeError.None, null, setJson, isSigned, keyId);
    }

    /// <summary>A refused JWE. <paramref name="reason"/> must not contain key material or decrypted values.</summary>
    public static SetDecodeResult Failure(SetDecodeError error, string reason)
    {
        if (error == SetDecodeError.None)
        {
            throw new ArgumentException("A failure needs an error other than None.", nameof(error));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(error, reason, null, false, null);
    }

    /// <summary>The outcome without the SET itself, so that logging a result never logs personal data.</summary>
    public override string ToString() => IsSuccess
        ? "decoded (" + (IsSigned ? "signed" : "unsigned") + ", kid " + KeyId + ")"
        : Error + ": " + FailureReason;
}
