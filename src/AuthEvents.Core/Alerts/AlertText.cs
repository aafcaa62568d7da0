using System.Globalization;
using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts;

/// <summary>The words the rules build summaries and figures from.</summary>
internal static class AlertText
{
    /// <summary><c>10 min</c>, <c>1 h</c>, <c>90 min</c>, <c>1 d</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.TotalMinutes < 1)
        {
            return Invariant($"{Math.Max(0, (int)span.TotalSeconds)} s");
        }

        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return Invariant($"{(int)span.TotalDays} d");
        }

        return span.Ticks % TimeSpan.TicksPerHour == 0 ? Invariant($"{(int)span.TotalHours} h") : Invariant($"{(int)Math.Round(span.TotalMinutes)} min");
    }

    /// <summary><c>LoginGov</c>, <c>LoginGov and FusionAuth</c>, <c>LoginGov, Entrust and FusionAuth</c>.</summary>
    public static string Providers(IReadOnlyList<EventSource> sources) => sources.Count switch
    {
        0 => "no provider",
        1 => sources[0].ToString(),
        _ => string.Join(", ", sources.Take(sources.Count - 1)) + " and " + sources[^1],
    };

    /// <summary>The provider names for figures, in enum order.</summary>
    public static string[] ProviderNames(IEnumerable<EventSource> sources) => sources.Distinct().Order().Select(s => s.ToString()).ToArray();

    /// <summary>A window for figures, as settings spell it (<c>00:10:00</c>).</summary>
    public static string Window(TimeSpan window) => window.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A person for a summary: the masked label, else "one person" (the key itself is shown beside it).</summary>
    public static string Person(string? label) => label ?? "one person";

    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
