using AuthEvents.Core.Events;

namespace AuthEvents.Alerts;

/// <summary>
/// The sources that deliver on this deployment (configured, or simulated by the demo), each with whether it is simulated:
/// only they can be silent, and a simulated one's alert is demo data.
/// </summary>
/// <param name="current">Reads them (the host's source settings and demo mode).</param>
public sealed class AlertSources(Func<IReadOnlyDictionary<EventSource, bool>> current)
{
    /// <summary>The delivering sources now, with whether each is simulated.</summary>
    public IReadOnlyDictionary<EventSource, bool> Current => current();
}
