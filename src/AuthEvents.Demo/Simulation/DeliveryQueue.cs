using System.Text.Json.Nodes;
using AuthEvents.Core.Events;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Scheduled deliveries ordered by occurred time (ties by scheduling order). Payloads are rendered when they are
/// scheduled, so a journey's later steps are fixed when it starts and simply wait here for their time.
/// </summary>
internal sealed class DeliveryQueue(PayloadDefects defects)
{
    private readonly PriorityQueue<SimulatedDelivery, (long Ticks, long Sequence)> _pending = new();
    private long _sequence;

    /// <summary>How many deliveries were ever scheduled; scenario groups use it to learn their journey sizes.</summary>
    public long Scheduled => _sequence;

    public void Add(EventSource source, DateTimeOffset occurredAt, JsonObject payload)
    {
        var (json, malformed) = defects.Render(source, payload);
        _pending.Enqueue(new SimulatedDelivery(source, json, occurredAt, malformed), (occurredAt.UtcTicks, _sequence++));
    }

    public void DrainThrough(DateTimeOffset now, List<SimulatedDelivery> output)
    {
        while (_pending.TryPeek(out var delivery, out _) && delivery.OccurredAt <= now)
        {
            output.Add(_pending.Dequeue());
        }
    }
}
