using System.Diagnostics.Metrics;
using AuthEvents.Ingest.Telemetry;
using AuthEvents.Store.Telemetry;

namespace AuthEvents.Tests.Support;

/// <summary>Meters for code built by hand in tests; nothing listens to them unless a test attaches a listener.</summary>
public sealed class TestMeters : IMeterFactory
{
    public static readonly TestMeters Shared = new();

    public static IngestMetrics Ingest(TimeProvider time) => new(Shared, time);

    public static StoreMetrics Store() => new(Shared);

    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
