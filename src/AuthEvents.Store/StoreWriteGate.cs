using AuthEvents.Store.Telemetry;

namespace AuthEvents.Store;

/// <summary>How soon a writer needs its turn at the <see cref="StoreWriteGate"/>.</summary>
public enum WritePriority
{
    /// <summary>Batches that can wait a moment: inbox processing, imports, demo history, index rebuilds.</summary>
    Bulk = 0,

    /// <summary>A caller holding a connection open for the answer, such as a webhook awaiting its 2xx.</summary>
    Prompt = 1,
}

/// <summary>
/// Serializes writes within this process. SQLite has one writer at a time anyway; taking turns here turns
/// "database is locked" retries into a short queue and makes check-then-insert dedupe race-free.
/// </summary>
/// <remarks>
/// <see cref="WritePriority.Prompt"/> writers go ahead of waiting bulk writers, so a webhook waits for at most the
/// batch being written rather than a queue of them (a provider that does not retry would lose the event to a 503).
/// Bulk writers are not starved: after <see cref="PromptStreak"/> prompt turns in a row with a bulk writer waiting,
/// the bulk writer goes next.
/// </remarks>
public sealed class StoreWriteGate(StoreMetrics? metrics = null, TimeProvider? time = null) : IDisposable
{
    /// <summary>Prompt turns in a row before a waiting bulk writer gets one.</summary>
    public const int PromptStreak = 16;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _prompt = new();
    private readonly LinkedList<Waiter> _bulk = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private bool _held;
    private int _streak;

    public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(WritePriority.Bulk, cancellationToken);

    public Task<IDisposable> EnterAsync(WritePriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                _streak = priority == WritePriority.Prompt ? 1 : 0;
                metrics?.WaitedForGate(priority, TimeSpan.Zero);
                return Task.FromResult<IDisposable>(new Releaser(this));
            }

            var waiter = new Waiter(priority, _time.GetTimestamp());
            var queue = priority == WritePriority.Prompt ? _prompt : _bulk;
            var node = queue.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(() =>
                {
                    lock (_lock)
                    {
                        if (node.List is not null)
                        {
                            queue.Remove(node);
                        }
                    }

                    waiter.Turn.TrySetCanceled(cancellationToken);
                });
            }

            return waiter.Turn.Task;
        }
    }

    private void Release()
    {
        while (true)
        {
            Waiter next;
            lock (_lock)
            {
                var promptFirst = _prompt.Count > 0 && (_bulk.Count == 0 || _streak < PromptStreak);
                var queue = promptFirst ? _prompt : _bulk.Count > 0 ? _bulk : null;
                if (queue is null)
                {
                    _held = false;
                    _streak = 0;
                    return;
                }

                next = queue.First!.Value;
                queue.RemoveFirst();
                _streak = promptFirst ? _streak + 1 : 0;
            }

            next.Registration.Dispose();
            if (next.Turn.TrySetResult(new Releaser(this)))
            {
                metrics?.WaitedForGate(next.Priority, _time.GetElapsedTime(next.Since));
                return;
            }

            // That waiter was cancelled as it was picked: the turn goes to the one after it.
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var waiter in _prompt.Concat(_bulk))
            {
                waiter.Registration.Dispose();
                waiter.Turn.TrySetCanceled();
            }

            _prompt.Clear();
            _bulk.Clear();
        }
    }

    private sealed class Waiter(WritePriority priority, long since)
    {
        public WritePriority Priority => priority;

        public long Since => since;

        public TaskCompletionSource<IDisposable> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Releaser(StoreWriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
