using System.Globalization;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Web.Components.Charts;
using AuthEvents.Web.Hosting;
using AuthEvents.Web.Navigation;

namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>
/// What the failures page shows for one load: the breakdown tree as visible rows (with the expand state the viewer chose),
/// the reasons-over-time chart, the comparison table with its highlighting, and every link to <c>/live</c>, each narrowed
/// to exactly the events a row, node or bar counts (and to the page's source).
/// </summary>
public sealed class FailuresViewModel
{
    /// <summary>The chart draws this many reasons on their own; the rest share one series (the palette has eight colours).</summary>
    public const int ChartedReasons = 7;

    private static readonly Outcome[] FailureOutcomes = [Outcome.Failure, Outcome.RateLimited];
    private List<string> _restReasons = [];
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expandedReasons = new(StringComparer.Ordinal);

    // Until the viewer expands or collapses anything, the largest top-level node is open.
    private bool _touched;

    public FailuresFilter Filter { get; private set; } = FailuresFilter.Default;

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public FailuresData? Data { get; private set; }

    public ReasonComparison? Comparison { get; private set; }

    public ChartSpec Chart { get; private set; } = new() { Type = "bar", Axis = ChartAxis.Time };

    /// <summary>The tree of the chosen grouping.</summary>
    public FailureBreakdown? Tree => Data is null ? null : Filter.Grouping == FailureGrouping.Reason ? Data.ByCanonical : Data.BySource;

    /// <summary>True when a custom baseline is not as long as the range: raw counts then compare unequal spans.</summary>
    public bool UnequalLengths => Comparison is { } c && c.CurrentTo - c.CurrentFrom != c.BaselineTo - c.BaselineFrom;

    public void Show(FailuresFilter filter, DateTimeOffset from, DateTimeOffset to, FailuresData data, ReasonComparison? comparison)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(data);
        (Filter, From, To, Data, Comparison) = (filter, from, to, data, comparison);
        var series = data.OverTime;
        _restReasons = [];
        if (series.Lines.Count > ChartedReasons + 1)
        {
            // Lines come most frequent first: the long tail becomes one series, so no two series share a colour.
            var rest = series.Lines.Skip(ChartedReasons).ToList();
            _restReasons = rest.Select(l => l.Key).ToList();
            var merged = new SeriesLine(RestName, Enumerable.Range(0, series.Buckets.Count).Select(i => rest.Sum(l => l.Counts[i])).ToList());
            series = series with { Lines = [.. series.Lines.Take(ChartedReasons), merged] };
        }

