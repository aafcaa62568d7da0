namespace AuthEvents.Tests.Support;

/// <summary>
/// The system clock moved by an offset a test can increase: background loops and timers run in real time, while
/// "now" can jump ahead (past a rate limit, say) without the test waiting.
/// </summary>
public sealed class OffsetTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
