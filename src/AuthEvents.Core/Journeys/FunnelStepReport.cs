namespace AuthEvents.Core.Journeys;

/// <summary>One main step of a <see cref="FunnelReport"/>. People are counted once, by their counted attempt.</summary>
/// <param name="Index">The step's position.</param>
/// <param name="Step">The step's definition.</param>
/// <param name="Entered">People who reached the step (for the last step: who completed, by any path).</param>
/// <param name="Converted">People who went on to the next main step (0 for the last step).</param>
/// <param name="Branched">People who left the main path here for a branch.</param>
/// <param name="InProgress">People still at this step whose next step can still be reached in time.</param>
/// <param name="Dropped">People who stopped here: entered, minus converted, branched and in progress.</param>
/// <param name="Implied">People whose reaching this step was implied by a later step rather than seen.</param>
/// <param name="MedianToNext">Median time from this step to the next, over the measured conversions.</param>
/// <param name="P90ToNext">90th percentile of the same (nearest rank).</param>
/// <param name="Measured">Conversions whose time was measured (see <see cref="FunnelAttempt.UnmeasuredMask"/>).</param>
/// <param name="Fast">People who reached this step sooner after the previous one than <see cref="FunnelStep.MinHumanTime"/>.</param>
/// <param name="CompletedViaBranches">For the last step: completions through a branch; 0 otherwise.</param>
public sealed record FunnelStepReport(
    int Index,
    FunnelStep Step,
    int Entered,
    int Converted,
    int Branched,
    int InProgress,
    int Dropped,
    int Implied,
    TimeSpan? MedianToNext,
    TimeSpan? P90ToNext,
    int Measured,
    int Fast,
    int CompletedViaBranches)
{
    /// <summary>Converted over entered, or null when nobody entered.</summary>
    public double? ConversionRate => Entered == 0 ? null : Converted / (double)Entered;
}
