namespace AuthEvents.Benchmarks;

/// <summary>One measured operation: milliseconds per run over the timed iterations, and the target it must meet (if any).</summary>
internal sealed record Timing(string Name, int Iterations, double MedianMs, double P95Ms, double MinMs, double MaxMs, TimeSpan? Target)
{
    public bool? MeetsTarget => Target is { } t ? MedianMs <= t.TotalMilliseconds : null;
}
