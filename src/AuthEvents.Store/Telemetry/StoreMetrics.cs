using System.Diagnostics.Metrics;
using AuthEvents.Core.Events;

namespace AuthEvents.Store.Telemetry;

/// <summary>What the store measures: records received, events stored and quarantined per source, and the wait for a write turn.</summary>
public sealed class StoreMetrics
{
    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _quarantined;
    private readonly Histogram<double> _gateWait;

    public StoreMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(AuthEventsTelemetry.Name);
        _received = meter.CreateCounter<long>("authevents.events.received", "{record}", "Records accepted into the inbox, per source (redeliveries not counted).");
        _stored = meter.CreateCounter<long>("authevents.events.stored", "{event}", "Events stored, per source (duplicates not counted).");
        _quarantined = meter.CreateCounter<long>("authevents.events.quarantined", "{record}", "Records refused by a decoder or normalizer and kept in the quarantine, per source.");
        _gateWait = meter.CreateHistogram<double>("authevents.store.write_gate.wait", "s", "Time a writer waited for its turn at the store's write gate, per priority.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public void Received(EventSource source, long count)
    {
        if (count > 0)
        {
            _received.Add(count, SourceTag(source));
        }
    }

    public void Stored(EventSource source, long count)
    {
        if (count > 0)
        {
            _stored.Add(count, SourceTag(source));
        }
    }

    public void Quarantined(EventSource source, long count)
    {
        if (count > 0)
        {
            _quarantined.Add(count, SourceTag(source));
        }
    }

    public void WaitedForGate(WritePriority priority, TimeSpan wait) =>
        _gateWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("priority", priority == WritePriority.Prompt ? "prompt" : "bulk"));

    /// <summary>The <c>source</c> tag every per-source instrument carries.</summary>
    public static KeyValuePair<string, object?> SourceTag(EventSource source) => new("source", source.ToString());
}
