using System.Globalization;
using System.Text.Json;

namespace AuthEvents.Core.Normalization;

/// <summary>Reads the providers' time formats into UTC <see cref="DateTimeOffset"/>s, naming the field (never the value) when one cannot be read.</summary>
internal static class EventTimes
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    // Epoch seconds that keep DateTimeOffset in range: 0001-01-01 to 9999-12-31.
    private static readonly decimal MinSeconds = -DateTimeOffset.UnixEpoch.Ticks / (decimal)TicksPerSecond;
    private static readonly decimal MaxSeconds = (DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks) / (decimal)TicksPerSecond;

    /// <summary>
    /// Epoch seconds, integer or fractional (Login.gov <c>occurred_at</c>). The number is read as a decimal so that
    /// the microseconds Login.gov sends survive exactly: a double drifts by a tick or two at today's epoch.
    /// Rounded to the nearest tick.
    /// </summary>
    internal static bool TryFromEpochSeconds(JsonElement value, string path, out DateTimeOffset time, out string? error)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.Number)
        {
            error = "field '" + path + "' is not a number";
            return false;
        }

        // Numbers a decimal cannot hold (e.g. 1e300) are out of range anyway.
        if (!value.TryGetDecimal(out var seconds) || seconds < MinSeconds || seconds > MaxSeconds)
        {
            error = "field '" + path + "' is out of range";
            return false;
        }

        var ticks = (long)decimal.Round(seconds * TicksPerSecond, MidpointRounding.AwayFromZero);
        time = DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(ticks, -DateTimeOffset.UnixEpoch.Ticks, DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks));
        error = null;
        return true;
    }

    /// <summary>Epoch milliseconds (FusionAuth <c>createInstant</c>); a fractional value is rounded to the nearest tick.</summary>
    internal static bool TryFromEpochMilliseconds(JsonElement value, string path, out DateTimeOffset time, out string? error)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.Number)
        {
            error = "field '" + path + "' is not a number";
            return false;
        }

        if (!value.TryGetDecimal(out var milliseconds) || milliseconds < MinSeconds * 1000 || milliseconds > MaxSeconds * 1000)
        {
            error = "field '" + path + "' is out of range";
            return false;
        }

        var ticks = (long)decimal.Round(milliseconds * TimeSpan.TicksPerMillisecond, MidpointRounding.AwayFromZero);
        time = DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(ticks, -DateTimeOffset.UnixEpoch.Ticks, DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks));
        error = null;
        return true;
    }

    /// <summary>
    /// An ISO 8601 / RFC 3339 date-time string (1Password <c>timestamp</c>, Entrust <c>eventTime</c>): with or without
    /// fractional seconds, with <c>Z</c> or a numeric offset, converted to UTC. A time without an offset is taken as UTC
    /// (both providers document UTC). Fractions beyond the seven digits .NET keeps (Go emits nine) are truncated.
    /// </summary>
    internal static bool TryFromIso8601(JsonElement value, string path, out DateTimeOffset time, out string? error)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.String)
        {
            error = "field '" + path + "' is not a string";
            return false;
        }

        var text = TrimFraction(value.GetString()!.Trim().ToUpperInvariant());
        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            error = "field '" + path + "' is not an ISO 8601 date-time";
            return false;
        }

        time = time.ToUniversalTime();
        error = null;
        return true;
    }

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        const int KeptDigits = 7;
        return end - dot - 1 > KeptDigits ? string.Concat(text.AsSpan(0, dot + 1 + KeptDigits), text.AsSpan(end)) : text;
    }
}
