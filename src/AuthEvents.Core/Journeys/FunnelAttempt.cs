using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// One attempt of one person at one funnel, as built by <see cref="FunnelAttemptBuilder"/> and stored: when each
/// step was first reached, which path was taken, and what the attempt had failed on.
/// </summary>
public sealed record FunnelAttempt
{
    /// <summary>When the attempt started: the time its first step was reached (UTC ticks).</summary>
    public required long StartTicks { get; init; }

    /// <summary>
    /// When each main step was first reached (UTC ticks), 0 when not reached. After a branch was taken, the main
    /// steps after it stay 0: a completion through the branch is <see cref="CompletedTicks"/>.
    /// </summary>
    public required IReadOnlyList<long> StepTicks { get; init; }

    /// <summary>Index of the branch taken in <see cref="FunnelDefinition.Branches"/>, or -1 on the main path.</summary>
    public int Branch { get; init; } = -1;

    /// <summary>When each step of the branch taken was reached, 0 when not reached; empty on the main path.</summary>
    public IReadOnlyList<long> BranchTicks { get; init; } = [];

    /// <summary>Bit per main step: reached only by implication (see <see cref="FunnelStep.ImpliedByLaterSteps"/>).</summary>
    public int ImpliedMask { get; init; }

    /// <summary>
    /// Bit per main step: the time from the previous step to this one is not measured, because one of the two was
    /// implied or both were reached by the same event. Such pairs are left out of times and fast-conversion flags.
    /// </summary>
    public int UnmeasuredMask { get; init; }

    /// <summary>When the last step was reached, by any path; 0 when it was not.</summary>
    public long CompletedTicks { get; init; }

    /// <summary>After this instant the attempt can no longer progress (UTC ticks); equal to <see cref="CompletedTicks"/> once completed.</summary>
    public required long DeadlineTicks { get; init; }

    /// <summary>The attempt's last event (UTC ticks).</summary>
    public required long LastEventTicks { get; init; }

    /// <summary>The provider of the attempt's first event.</summary>
    public required EventSource Source { get; init; }

    /// <summary>The first country seen in the attempt.</summary>
    public string? Country { get; init; }

    /// <summary>The first authenticator seen in the attempt.</summary>
    public string? Authenticator { get; init; }

    /// <summary>The first rate limit hit in the attempt.</summary>
    public string? RateLimitType { get; init; }

    /// <summary>Failures and rate limits in the attempt.</summary>
    public int Failures { get; init; }

    /// <summary>The attempt's latest failure, or null.</summary>
    public JourneyFailure? LastFailure { get; init; }

    /// <summary>True when the last step was reached.</summary>
    public bool Completed => CompletedTicks != 0;

    /// <summary>Main steps reached on the main path (explicitly or implied), counting from the first.</summary>
    public int MainReached
    {
        get
        {
            var count = 0;
            while (count < StepTicks.Count && StepTicks[count] != 0)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Steps of the taken branch reached.</summary>
    public int BranchReached
    {
        get
        {
            var count = 0;
            while (count < BranchTicks.Count && BranchTicks[count] != 0)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>True when the time from main step <paramref name="step"/> - 1 to <paramref name="step"/> is measured.</summary>
    public bool IsMeasured(int step) => (UnmeasuredMask & (1 << step)) == 0;

    /// <summary>True when main step <paramref name="step"/> was reached only by implication.</summary>
    public bool IsImplied(int step) => (ImpliedMask & (1 << step)) != 0;
}
