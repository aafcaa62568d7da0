namespace AuthEvents.Core.Journeys;

/// <summary>Which outcomes of a matching event reach a funnel step. An event that matches but does not reach is an attempt at the step.</summary>
public enum StepReach
{
    /// <summary>Only <see cref="Events.Outcome.Success"/> reaches the step (an MFA code accepted, a document verified).</summary>
    Success = 1,

    /// <summary>Success or <see cref="Events.Outcome.Info"/> reaches it: the step is informational (a letter requested, a link followed).</summary>
    SuccessOrInfo = 2,

    /// <summary>Any outcome reaches it, failures included: entry steps that count attempts ("sign-in started").</summary>
    AnyOutcome = 3,

    /// <summary>Never reaches it: the event is an attempt at the step (a code sent), so it implies the steps before and records failures.</summary>
    Never = 4,
}
