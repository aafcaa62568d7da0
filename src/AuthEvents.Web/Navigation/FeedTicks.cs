using AuthEvents.Ingest.Feed;

namespace AuthEvents.Web.Navigation;

/// <summary>
/// The feed as the pages hear it: one <see cref="EventFeed"/> subscription per pace, shared by every page that follows
/// the feed at that pace. They all hear the same <see cref="FeedTick"/> at the same moment, so pages that show the same
/// view read it once per tick through <see cref="SharedReads"/>; with a subscription of their own they ticked out of step.
/// </summary>
public sealed partial class FeedTicks(EventFeed feed, TimeProvider time, ILogger<FeedTicks> logger)
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<TimeSpan, Pace> _paces = [];
    private long _lastTick;

    /// <summary>Calls <paramref name="callback"/> on every tick of <paramref name="pace"/>; dispose the result to stop.</summary>
    public IDisposable Subscribe(TimeSpan pace, Func<FeedTick, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_lock)
        {
            if (!_paces.TryGetValue(pace, out var shared))
            {
                shared = _paces[pace] = new Pace(this, pace);
                shared.Subscription = feed.Subscribe(shared.FireAsync, pace);
            }

            var listener = new Listener(this, shared, callback);
            shared.Listeners.Add(listener);
            return listener;
        }
    }

    private void Leave(Listener listener)
    {
        IDisposable? idle = null;
        lock (_lock)
        {
            var pace = listener.Pace;
            if (pace.Listeners.Remove(listener) && pace.Listeners.Count == 0 && _paces.Remove(pace.Every))
            {
                idle = pace.Subscription;
            }
        }

        idle?.Dispose();
    }

    private sealed class Pace(FeedTicks owner, TimeSpan every)
    {
        public TimeSpan Every { get; } = every;

        public List<Listener> Listeners { get; } = [];

        public IDisposable? Subscription { get; set; }

        public async Task FireAsync(FeedUpdate update, CancellationToken cancellationToken)
        {
            Listener[] listeners;
            lock (owner._lock)
            {
                listeners = [.. Listeners];
            }

            var tick = new FeedTick(Interlocked.Increment(ref owner._lastTick), Every, owner._time.GetUtcNow(), update);
            await Task.WhenAll(listeners.Select(l => l.HearAsync(tick, owner._logger))).ConfigureAwait(false);
        }
    }

    private sealed class Listener(FeedTicks owner, Pace pace, Func<FeedTick, Task> callback) : IDisposable
    {
        public Pace Pace { get; } = pace;

        public async Task HearAsync(FeedTick tick, ILogger logger)
        {
            try
            {
                await callback(tick).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One page's failure (a closed circuit) must not reach the others or the pipeline.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    LogListenerFailed(logger, ex.GetType().Name);
                }
            }
        }

        public void Dispose() => owner.Leave(this);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A page's feed callback failed: {ExceptionType}")]
    private static partial void LogListenerFailed(ILogger logger, string exceptionType);
}
