using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;

namespace AuthEvents.Web.State;

/// <summary>Bucket sizes for event-rate charts, and the stacked-by-outcome chart built from the store's counts.</summary>
public static class RateBuckets
{
    private static readonly TimeSpan[] Sizes =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromDays(1),
    ];

    /// <summary>The smallest size that keeps a range within <paramref name="maxBuckets"/> buckets (per second for the live window).</summary>
    public static TimeSpan SizeFor(TimeSpan range, int maxBuckets = 300) =>
        Sizes.FirstOrDefault(s => range.Ticks / s.Ticks <= maxBuckets, Sizes[^1]);

    public static string Label(TimeSpan size) => size switch
    {
        { TotalDays: >= 1 } => "per day",
        { TotalHours: >= 1 } => size.TotalHours == 1 ? "per hour" : $"per {size.TotalHours:0} h",
        { TotalMinutes: >= 1 } => size.TotalMinutes == 1 ? "per minute" : $"per {size.TotalMinutes:0} min",
        _ => size.TotalSeconds == 1 ? "per second" : $"per {size.TotalSeconds:0} s",
    };

    /// <summary>
    /// One stacked series per outcome over every bucket of [from, to), empty buckets filled with zero, bucket starts
    /// aligned to <paramref name="from"/> as the store groups them.
    /// </summary>
    public static ChartSpec Chart(IReadOnlyList<RateBucket> counts, DateTimeOffset from, DateTimeOffset to, TimeSpan size, int height = 190)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = (int)Math.Max(1, (to - from).Ticks / size.Ticks);
        var times = Enumerable.Range(0, n).Select(i => (from + (size * i)).ToUnixTimeMilliseconds()).ToList();
        var byOutcome = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => new double?[n]);
        foreach (var values in byOutcome.Values)
        {
            Array.Fill(values, 0);
        }

        foreach (var c in counts)
        {
            var index = (int)((c.Start - from).Ticks / size.Ticks);
            if (index >= 0 && index < n)
            {
                byOutcome[c.Outcome][index] += c.Count;
            }
        }

        return new ChartSpec
        {
            Type = "bar",
            Axis = ChartAxis.Time,
            Times = times,
            Stacked = true,
            Height = height,
            WithDate = to - from > TimeSpan.FromDays(1),
            YTitle = "Events " + Label(size),
            Series = Enum.GetValues<Outcome>().Select(o => new ChartSeries(OutcomeNames.Display(o), ChartPalette.Of(o), byOutcome[o])).ToList(),
            EmptyText = "No events in this range",
        };
    }
}
