namespace AuthEvents.Store.Alerts;

/// <summary>What one scheduled minute did.</summary>
/// <param name="Minute">The minute (UTC) it ran for.</param>
/// <param name="Claimed">False when another node had already done this minute.</param>
/// <param name="Changed">Alerts opened, changed or resolved.</param>
/// <param name="Opened">Alerts opened.</param>
/// <param name="Resolved">Alerts resolved by their rule (a silent source delivering again).</param>
/// <param name="CountersPruned">Counter rows past their window deleted.</param>
public sealed record AlertScheduleResult(DateTimeOffset Minute, bool Claimed, IReadOnlyCollection<long> Changed, int Opened, int Resolved, int CountersPruned);
