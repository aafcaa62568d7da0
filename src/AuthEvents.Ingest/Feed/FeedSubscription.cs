using AuthEvents.Core.Events;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Ingest.Feed;

/// <summary>One subscriber's accumulator and timer: collects counts, fires at most once per throttle window.</summary>
internal sealed partial class FeedSubscription : IDisposable
{
    private readonly EventFeed _feed;
    private readonly Func<FeedUpdate, CancellationToken, Task> _callback;
    private readonly TimeSpan _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<EventSource, int> _bySource = [];
    private int _newEvents;
    private int _quarantined;
    private int _alertChanges;
    private DateTimeOffset? _newest;
    private ITimer? _timer;
    private bool _scheduled;
    private long _lastFiredTimestamp;

    public FeedSubscription(EventFeed feed, Func<FeedUpdate, CancellationToken, Task> callback, TimeSpan throttle, TimeProvider time, ILogger logger)
    {
        _feed = feed;
        _callback = callback;
        _throttle = throttle;
        _time = time;
        _logger = logger;
        _lastFiredTimestamp = time.GetTimestamp() - (long)(throttle.TotalSeconds * time.TimestampFrequency);
    }

    public void Add(FeedUpdate update)
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _newEvents += update.NewEvents;
            _quarantined += update.Quarantined;
            _alertChanges += update.AlertChanges;
            foreach (var (source, count) in update.BySource)
            {
                _bySource[source] = _bySource.GetValueOrDefault(source) + count;
            }

            if (update.NewestOccurredAt is { } newest && (_newest is null || newest > _newest))
            {
                _newest = newest;
            }

            if (_scheduled)
            {
                return;
            }

            // The flag, not the timer field, says a callback is pending: a timer due now may fire before
            // CreateTimer has even returned.
            _scheduled = true;
            var since = _time.GetElapsedTime(_lastFiredTimestamp);
            var due = since >= _throttle ? TimeSpan.Zero : _throttle - since;
            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => _ = FireAsync(), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FireAsync()
    {
        FeedUpdate update;
        CancellationToken token;
        lock (_lock)
        {
            _scheduled = false;
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            update = new FeedUpdate(_newEvents, _quarantined, new Dictionary<EventSource, int>(_bySource), _newest) { AlertChanges = _alertChanges };
            _newEvents = 0;
            _alertChanges = 0;
            _quarantined = 0;
            _bySource.Clear();
            _newest = null;
            _lastFiredTimestamp = _time.GetTimestamp();
            token = _disposed.Token;
        }

        try
        {
            await _callback(update, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A subscriber's failure (e.g. a closed circuit) must not reach the pipeline.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogSubscriberFailed(_logger, ex.GetType().Name);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _timer?.Dispose();
            _timer = null;
        }

        // The token source is cancelled, not disposed: a callback already running may still hold its token.
        _feed.Remove(this);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed subscriber callback failed: {ExceptionType}")]
    private static partial void LogSubscriberFailed(ILogger logger, string exceptionType);
}
