namespace AuthEvents.Demo.Hosting;

/// <summary>Built-in demo traffic (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>
    /// Null (the default) means: on when no provider source is enabled. <c>true</c> forces it on beside real
    /// sources, <c>false</c> turns it off.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Average simulated events per second.</summary>
    public double EventsPerSecond { get; set; } = 4;

    /// <summary>History generated on the first start, so the pages are not empty.</summary>
    public TimeSpan Backfill { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Share of simulated payloads that are deliberately damaged, to show the quarantine at work (0 to 1).</summary>
    public double MalformedShare { get; set; } = 0.005;

    /// <summary>Seed for the simulator; the same seed gives the same traffic.</summary>
    public int Seed { get; set; } = 20261122;
}
