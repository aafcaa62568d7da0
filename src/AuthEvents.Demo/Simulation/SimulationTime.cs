using System.Globalization;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Time precision and formats per provider. An event's time is rounded UP to what its payload can express, so the
/// delivery's <see cref="SimulatedDelivery.OccurredAt"/> equals the payload's time and never falls before the
/// instant the journey step was scheduled.
/// </summary>
internal static class SimulationTime
{
    public const long Microsecond = TimeSpan.TicksPerMillisecond / 1000;
    public const long Millisecond = TimeSpan.TicksPerMillisecond;
    public const long Second = TimeSpan.TicksPerSecond;

    public static DateTimeOffset CeilTo(DateTimeOffset at, long precisionTicks)
    {
        var ticks = at.UtcTicks;
        var remainder = ticks % precisionTicks;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + precisionTicks, TimeSpan.Zero);
    }

    /// <summary>Login.gov <c>occurred_at</c>: epoch seconds as a float with microseconds, like Ruby's <c>Time#to_f</c>.</summary>
    public static double EpochSecondsWithMicroseconds(DateTimeOffset at) =>
        (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / Microsecond / 1_000_000d;

    public static long EpochSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds();

    public static long EpochMilliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static string Rfc3339Milliseconds(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Iso8601Seconds(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
