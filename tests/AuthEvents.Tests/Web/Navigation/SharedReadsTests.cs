using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Tests.Web.Navigation;

/// <summary>
/// The reads pages share per feed tick: concurrent identical requests of one tick run one read, other keys and newer
/// ticks read again, a caller that stops waiting does not cancel the read for the others (the last one does), a failure
/// reaches every caller and is not kept, and without a tick nothing is shared.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SharedReadsTests
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(500);
    private readonly SharedReads _reads = new();
    private int _started;

    [Fact]
    public async Task GetAsync_ManyCallersOneTick_OneReadAndTheSameResult()
    {
        var gate = new TaskCompletionSource<List<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tick = Tick(1);

        var callers = Enumerable.Range(0, 20).Select(_ => _reads.GetAsync(tick, "rows", ct => Read(gate.Task), CancellationToken.None)).ToList();
        gate.SetResult([1, 2, 3]);
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, _started);
        Assert.All(results, r => Assert.Same(results[0], r));
        // A caller later in the same tick gets it too, without reading.
        Assert.Same(results[0], await _reads.GetAsync(tick, "rows", ct => Read(Task.FromResult(new List<int>())), CancellationToken.None));
        Assert.Equal(1, _started);
    }

    [Fact]
    public async Task GetAsync_OtherKey_ReadsOnItsOwn()
    {
        var tick = Tick(1);

        var a = await _reads.GetAsync(tick, "outcome=failure", _ => Read(Task.FromResult("a")), CancellationToken.None);
        var b = await _reads.GetAsync(tick, "outcome=success", _ => Read(Task.FromResult("b")), CancellationToken.None);

        Assert.Equal(("a", "b"), (a, b));
        Assert.Equal(2, _started);
    }

    [Fact]
    public async Task GetAsync_NewerTick_ReadsAgainAndDropsTheOlderResult()
    {
        Assert.Equal(1, await _reads.GetAsync(Tick(1), "total", _ => Read(Task.FromResult(1)), CancellationToken.None));
        Assert.Equal(1, _reads.Count);

        Assert.Equal(2, await _reads.GetAsync(Tick(2), "total", _ => Read(Task.FromResult(2)), CancellationToken.None));

        Assert.Equal(2, _started);
        Assert.Equal(1, _reads.Count);
    }

    [Fact]
    public async Task GetAsync_TicksOfAnotherPace_KeepEachOthersResults()
    {
        await _reads.GetAsync(Tick(1), "overview", _ => Read(Task.FromResult(1)), CancellationToken.None);

        await _reads.GetAsync(new FeedTick(2, TimeSpan.FromSeconds(10), Start, Update), "overview", _ => Read(Task.FromResult(2)), CancellationToken.None);

        Assert.Equal(2, _reads.Count);
    }

    [Fact]
    public async Task GetAsync_OneCallerCancels_OthersGetTheResultAndTheReadGoesOn()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken readToken = default;
        using var leaving = new CancellationTokenSource();
        var tick = Tick(1);
        var first = _reads.GetAsync(tick, "rate", ct => { readToken = ct; return Read(gate.Task); }, leaving.Token);
        var second = _reads.GetAsync(tick, "rate", _ => Read(gate.Task), CancellationToken.None);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(readToken.IsCancellationRequested);
        gate.SetResult(42);

        Assert.Equal(42, await second);
        Assert.Equal(1, _started);
    }

    [Fact]
    public async Task GetAsync_EveryCallerCancels_TheReadIsCancelledAndTheNextCallerReadsAfresh()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken readToken = default;
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();
        var tick = Tick(1);
        var first = _reads.GetAsync(tick, "rate", ct => { readToken = ct; return Read(gate.Task.WaitAsync(ct)); }, a.Token);
        var second = _reads.GetAsync(tick, "rate", _ => Read(gate.Task), b.Token);

        await a.CancelAsync();
        await b.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        Assert.True(readToken.IsCancellationRequested);
        Assert.Equal(7, await _reads.GetAsync(tick, "rate", _ => Read(Task.FromResult(7)), CancellationToken.None));
        Assert.Equal(2, _started);
    }

    [Fact]
    public async Task GetAsync_ReadFails_EveryCallerSeesItAndTheNextCallerReadsAgain()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tick = Tick(1);
        var callers = Enumerable.Range(0, 3).Select(_ => _reads.GetAsync(tick, "page", _ => Read(gate.Task), CancellationToken.None)).ToList();

        gate.SetException(new InvalidOperationException("store gone"));

        foreach (var caller in callers)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => caller);
        }

        Assert.Equal(5, await _reads.GetAsync(tick, "page", _ => Read(Task.FromResult(5)), CancellationToken.None));
        Assert.Equal(2, _started);
    }

    [Fact]
    public async Task GetAsync_NoTick_EveryCallerReads()
    {
        await _reads.GetAsync(null, "rows", _ => Read(Task.FromResult(1)), CancellationToken.None);
        await _reads.GetAsync(null, "rows", _ => Read(Task.FromResult(1)), CancellationToken.None);

        Assert.Equal(2, _started);
        Assert.Equal(0, _reads.Count);
    }

    private static readonly DateTimeOffset Start = TestClock.DefaultStart;

    private static readonly FeedUpdate Update = new(1, 0, new Dictionary<EventSource, int>(), null);

    private static FeedTick Tick(long number) => new(number, Pace, Start.AddSeconds(number), Update);

    private Task<T> Read<T>(Task<T> result)
    {
        Interlocked.Increment(ref _started);
        return result;
    }
}
