namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>1Password Events API, sign-in attempts (section <c>Sources:OnePassword</c>).</summary>
public sealed class OnePasswordSourceOptions
{
    public const string SectionName = "Sources:OnePassword";

    public bool Enabled { get; set; }

    /// <summary>Events API host. Default: the host in the token's <c>aud</c> claim, else <c>https://events.1password.com</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The Events Reporting bearer token (a JWT; from the environment or user secrets).</summary>
    public string? Token { get; set; }

    /// <summary>Where the first run starts (at most 120 days back). Default: one hour before the first run.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>How often to poll when the last page had no more.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take before it counts as a timeout and is retried with backoff.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
