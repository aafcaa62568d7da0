namespace AuthEvents.Web.Components.Charts;

/// <summary>
/// One named series. <see cref="Color"/> is a role (<c>success</c>, <c>failure</c>, <c>ratelimited</c>, <c>info</c>) or a
/// palette slot (<c>p1</c>..<c>p8</c>); both resolve to CSS tokens so the colours follow the theme.
/// </summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Data);
