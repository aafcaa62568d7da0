namespace AuthEvents.Store.Alerts;

/// <summary>What one evaluation run did.</summary>
/// <param name="Read">Events read after the live rules' cursors.</param>
/// <param name="More">True when a full page was read: more events are waiting.</param>
/// <param name="Changed">Alerts opened or changed, by id.</param>
/// <param name="Opened">Alerts opened.</param>
/// <param name="Cursor">The newest event id evaluated (the live rules' cursor after the run); 0 when no rule is live.</param>
public sealed record AlertRunResult(int Read, bool More, IReadOnlyCollection<long> Changed, int Opened, long Cursor)
{
    /// <summary>A run that found no live rule or no new event.</summary>
    public static AlertRunResult Idle(long cursor) => new(0, false, [], 0, cursor);
}
