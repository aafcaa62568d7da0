namespace AuthEvents.Core.Alerts;

/// <summary>One key's counts in one hour, from the hourly rollups.</summary>
/// <param name="Hour">The hour's start, UTC.</param>
/// <param name="Elapsed">How much of the hour has passed, 0 to 1 (1 for a past hour).</param>
/// <param name="Count">The events the rule counts (failures).</param>
/// <param name="Attempts">The attempts they are part of (for rates); equal to <paramref name="Count"/> where no rate is taken.</param>
/// <param name="HasData">True when the store holds any event of that hour (a week without data is no baseline).</param>
public sealed record HourFigures(DateTimeOffset Hour, double Elapsed, long Count, long Attempts, bool HasData = true);
