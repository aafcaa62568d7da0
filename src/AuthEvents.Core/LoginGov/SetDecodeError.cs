namespace AuthEvents.Core.LoginGov;

/// <summary>Why <see cref="SetDecoder"/> refused a JWE. Every refusal also carries a readable reason.</summary>
public enum SetDecodeError
{
    /// <summary>Decoded.</summary>
    None = 0,

    /// <summary>Not a 5-part compact JWE, a part is not base64url, the header is not a JSON object, or the IV or tag has the wrong length.</summary>
    MalformedJwe,

    /// <summary>The JWE <c>alg</c>, <c>enc</c> or <c>zip</c>, or the inner JWS <c>alg</c>, is not what Login.gov uses, or the header has <c>crit</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>No loaded private key matches the header <c>kid</c>, or there is no <c>kid</c> and several keys are loaded.</summary>
    UnknownKey,

    /// <summary>The content key did not unwrap, or AES-GCM authentication failed: wrong key, or the JWE was altered.</summary>
    DecryptionFailed,

    /// <summary><c>zip:"DEF"</c> but the payload is neither zlib nor raw DEFLATE.</summary>
    DecompressionFailed,

    /// <summary>The ciphertext or the inflated plaintext exceeds <see cref="SetDecoderOptions.MaxPlaintextBytes"/>.</summary>
    PayloadTooLarge,

    /// <summary>The plaintext is neither SET JSON nor a well-formed compact JWS.</summary>
    MalformedJws,

    /// <summary>The SET is not signed but <see cref="SetDecoderOptions.RequireSignature"/> is set.</summary>
    SignatureRequired,

    /// <summary>The SET is signed but no transmitter signing key is configured, so it cannot be verified.</summary>
    SignatureKeyMissing,

    /// <summary>The ES256 signature does not verify with any configured transmitter key.</summary>
    SignatureInvalid,

    /// <summary>The SET is not a JSON object, repeats a member, or lacks <c>jti</c>, <c>aud</c> or <c>iss</c>.</summary>
    MalformedSet,

    /// <summary>The SET's <c>jti</c> differs from the poll-map key it was delivered under.</summary>
    JtiMismatch,

    /// <summary>The SET's <c>aud</c> does not name this service provider.</summary>
    AudienceMismatch,

    /// <summary>The SET's <c>iss</c> is not the expected Login.gov host.</summary>
    IssuerMismatch,
}
