namespace AuthEvents.Ingest.Sources.FusionAuth;

/// <summary>
/// FusionAuth webhooks (section <c>Sources:FusionAuth</c>), received at <c>POST /webhooks/fusionauth</c>. At least one
/// check must be configured: a signing key (<see cref="SigningSecret"/>, <see cref="JwksUrl"/> or <see cref="PublicKeyPath"/>),
/// Basic authentication, or a required header. Every configured check must pass.
/// </summary>
public sealed class FusionAuthSourceOptions
{
    public const string SectionName = "Sources:FusionAuth";

    public bool Enabled { get; set; }

    /// <summary>HMAC secret(s) of the webhook's signing key (HS256/384/512), separated by <c>;</c> during a rotation.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>FusionAuth's JWKS (<c>https://host/.well-known/jwks.json</c>) for RSA or EC signing keys.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>PEM file with the RSA or EC public key of the signing key.</summary>
    public string? PublicKeyPath { get; set; }

    public string? BasicAuthUser { get; set; }

    public string? BasicAuthPassword { get; set; }

    /// <summary>A static header the webhook sends, as <c>Name: value</c> (for example <c>Authorization: &lt;api key&gt;</c>).</summary>
    public string? RequiredHeader { get; set; }

    /// <summary>Events whose <c>createInstant</c> is further than this from now are rejected (the signature carries no time).</summary>
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromHours(1);
}
