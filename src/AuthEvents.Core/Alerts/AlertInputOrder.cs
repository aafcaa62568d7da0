namespace AuthEvents.Core.Alerts;

/// <summary>Events in time order (ties by id), each once: the order every window is judged in, whatever the arrival order.</summary>
internal static class AlertInputOrder
{
    public static List<AlertInput> Sorted(IEnumerable<AlertInput> events) =>
        events.DistinctBy(e => e.EventId).OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId).ToList();

    public static IReadOnlyList<Events.EventSource> Sources(IEnumerable<AlertInput> events) =>
        events.Select(e => e.Source).Distinct().Order().ToList();
}
