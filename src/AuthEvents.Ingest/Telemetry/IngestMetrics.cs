using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AuthEvents.Core.Events;
using AuthEvents.Store.Telemetry;

namespace AuthEvents.Ingest.Telemetry;

/// <summary>
/// What ingest measures: webhook duration and status, each poll's duration and outcome,
/// how far each importer is behind, the inbox backlog and the live subscribers.
/// </summary>
public sealed class IngestMetrics
{
    private readonly TimeProvider _time;
    private readonly Histogram<double> _webhookDuration;
    private readonly Histogram<double> _pollDuration;
    private readonly ConcurrentDictionary<EventSource, DateTimeOffset> _caughtUpAt = new();
    private long _inboxBacklog;
    private long _liveSubscribers;

    public IngestMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(AuthEventsTelemetry.Name);
        _webhookDuration = meter.CreateHistogram<double>("authevents.webhook.duration", "s", "Time from a webhook's arrival to its answer, per source and status code.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _pollDuration = meter.CreateHistogram<double>("authevents.importer.poll.duration", "s", "Time one poll took, retries included, per source and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        meter.CreateObservableGauge("authevents.importer.lag", ObserveLag, "s",
            "Seconds since the importer last caught up with its provider (a poll that left nothing waiting), per pull source.");
        meter.CreateObservableGauge("authevents.inbox.backlog", () => Interlocked.Read(ref _inboxBacklog), "{record}",
            "Records received and not yet normalized and stored.");
        meter.CreateObservableUpDownCounter("authevents.live.subscribers", () => Interlocked.Read(ref _liveSubscribers), "{subscriber}",
            "Live-feed subscriptions: open dashboard pages and hub consumers.");
    }

    public void Webhook(EventSource source, int statusCode, TimeSpan duration) =>
        _webhookDuration.Record(duration.TotalSeconds, StoreMetrics.SourceTag(source), new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    /// <summary>One poll: its duration and outcome; a poll that left nothing waiting marks the importer caught up.</summary>
    public void RecordPoll(EventSource source, bool succeeded, TimeSpan duration, bool caughtUp, DateTimeOffset at)
    {
        _pollDuration.Record(duration.TotalSeconds, StoreMetrics.SourceTag(source), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
        if (caughtUp)
        {
            _caughtUpAt[source] = at;
        }
        else
        {
            // A source polled for the first time has a lag from now on, even before it first catches up.
            _caughtUpAt.TryAdd(source, at);
        }
    }

    public void InboxBacklog(long records) => Interlocked.Exchange(ref _inboxBacklog, records);

    public void LiveSubscribed() => Interlocked.Increment(ref _liveSubscribers);

    public void LiveUnsubscribed() => Interlocked.Decrement(ref _liveSubscribers);

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = _time.GetUtcNow();
        return _caughtUpAt.Select(p => new Measurement<double>(Math.Max(0, (now - p.Value).TotalSeconds), StoreMetrics.SourceTag(p.Key)));
    }
}
