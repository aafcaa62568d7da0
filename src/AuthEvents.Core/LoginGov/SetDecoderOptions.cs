using System.Security.Cryptography;

namespace AuthEvents.Core.LoginGov;

/// <summary>What <see cref="SetDecoder"/> accepts: the claims a SET must carry and the signature policy.</summary>
/// <remarks>
/// Signature policy. A JWE is encrypted to the service provider's <em>public</em> key, so anyone holding that key can
/// produce one; only Login.gov's inner ES256 signature proves the origin.
/// <list type="bullet">
/// <item>A signed SET is always verified. Without any <see cref="SigningKeys"/> it is refused, never accepted unverified.</item>
/// <item>An unsigned SET is accepted unless <see cref="RequireSignature"/> is set. Login.gov signs only when
/// <c>attempts_api_signing_enabled</c> is on (off by default); once it is on, set <see cref="RequireSignature"/> so that
/// an unsigned SET cannot stand in for a signed one.</item>
/// </list>
/// </remarks>
public sealed class SetDecoderOptions
{
    /// <summary>The production issuer, Rails <c>root_url</c> of <c>https://secure.login.gov</c>.</summary>
    public const string ProductionIssuer = "https://secure.login.gov/";

    /// <summary>The sandbox issuer.</summary>
    public const string SandboxIssuer = "https://idp.int.identitysandbox.gov/";

    /// <summary>The default cap on ciphertext and inflated plaintext: 1 MiB, far above any real SET.</summary>
    public const int DefaultMaxPlaintextBytes = 1024 * 1024;

    /// <summary>Refuse SETs that are not ES256-signed. Default false, matching Login.gov's default.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>Login.gov's ES256 public keys (see <see cref="LoginGovSigningKeys"/>); owned by the caller. Default none.</summary>
    public IReadOnlyList<ECDsa> SigningKeys { get; init; } = [];

    /// <summary>This service provider's issuer string, which every SET's <c>aud</c> must name. Required.</summary>
    public string ExpectedAudience { get; init; } = "";

    /// <summary>
    /// The Login.gov issuer every SET's <c>iss</c> must equal, compared after dropping a trailing slash (the code sends
    /// one, the OpenAPI examples do not). Default <see cref="ProductionIssuer"/>.
    /// </summary>
    public string ExpectedIssuer { get; init; } = ProductionIssuer;

    /// <summary>Cap on the ciphertext and on the inflated plaintext, in bytes; stops decompression bombs. Default 1 MiB.</summary>
    public int MaxPlaintextBytes { get; init; } = DefaultMaxPlaintextBytes;
}
