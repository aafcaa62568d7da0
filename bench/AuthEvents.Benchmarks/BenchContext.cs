using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Benchmarks;

/// <summary>
/// What a benchmark command gets: the product's services over the dataset, the dataset's "now" (its newest event),
/// and a timer that warms up, runs several iterations and prints median, 95th percentile, min and max.
/// </summary>
internal sealed class BenchContext(BenchStore store, BenchOptions options, DateTimeOffset now, TextWriter output)
{
    private const int WarmUp = 3;
    private readonly List<Timing> _timings = [];

    public BenchStore Store => store;

    public BenchOptions Options => options;

    /// <summary>The newest stored event's time: "now" for every range, so that a 7-day range is the dataset's last 7 days.</summary>
    public DateTimeOffset Now => now;

    public TextWriter Out => output;

    public IReadOnlyList<Timing> Timings => _timings;

    public T Get<T>() where T : notnull => store.Services.GetRequiredService<T>();

    /// <summary>Adds a timing measured elsewhere (the funnels time themselves) to <see cref="Timings"/>.</summary>
    public void Record(Timing timing) => _timings.Add(timing);

    public void Section(string title) => output.WriteLine($"{Environment.NewLine}== {title}");

    public async Task<Timing> TimeAsync(string name, Func<CancellationToken, Task> run, CancellationToken cancellationToken, TimeSpan? target = null, int? iterations = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (var i = 0; i < WarmUp; i++)
        {
            await run(cancellationToken);
        }

        var count = iterations ?? options.Iterations;
        var samples = new double[count];
        var cpu = new double[count];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < count; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await run(cancellationToken);
            samples[i] = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }

        Array.Sort(samples);
        Array.Sort(cpu);
        var timing = new Timing(name, count, Percentile(samples, 0.5), Percentile(samples, 0.95), samples[0], samples[^1], Percentile(cpu, 0.5), target);
        _timings.Add(timing);
        var verdict = timing.MeetsTarget switch
        {
            true => $"   (target {target!.Value.TotalMilliseconds:F0} ms: met)",
            false => $"   (target {target!.Value.TotalMilliseconds:F0} ms: MISSED)",
            null => "",
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-58} median {timing.MedianMs,8:F1} ms   p95 {timing.P95Ms,8:F1} ms   min {timing.MinMs,8:F1}   max {timing.MaxMs,8:F1}   cpu {timing.CpuMedianMs,7:F1} ms   n={count}{verdict}"));
        return timing;
    }

    /// <summary>Nearest-rank percentile of sorted samples (0 for none).</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
