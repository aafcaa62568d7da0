using AuthEvents.Core.Events;

namespace AuthEvents.Core.Alerts;

/// <summary>
/// The cells of one key within one window of whole minutes, summed per member: what a counter rule decides on.
/// "Within 10 minutes" means the window's last minute and the nine before it.
/// </summary>
public sealed class CounterWindow
{
    private readonly Dictionary<string, int> _members;

    private CounterWindow(string key, DateTimeOffset from, DateTimeOffset to, Dictionary<string, int> members)
    {
        Key = key;
        From = from;
        To = to;
        _members = members;
    }

    /// <summary>The alert key.</summary>
    public string Key { get; }

    /// <summary>The start of the window's first minute.</summary>
    public DateTimeOffset From { get; }

    /// <summary>The end of the window's last minute (exclusive).</summary>
    public DateTimeOffset To { get; }

    /// <summary>The start of the minute <paramref name="at"/> falls in, as UTC ticks.</summary>
    public static long BucketOf(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute);

    /// <summary>How many whole minutes <paramref name="window"/> spans (a part minute counts whole; at least one).</summary>
    public static int MinutesOf(TimeSpan window) => Math.Max(1, (int)Math.Ceiling(window.TotalMinutes));

    /// <summary>The window of <paramref name="window"/> ending with the minute <paramref name="endBucketTicks"/>, over the cells of <paramref name="key"/>.</summary>
    /// <param name="key">The key whose cells count; others are ignored.</param>
    /// <param name="cells">Cells of any minutes; those outside the window are ignored.</param>
    /// <param name="endBucketTicks">The window's last minute.</param>
    /// <param name="window">The window's length, rounded up to whole minutes.</param>
    public static CounterWindow Over(string key, IEnumerable<CounterCell> cells, long endBucketTicks, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cells);
        var firstBucket = endBucketTicks - ((MinutesOf(window) - 1) * TimeSpan.TicksPerMinute);
        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            if (cell.BucketTicks >= firstBucket && cell.BucketTicks <= endBucketTicks && string.Equals(cell.Key, key, StringComparison.Ordinal))
            {
                members[cell.Member] = members.GetValueOrDefault(cell.Member) + cell.Count;
            }
        }

        return new CounterWindow(key, new DateTimeOffset(firstBucket, TimeSpan.Zero), new DateTimeOffset(endBucketTicks + TimeSpan.TicksPerMinute, TimeSpan.Zero), members);
    }

    /// <summary>Distinct members with the prefix (e.g. distinct people).</summary>
    public int Distinct(string prefix) => Members(prefix).Count();

    /// <summary>Events counted under members with the prefix (e.g. attempts, from <see cref="CounterMembers.Source"/>).</summary>
    public int Total(string prefix) => Members(prefix).Sum(m => m.Count);

    /// <summary>The members with the prefix (without it) and their counts, in ordinal order.</summary>
    public IEnumerable<(string Member, int Count)> Members(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _members
            .Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(m => (m.Key[prefix.Length..], m.Value))
            .OrderBy(m => m.Item1, StringComparer.Ordinal);
    }

    /// <summary>The providers among the <see cref="CounterMembers.Source"/> members, in enum order.</summary>
    public IReadOnlyList<EventSource> Sources() =>
        Members(CounterMembers.Source)
            .Select(m => Enum.TryParse<EventSource>(m.Member, out var source) ? source : (EventSource?)null)
            .OfType<EventSource>()
            .Order()
            .ToList();
}
