namespace AuthEvents.Ingest.Pipeline;

/// <summary>What an <see cref="IPayloadDecoder"/> made of a payload: the JSON document, or why there is none.</summary>
public readonly record struct PayloadDecodeResult(string? Json, string? FailureReason)
{
    public bool IsSuccess => Json is not null;

    public static PayloadDecodeResult Success(string json) => new(json, null);

    public static PayloadDecodeResult Failure(string reason) => new(null, reason);
}
