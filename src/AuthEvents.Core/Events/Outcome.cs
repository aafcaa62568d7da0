namespace AuthEvents.Core.Events;

/// <summary>What an attempt came to.</summary>
public enum Outcome
{
    /// <summary>The step succeeded.</summary>
    Success = 1,

    /// <summary>The step failed (bad credentials, bad code, document rejected, blocked by policy).</summary>
    Failure = 2,

    /// <summary>A rate limiter stopped the attempt.</summary>
    RateLimited = 3,

    /// <summary>The event records a fact without a success or failure (a code sent, a logout, a timeout).</summary>
    Info = 4,
}