        Chart = SeriesCharts.ByKey(series, "Failure reasons " + SeriesCharts.Label(series.BucketSize), 280) with { EmptyText = "No failures in this range" };
    }

    /// <summary>The chart series that holds every reason past the most frequent <see cref="ChartedReasons"/>.</summary>
    public string RestName => $"{_restReasons.Count} more reasons";

    public IReadOnlyList<FailureTreeRow> TreeRows()
    {
        var rows = new List<FailureTreeRow>();
        var expanded = _touched ? _expanded : DefaultExpanded();
        void Walk(IEnumerable<FailureNode> nodes, int depth)
        {
            foreach (var node in nodes)
            {
                var id = IdOf(node);
                var open = node.Children.Count > 0 && expanded.Contains(id);
                var (detail, tag) = node.Level != FailureLevel.Code ? (null, null)
                    : Filter.Grouping == FailureGrouping.Reason ? ($"{SourceNames.Display(node.Source!.Value)} · {node.EventType} · {node.Field}", (string?)null)
                    : (null, node.Canonical);
                rows.Add(new FailureTreeRow(id, depth, node, LabelOf(node), detail, tag, node.Children.Count > 0, open, NodeLink(node)));
                if (open)
                {
                    Walk(node.Children, depth + 1);
                }
            }
        }

        Walk(Tree?.Nodes ?? [], 0);
        return rows;
    }

    public void Toggle(string id)
    {
        Touch();
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    public void ExpandAll()
    {
        Touch();
        void Walk(IEnumerable<FailureNode> nodes)
        {
            foreach (var node in nodes.Where(n => n.Children.Count > 0))
            {
                _expanded.Add(IdOf(node));
                Walk(node.Children);
            }
        }

        Walk(Tree?.Nodes ?? []);
    }

    public void CollapseAll()
    {
        Touch();
        _expanded.Clear();
    }

    /// <summary>The comparison's canonical reasons, each followed by its provider codes when expanded.</summary>
    public IReadOnlyList<ComparisonLine> ComparisonRows()
    {
        var rows = new List<ComparisonLine>();
        foreach (var group in Comparison?.Groups ?? [])
        {
            var id = "reason\u001f" + group.Canonical;
            var open = _expandedReasons.Contains(id);
            var codes = group.Codes.Count == 1 ? "1 provider code" : $"{group.Codes.Count} provider codes";
            rows.Add(Line(id, 0, group.Canonical, codes, group.Current, group.Baseline, group.Codes.Count > 0, open, new EventQuery { Reasons = [group.Canonical] }));
            if (open)
            {
                rows.AddRange(group.Codes.Select(c => Line(
                    string.Join('\u001f', id, c.Source, c.EventType, c.Field, c.Code), 1, c.Code, $"{SourceNames.Display(c.Source)} · {c.EventType} · {c.Field}",
                    c.Current, c.Baseline, false, false,
                    new EventQuery { Sources = [c.Source], EventTypes = [c.EventType], Reasons = [group.Canonical], ReasonField = c.Field, ReasonCode = c.Code })));
            }
        }

        return rows;
    }

    /// <summary>All failure reasons of both ranges, for the table's footer; null when not comparing.</summary>
    public ComparisonLine? ComparisonTotal() => Comparison is { } c
        ? Line("total", 0, "All failure reasons", null, c.CurrentTotal, c.BaselineTotal, false, false, new EventQuery())
        : null;

    public void ToggleReason(string id)
    {
        if (!_expandedReasons.Remove(id))
        {
            _expandedReasons.Add(id);
        }
    }

    /// <summary>The events a node counts, on <c>/live</c>.</summary>
    public string NodeLink(FailureNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LiveLink(node.ToEventQuery(From, To));
    }

    /// <summary>A clicked bar: that canonical reason's events in that bucket (clipped to the range), on <c>/live</c>; null for no bar.</summary>
    public string? BarLink(ChartPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (Data is null || point.Time is not { } start || string.IsNullOrEmpty(point.Series))
        {
            return null;
        }

        var from = start > From ? start : From;
        var end = start + Data.OverTime.BucketSize;
        var to = end < To ? end : To;
        IReadOnlyList<string> reasons = _restReasons.Count > 0 && point.Series == RestName ? _restReasons : [point.Series];
        return from < to ? LiveLink(new EventQuery { From = from, To = to, Outcomes = FailureOutcomes, Reasons = reasons }) : null;
    }

    /// <summary>"Nov 21 14:05 – Nov 22 14:05" in <paramref name="zone"/>; the exclusive upper bound shown as the minute it ends in.</summary>
    public static string Span(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(from, zone);
        var end = TimeZoneInfo.ConvertTime(to, zone);
        var format = start.Year == end.Year ? "MMM d HH:mm" : "yyyy MMM d HH:mm";
        var endFormat = start.Date == end.Date ? "HH:mm" : format;
        return $"{start.ToString(format, CultureInfo.InvariantCulture)} – {end.ToString(endFormat, CultureInfo.InvariantCulture)}";
    }

    /// <summary>+12 / −3 / 0 (a true minus sign, so a reader never mistakes it for a hyphen).</summary>
    public static string DifferenceText(long difference) => difference switch
    {
        > 0 => "+" + difference.ToString("N0", CultureInfo.InvariantCulture),
        < 0 => "\u2212" + (-difference).ToString("N0", CultureInfo.InvariantCulture),
        _ => "0",
    };

    /// <summary>+50 % / −20 % / 0 %; "new" when the baseline had none; "–" when neither had any.</summary>
    public static string ChangeText(long current, long baseline)
    {
        if (baseline == 0)
        {
            return current == 0 ? "–" : "new";
        }

        var change = (double)(current - baseline) / baseline * 100;
        var magnitude = Math.Abs(change).ToString(Math.Abs(change) < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);
        return change switch
        {
            > 0 => $"+{magnitude} %",
            < 0 => $"\u2212{magnitude} %",
            _ => "0 %",
        };
    }

    private ComparisonLine Line(string id, int depth, string label, string? detail, long current, long baseline, bool expandable, bool expanded, EventQuery query) =>
        new(id, depth, label, detail, current, baseline,
            current > baseline ? ChangeDirection.Worse : current < baseline ? ChangeDirection.Better : ChangeDirection.Same,
            DifferenceText(current - baseline), ChangeText(current, baseline), expandable, expanded,
            LiveLink(query with { From = From, To = To, Outcomes = FailureOutcomes }));

    // Every link keeps the page's source: a canonical reason's node carries no source of its own.
    private string LiveLink(EventQuery query) => DashboardUrls.Live(LiveFilter.From(
        query.Sources.Count == 0 && Filter.Source is { } source ? query with { Sources = [source] } : query, Filter.Utc));

    private void Touch()
    {
        if (!_touched)
        {
            _expanded.UnionWith(DefaultExpanded());
            _touched = true;
        }
    }

    private HashSet<string> DefaultExpanded() =>
        Tree?.Nodes.FirstOrDefault(n => n.Children.Count > 0) is { } first ? new(StringComparer.Ordinal) { IdOf(first) } : new(StringComparer.Ordinal);

    private static string IdOf(FailureNode node) => string.Join('\u001f', node.Level, node.Source, node.EventType, node.Field, node.Code, node.Canonical);

    private static string LabelOf(FailureNode node) => node.Level == FailureLevel.Source && node.Source is { } source ? SourceNames.Display(source) : node.Key;
}
