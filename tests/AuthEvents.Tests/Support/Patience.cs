namespace AuthEvents.Tests.Support;

/// <summary>
/// How long a test waits for a signal before it calls the code stuck. Only a hang guard: tests await what the code
/// signals, so on a working system this never paces a test, however busy the machine.
/// </summary>
public static class Patience
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Waits for a condition another process brings about (a database row, a lock queued in PostgreSQL), looking again every
    /// few milliseconds; fails only after <see cref="HangGuard"/>, as a hang, never as a deadline the condition races.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var guard = new CancellationTokenSource(HangGuard);
        while (!await condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
