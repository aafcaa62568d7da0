namespace AuthEvents.Ingest.Sources.LoginGov;

/// <summary>Login.gov Attempts API (section <c>Sources:LoginGov</c>).</summary>
public sealed class LoginGovSourceOptions
{
    public const string SectionName = "Sources:LoginGov";

    public bool Enabled { get; set; }

    /// <summary>Login.gov host; the poll endpoint is <c>{BaseUrl}/api/attempts/poll</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://secure.login.gov");

    /// <summary>Your service provider's issuer string: the bearer header's first part, and the SETs' expected <c>aud</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The shared secret Login.gov gave you (from the environment or user secrets, never a committed file).</summary>
    public string? Token { get; set; }

    /// <summary>PEM file(s) with the RSA private key(s) SETs are encrypted to, separated by <c>;</c>. Several keys allow rotation; each SET names its key by <c>kid</c>.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Optional JWKS with the ES256 key that signs SETs (Login.gov's <c>/api/attempts-certs</c>). When set, signed SETs are verified and unsigned ones still accepted.</summary>
    public Uri? SigningKeysUrl { get; set; }

    /// <summary>
    /// How often the signing JWKS is fetched again (Login.gov caches it for a week). A signed SET that does not verify with
    /// the loaded keys also triggers a fetch, at most every 30 s, so a key rotation is picked up at once.
    /// </summary>
    public TimeSpan SigningKeysRefreshInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often to poll when the last batch was not full. Keep it well under Login.gov's one-hour retention.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one poll request may take before it counts as a timeout and is retried with backoff.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events per poll, 1 to 1000.</summary>
    public int MaxEvents { get; set; } = 1000;
}
