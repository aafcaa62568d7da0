namespace AuthEvents.Demo.LoginGov;

/// <summary>How <see cref="SetEncryptor"/> compresses the plaintext before encrypting it.</summary>
public enum SetCompression
{
    /// <summary>Raw DEFLATE (RFC 1951) with <c>zip:"DEF"</c>, what Login.gov's Ruby <c>jwe</c> gem sends.</summary>
    RawDeflate = 0,

    /// <summary>zlib-wrapped DEFLATE (RFC 1950) with <c>zip:"DEF"</c>; the gem's decoder tries this form first.</summary>
    Zlib = 1,

    /// <summary>No compression and no <c>zip</c> header member.</summary>
    None = 2,
}
