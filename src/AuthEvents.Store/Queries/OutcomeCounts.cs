using AuthEvents.Core.Events;

namespace AuthEvents.Store.Queries;

/// <summary>Events counted by outcome. An informational event (a code sent, a logout) is not an attempt.</summary>
public readonly record struct OutcomeCounts(long Success, long Failure, long RateLimited, long Info)
{
    public long Total => Success + Failure + RateLimited + Info;

    /// <summary>Success, failure and rate-limited events: everything but informational ones.</summary>
    public long Attempts => Success + Failure + RateLimited;

    /// <summary>Failures and rate-limited events.</summary>
    public long Failed => Failure + RateLimited;

    /// <summary>Successes of <see cref="Attempts"/>.</summary>
    public Ratio SuccessRate => new(Success, Attempts);

    /// <summary>Failures and rate limits of <see cref="Attempts"/>.</summary>
    public Ratio FailureRate => new(Failed, Attempts);

    public OutcomeCounts Add(Outcome outcome, long count) => outcome switch
    {
        Outcome.Success => this with { Success = Success + count },
        Outcome.Failure => this with { Failure = Failure + count },
        Outcome.RateLimited => this with { RateLimited = RateLimited + count },
        _ => this with { Info = Info + count },
    };
}
