namespace AuthEvents.Benchmarks;

/// <summary>
/// One measured operation: wall-clock milliseconds per run over the timed iterations, the median CPU time the process
/// used per run (all threads; on a shared machine it shows the work apart from the wait), and the target (if any).
/// </summary>
internal sealed record Timing(string Name, int Iterations, double MedianMs, double P95Ms, double MinMs, double MaxMs, double CpuMedianMs, TimeSpan? Target)
{
    public bool? MeetsTarget => Target is { } t ? MedianMs <= t.TotalMilliseconds : null;
}
