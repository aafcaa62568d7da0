namespace AuthEvents.Store.Retention;

/// <summary>How long events are kept (section <c>Retention</c>). Off unless <see cref="Events"/> is set.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>The shortest <see cref="Events"/> accepted: anything shorter is more likely a typo than a policy.</summary>
    public static readonly TimeSpan MinimumEvents = TimeSpan.FromDays(1);

    /// <summary>The longest <see cref="Events"/> accepted (a hundred years), so that the cutoff stays a date.</summary>
    public static readonly TimeSpan MaximumEvents = TimeSpan.FromDays(36_525);

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(7);

    /// <summary>
    /// Events that occurred longer ago than this are deleted, with what was derived from them (for example
    /// <c>400.00:00:00</c>). Absent or empty: nothing is ever deleted.
    /// </summary>
    public TimeSpan? Events { get; set; }

    /// <summary>How often retention runs (default one hour); the first run is at start-up.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;
}
