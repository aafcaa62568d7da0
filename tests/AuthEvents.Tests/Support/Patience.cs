namespace AuthEvents.Tests.Support;

/// <summary>
/// How long a test waits for a signal before it calls the code stuck. Only a hang guard: tests await what the code
/// signals, so on a working system this never paces a test, however busy the machine.
/// </summary>
public static class Patience
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);
}
