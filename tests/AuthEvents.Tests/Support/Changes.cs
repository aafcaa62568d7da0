using AuthEvents.Ingest.Feed;

namespace AuthEvents.Tests.Support;

/// <summary>
/// Waits for a condition on background work without a wall-clock deadline: the condition is checked again each time
/// something it depends on signals a change (a commit on the live feed, a request a test server answered).
/// </summary>
public sealed class Changes : IDisposable
{
    private readonly SemaphoreSlim _pulse = new(0);
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Signals a change: the next check of the condition runs now.</summary>
    public void Signal() => _pulse.Release();

    /// <summary>Signals on every commit the feed announces.</summary>
    public Changes Watch(EventFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _subscriptions.Add(feed.Subscribe((_, _) =>
        {
            Signal();
            return Task.CompletedTask;
        }, TimeSpan.Zero));
        return this;
    }

    /// <summary>Returns once <paramref name="condition"/> holds, checking it now and after each signal.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (!await condition())
        {
            if (!await _pulse.WaitAsync(Patience.HangGuard))
            {
                Assert.Fail($"Still waiting for {what}: nothing changed for {Patience.HangGuard.TotalMinutes} minutes.");
            }
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _pulse.Dispose();
    }
}
