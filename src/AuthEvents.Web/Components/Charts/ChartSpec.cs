namespace AuthEvents.Web.Components.Charts;

/// <summary>
/// What one chart shows, in a shape the JS module (<c>charts.js</c>) draws with ApexCharts. Immutable: a page builds a
/// new spec from its query results, and <see cref="ChartView"/> decides whether that is an in-place data update or a
/// redraw (<see cref="ShapeKey"/>).
/// </summary>
public sealed record ChartSpec
{
    /// <summary><c>bar</c>, <c>hbar</c> (horizontal bars), <c>area</c>, <c>line</c> or <c>donut</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>category</c> (labels in <see cref="Categories"/>) or <c>time</c> (UTC instants in <see cref="Times"/>).</summary>
    public string Axis { get; init; } = ChartAxis.Category;

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Unix milliseconds, one per data point, for a time axis.</summary>
    public IReadOnlyList<long> Times { get; init; } = [];

    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    public bool Stacked { get; init; }

    public bool Legend { get; init; } = true;

    public int Height { get; init; } = 260;

    /// <summary><c>count</c>, <c>percent</c> (values are 0..1) or <c>duration</c> (seconds).</summary>
    public string Format { get; init; } = ChartFormat.Count;

    /// <summary>For a time axis: label ticks with the date too (ranges over a day).</summary>
    public bool WithDate { get; init; }

    public string? XTitle { get; init; }

    public string? YTitle { get; init; }

    public string EmptyText { get; init; } = "No data in this range";

    /// <summary>Two specs with the same key differ only in data: the chart updates in place instead of redrawing.</summary>
    public string ShapeKey => string.Join('|', Type, Axis, Stacked, Format, Legend, Height, WithDate, string.Join(',', Series.Select(s => s.Name + ":" + s.Color)));

    /// <summary>Equal for two specs that draw the same picture: an update with the same key is skipped.</summary>
    public string ContentKey => ShapeKey + "#" + string.Join(';', Categories) + "#" + string.Join(';', Times)
        + "#" + string.Join(';', Series.Select(s => string.Join(',', s.Data)));

    /// <summary>The number of non-zero data points across all series, for labels and tests.</summary>
    public int PointCount => Series.Sum(s => s.Data.Count(v => v is > 0));

    /// <summary>The category or time of a point, as a page's click handler needs it.</summary>
    public ChartPoint Point(int seriesIndex, int pointIndex)
    {
        var series = seriesIndex >= 0 && seriesIndex < Series.Count ? Series[seriesIndex].Name : null;
        var category = pointIndex >= 0 && pointIndex < Categories.Count ? Categories[pointIndex] : null;
        DateTimeOffset? time = pointIndex >= 0 && pointIndex < Times.Count ? DateTimeOffset.FromUnixTimeMilliseconds(Times[pointIndex]) : null;
        return new ChartPoint(series, seriesIndex, pointIndex, category, time);
    }
}
