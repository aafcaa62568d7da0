using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Charts;

/// <summary>Chart specs built from the store's time series, so every page draws outcomes and reasons the same way.</summary>
public static class SeriesCharts
{
    /// <summary>"per second", "per 5 min", "per hour"…: how a bucket size reads in a chart title.</summary>
    public static string Label(TimeSpan size) => size switch
    {
        { TotalDays: >= 1 } => size.TotalDays == 1 ? "per day" : $"per {size.TotalDays:0} days",
        { TotalHours: >= 1 } => size.TotalHours == 1 ? "per hour" : $"per {size.TotalHours:0} h",
        { TotalMinutes: >= 1 } => size.TotalMinutes == 1 ? "per minute" : $"per {size.TotalMinutes:0} min",
        _ => size.TotalSeconds == 1 ? "per second" : $"per {size.TotalSeconds:0} s",
    };

    /// <summary>Stacked bars, one series per outcome in the usual order and colours.</summary>
    public static ChartSpec Outcomes(TimeSeries series, int height = 190)
    {
        ArgumentNullException.ThrowIfNull(series);
        var outcomes = OutcomeKeys.Order.ToDictionary(OutcomeKeys.Of, o => o, StringComparer.Ordinal);
        return Stacked(series, height, "Events " + Label(series.BucketSize), key =>
            outcomes.TryGetValue(key, out var o) ? (OutcomeNames.Display(o), ChartPalette.Of(o)) : (key, ChartPalette.Slot(0)));
    }

    /// <summary>
    /// The /live rate chart: the outcomes stacked as areas rather than bars. It redraws every couple of seconds on a busy
    /// feed, and ApexCharts draws a bar as its own element (360 for two minutes per second, restyled on every redraw),
    /// where an area is one path per outcome: a third of the browser's work per redraw.
    /// </summary>
    public static ChartSpec LiveRate(TimeSeries series) => Outcomes(series) with { Type = "area" };

    /// <summary>Stacked bars, one series per key (a canonical reason…), palette colours in line order.</summary>
    public static ChartSpec ByKey(TimeSeries series, string yTitle, int height = 240)
    {
        ArgumentNullException.ThrowIfNull(series);
        var slots = series.Lines.Select((l, i) => (l.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        return Stacked(series, height, yTitle, key => (key, ChartPalette.Slot(slots[key])));
    }

    private static ChartSpec Stacked(TimeSeries series, int height, string yTitle, Func<string, (string Name, string Color)> look) => new()
    {
        Type = "bar",
        Axis = ChartAxis.Time,
        Times = series.Buckets.Select(b => b.ToUnixTimeMilliseconds()).ToList(),
        Stacked = true,
        Height = height,
        WithDate = series.Buckets.Count > 1 && series.Buckets[^1] - series.Buckets[0] > TimeSpan.FromDays(1),
        YTitle = yTitle,
        Series = series.Lines.Select(l =>
        {
            var (name, color) = look(l.Key);
            return new ChartSeries(name, color, l.Counts.Select(c => (double?)c).ToList());
        }).ToList(),
        EmptyText = "No events in this range",
    };
}
