namespace AuthEvents.Core.Journeys;

/// <summary>What a funnel can be broken down by. A person's value is taken from their counted attempt.</summary>
public enum FunnelBreakdown
{
    /// <summary>No breakdown.</summary>
    None = 0,

    /// <summary>The provider of the attempt's first event.</summary>
    Source = 1,

    /// <summary>The first country seen in the attempt (<c>unknown</c> where the provider reports none, as Login.gov and Entrust).</summary>
    Country = 2,

    /// <summary>The first authenticator seen in the attempt (<c>none</c> when none was reported).</summary>
    Authenticator = 3,

    /// <summary>The first rate limit the attempt hit (<c>not rate-limited</c> otherwise).</summary>
    RateLimit = 4,
}
