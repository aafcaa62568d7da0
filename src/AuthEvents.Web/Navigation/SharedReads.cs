namespace AuthEvents.Web.Navigation;

/// <summary>
/// Reads that pages following the feed share: within one <see cref="FeedTick"/>, every request for the same read (its
/// kind and key) awaits one store query (single flight), and the result is kept for that tick only: a newer tick of the
/// same pace drops the older tick's results. Results are shared objects: callers only read them. A caller that stops
/// waiting (its page went, or a newer load superseded it) does not cancel the read for the others; the read is
/// cancelled when nobody waits for it any more. Without a tick (a load the analyst asked for) nothing is shared.
/// </summary>
public sealed class SharedReads
{
    /// <summary>The most reads kept at once; past it a request reads on its own (bounded memory, whatever the views).</summary>
    public const int MaxEntries = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<(long Tick, string Key), Entry> _entries = [];
    private readonly Dictionary<TimeSpan, long> _newestTick = [];

    /// <summary>Reads kept now (for tests and telemetry).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The result of <paramref name="read"/> for <paramref name="key"/> at <paramref name="tick"/>: started by the first
    /// caller of the tick, awaited by the others. <paramref name="read"/> gets a token cancelled only when no caller waits.
    /// </summary>
    /// <param name="tick">The tick the caller follows; null reads on its own.</param>
    /// <param name="key">What is read: the same key must mean the same query (kind and resolved arguments).</param>
    /// <param name="read">The store read.</param>
    /// <param name="cancellationToken">The caller's token: it stops this caller's wait, not the shared read.</param>
    public async Task<T> GetAsync<T>(FeedTick? tick, string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(read);
        if (tick is null)
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }

        var id = (tick.Number, typeof(T).FullName + "|" + key);
        Entry? entry;
        var start = false;
        lock (_lock)
        {
            Retire(tick);
            if (!_entries.TryGetValue(id, out entry))
            {
                if (_entries.Count >= MaxEntries)
                {
                    entry = null;
                }
                else
                {
                    entry = _entries[id] = new Entry(tick.Pace);
                    start = true;
                }
            }

            if (entry is not null)
            {
                entry.Waiters++;
            }
        }

        if (entry is null)
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }

        if (start)
        {
            _ = entry.RunAsync(id, this, read);
        }

        try
        {
            return (T)(await entry.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            lock (_lock)
            {
                if (--entry.Waiters == 0 && !entry.Result.Task.IsCompleted)
                {
                    // Nobody waits for it: stop the query, and let the next caller of this tick read afresh.
                    entry.Cancel.Cancel();
                    Remove(id, entry);
                }
            }
        }
    }

    // A newer tick of a pace drops the results of its older ticks (a caller still on an older tick reads afresh).
    private void Retire(FeedTick tick)
    {
        if (_newestTick.TryGetValue(tick.Pace, out var newest) && newest >= tick.Number)
        {
            return;
        }

        _newestTick[tick.Pace] = tick.Number;
        foreach (var (id, entry) in _entries.Where(e => e.Value.Pace == tick.Pace && e.Key.Tick < tick.Number).ToList())
        {
            if (entry.Result.Task.IsCompleted)
            {
                _entries.Remove(id);
            }
        }
    }

    private void Remove((long Tick, string Key) id, Entry entry)
    {
        if (_entries.TryGetValue(id, out var kept) && ReferenceEquals(kept, entry))
        {
            _entries.Remove(id);
        }
    }

    private sealed class Entry(TimeSpan pace)
    {
        public TimeSpan Pace { get; } = pace;

        public int Waiters { get; set; }

        public CancellationTokenSource Cancel { get; } = new();

        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync<T>((long Tick, string Key) id, SharedReads owner, Func<CancellationToken, Task<T>> read)
        {
            try
            {
                Result.TrySetResult(await read(Cancel.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                Result.TrySetCanceled(Cancel.Token);
            }
#pragma warning disable CA1031 // The read's failure goes to every caller that waits for it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lock (owner._lock)
                {
                    // A failed read is not kept: the next caller tries again.
                    owner.Remove(id, this);
                }

                Result.TrySetException(ex);
            }
        }
    }
}
