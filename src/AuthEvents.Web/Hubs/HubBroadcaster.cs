using AuthEvents.Ingest.Feed;

namespace AuthEvents.Web.Hubs;

/// <summary>
/// The loop both hub broadcasters share: follow the throttled feed, read what came after a bookmark in batches, move the
/// bookmark, and hand each batch to the connections (a burst becomes a few reads, and nothing is sent twice). One pass at
/// a time; a failed pass is logged (its type only) and the next announcement reads from the same bookmark.
/// </summary>
/// <typeparam name="TRow">What is read and sent (a stored event, a changed alert).</typeparam>
public abstract partial class HubBroadcaster<TRow>(EventFeed feed, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _following = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bookmark;

    /// <summary>Completes once the broadcaster follows the feed: what arrives after that is sent.</summary>
    public Task Following => _following.Task;

    /// <summary>Raised after each batch has been handed to the matching connections, with the new bookmark.</summary>
    public event Action<long>? Sent;

    /// <summary>Rows read per batch.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>How often at most the feed wakes the broadcaster.</summary>
    protected abstract TimeSpan Throttle { get; }

    /// <summary>What the rows are, for the log.</summary>
    protected abstract string What { get; }

    /// <summary>True when an announcement may bring rows (new events; alert changes).</summary>
    protected abstract bool Concerns(FeedUpdate update);

    /// <summary>The bookmark to start from: what is already stored is not sent.</summary>
    protected abstract Task<long> LatestAsync(CancellationToken cancellationToken);

    /// <summary>Rows after <paramref name="bookmark"/>, in bookmark order.</summary>
    protected abstract Task<IReadOnlyList<TRow>> ReadAfterAsync(long bookmark, int take, CancellationToken cancellationToken);

    /// <summary>The bookmark a row moves it to.</summary>
    protected abstract long BookmarkOf(TRow row);

    /// <summary>True when some connection subscribed (reading still moves the bookmark when none has).</summary>
    protected abstract bool HasSubscribers { get; }

    /// <summary>Sends a batch to each matching connection.</summary>
    protected abstract Task SendAsync(IReadOnlyList<TRow> batch, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _bookmark = await LatestAsync(stoppingToken);
        using var subscription = feed.Subscribe((update, token) => Concerns(update) ? SendAfterBookmarkAsync(token) : Task.CompletedTask, Throttle);
        // Whatever was announced between reading the bookmark and subscribing is read now rather than with the next one.
        await SendAfterBookmarkAsync(stoppingToken);
        _following.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task SendAfterBookmarkAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await ReadAfterAsync(_bookmark, BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                _bookmark = BookmarkOf(batch[^1]);
                if (HasSubscribers)
                {
                    await SendAsync(batch, cancellationToken);
                }

                Sent?.Invoke(_bookmark);
                if (batch.Count < BatchSize)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, What, ex.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {What} to hub clients failed: {ExceptionType}")]
    private static partial void LogSendFailed(ILogger logger, string what, string exceptionType);
}
