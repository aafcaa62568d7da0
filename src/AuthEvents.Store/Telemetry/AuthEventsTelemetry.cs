using System.Diagnostics;

namespace AuthEvents.Store.Telemetry;

/// <summary>The names this product's metrics and traces go out under (listed in the README).</summary>
public static class AuthEventsTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="ActivitySource"/> name.</summary>
    public const string Name = "AuthEvents";

    /// <summary>Spans for polls, inbox batches and webhook checks.</summary>
    public static readonly ActivitySource Traces = new(Name);
}
