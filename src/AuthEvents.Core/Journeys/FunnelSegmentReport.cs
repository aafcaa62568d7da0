namespace AuthEvents.Core.Journeys;

/// <summary>One value of a breakdown: its people and how far they got.</summary>
/// <param name="Value">The breakdown value (a source name, a country code, an authenticator, a rate-limit type).</param>
/// <param name="Entered">People with this value.</param>
/// <param name="Reached">People who reached each main step (the last entry counts completions by any path).</param>
/// <param name="Completed">People who completed.</param>
public sealed record FunnelSegmentReport(string Value, int Entered, IReadOnlyList<int> Reached, int Completed)
{
    /// <summary>Completed over entered, or null when nobody entered.</summary>
    public double? CompletionRate => Entered == 0 ? null : Completed / (double)Entered;
}
