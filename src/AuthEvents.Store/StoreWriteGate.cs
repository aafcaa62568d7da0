namespace AuthEvents.Store;

/// <summary>
/// Serializes writes within this process. SQLite has one writer at a time anyway; taking turns here turns
/// "database is locked" retries into a short queue and makes check-then-insert dedupe race-free.
/// </summary>
public sealed class StoreWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
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
