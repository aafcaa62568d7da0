namespace AuthEvents.Store.Entities;

/// <summary>Formats of an inbox payload.</summary>
public static class PayloadFormats
{
    /// <summary>The provider's JSON document, ready for its normalizer.</summary>
    public const string Json = "json";

    /// <summary>A compact JWE (Login.gov SET) that must be decrypted before normalizing; kept as delivered so it can be replayed after a key fix.</summary>
    public const string Jwe = "jwe";
}
