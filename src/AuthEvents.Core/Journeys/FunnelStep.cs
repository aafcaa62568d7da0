namespace AuthEvents.Core.Journeys;

/// <summary>One step of a <see cref="FunnelDefinition"/> or of one of its <see cref="FunnelBranch"/>es.</summary>
/// <param name="Id">Stable identifier, used in URLs.</param>
/// <param name="Label">Short name shown in the step table.</param>
/// <param name="Description">What reaching the step means, for the catalog page.</param>
/// <param name="Signals">The events that reach or attempt the step.</param>
/// <param name="Window">
/// Longest time from the previous reached step to this one; null when only the funnel's conversion window applies.
/// For the first step of a branch it is measured from the main step the person branched off.
/// </param>
/// <param name="ImpliedByLaterSteps">
/// True when an event of a later step shows that this step was passed even though no event of its own was
/// seen: 1Password reports a whole sign-in as one event, FusionAuth signs in people without MFA, and only some
/// identity proofers enter an address by hand. Such a step counts as reached at the time of that later event
/// (marked implied), and its time to the next step is not measured.
/// </param>
/// <param name="MinHumanTime">
/// Reaching this step sooner than this after the previous one is flagged as suspiciously fast (bot-like); null
/// where the step is machine-paced (a vendor check, a remembered device) and speed says nothing.
/// </param>
public sealed record FunnelStep(
    string Id,
    string Label,
    string Description,
    IReadOnlyList<StepSignal> Signals,
    TimeSpan? Window = null,
    bool ImpliedByLaterSteps = false,
    TimeSpan? MinHumanTime = null)
{
    /// <summary>How an event concerns this step: not at all, as an attempt, or reaching it.</summary>
    public StepMatch Match(string milestone, string eventType, Events.Outcome outcome)
    {
        var match = StepMatch.None;
        foreach (var signal in Signals)
        {
            if (!signal.Matches(milestone, eventType))
            {
                continue;
            }

            if (signal.IsReachedBy(outcome))
            {
                return StepMatch.Reached;
            }

            match = StepMatch.Attempted;
        }

        return match;
    }
}
