namespace AuthEvents.Web.Components.Charts;

/// <summary>A clicked bar, slice or point: its series and its category (category axis) or bucket start (time axis).</summary>
public sealed record ChartPoint(string? Series, int SeriesIndex, int PointIndex, string? Category, DateTimeOffset? Time);
