namespace AuthEvents.Demo.Simulation;

/// <summary>
/// The clock of one person's (or one bot's) journey. A scenario script moves it forward between steps; the
/// steps land in the delivery queue at those times, so later steps come out of later
/// <see cref="DemoTrafficGenerator.Advance"/> calls, seconds or minutes apart.
/// </summary>
internal sealed class Journey(Random random, DateTimeOffset start, bool hurried = false)
{
    public DateTimeOffset At { get; private set; } = start;

    /// <summary>True for scripted clients that fill every form within a second or two.</summary>
    public bool Hurried { get; } = hurried;

    /// <summary>A human pause (reading, typing, fetching a code): log-uniform between the bounds, in seconds.</summary>
    public void Think(double minSeconds, double maxSeconds)
    {
        var seconds = Hurried ? random.LogUniform(0.3, 2.0) : random.LogUniform(minSeconds, maxSeconds);
        At += TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A machine delay (a server round trip, a vendor check) that bots cannot shorten.</summary>
    public void Wait(double minSeconds, double maxSeconds) =>
        At += TimeSpan.FromSeconds(random.Between(minSeconds, maxSeconds));
}
