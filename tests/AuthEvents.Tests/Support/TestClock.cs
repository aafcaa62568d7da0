using Microsoft.Extensions.Time.Testing;

namespace AuthEvents.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also shows which timers the code has armed, so a test moves the clock to exactly
/// what the code waits on (<c>AdvanceToTimerAsync</c>) instead of stepping it while background work races it.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<WatchedTimer> _armed = [];
    private TaskCompletionSource _changed = NewSignal();

    public TestClock()
        : this(DefaultStart)
    {
    }

    public TestClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The durations of the timers armed now, soonest first.</summary>
    public IReadOnlyList<TimeSpan> ArmedTimers
    {
        get
        {
            lock (_lock)
            {
                return _armed.OrderBy(t => t.DueAt).Select(t => t.Duration).ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this, period);
        watched.Inner = base.CreateTimer(s =>
        {
            watched.OnFired();
            callback(s);
        }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    /// <summary>Waits until the code has armed a timer whose duration matches, and returns the soonest such timer.</summary>
    public async Task<ArmedTimer> WaitForTimerAsync(Func<TimeSpan, bool>? match = null)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var next = _armed.Where(t => match?.Invoke(t.Duration) ?? true).MinBy(t => t.DueAt);
                if (next is not null)
                {
                    return new ArmedTimer(next.Duration, next.DueAt);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(Patience.HangGuard);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The code never armed the awaited timer (armed now: {string.Join(", ", ArmedTimers)}).");
            }
        }
    }

    /// <summary>
    /// Waits until the code waits on a timer whose duration matches, then moves the clock to its due time (firing it, and
    /// any timer due before it). Returns the timer's duration.
    /// </summary>
    public async Task<TimeSpan> AdvanceToTimerAsync(Func<TimeSpan, bool>? match = null)
    {
        var timer = await WaitForTimerAsync(match);
        var by = timer.DueAt - GetUtcNow();
        Advance(by > TimeSpan.Zero ? by : TimeSpan.Zero);
        return timer.Duration;
    }

    /// <summary>Waits until the code waits on a timer of exactly <paramref name="duration"/>, then fires it.</summary>
    public Task<TimeSpan> AdvanceToTimerAsync(TimeSpan duration) => AdvanceToTimerAsync(d => d == duration);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Update(WatchedTimer timer, bool armed)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _armed.Remove(timer);
            if (armed)
            {
                _armed.Add(timer);
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>A timer the code has armed: its duration as armed, and when it is due.</summary>
    public readonly record struct ArmedTimer(TimeSpan Duration, DateTimeOffset DueAt);

    private sealed class WatchedTimer(TestClock clock, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;

        public ITimer Inner { get; set; } = default!;

        public TimeSpan Duration { get; private set; }

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            Arm(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void OnFired() => Arm(_period);

        public void Dispose()
        {
            clock.Update(this, armed: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(TimeSpan dueTime)
        {
            var armed = dueTime != Timeout.InfiniteTimeSpan;
            if (armed)
            {
                Duration = dueTime;
                DueAt = clock.GetUtcNow() + dueTime;
            }

            clock.Update(this, armed);
        }
    }
}
