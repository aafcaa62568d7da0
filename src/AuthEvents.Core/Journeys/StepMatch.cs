namespace AuthEvents.Core.Journeys;

/// <summary>How one event concerns one funnel step.</summary>
public enum StepMatch
{
    /// <summary>The event has nothing to do with the step.</summary>
    None = 0,

    /// <summary>The event is an attempt at the step (a failure, or a code sent) without reaching it.</summary>
    Attempted = 1,

    /// <summary>The event reaches the step.</summary>
    Reached = 2,
}
