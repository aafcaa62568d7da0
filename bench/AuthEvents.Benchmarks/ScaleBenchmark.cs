using System.Globalization;
using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Issue 13: <c>scale</c> loads the dataset through <see cref="EventStore.CommitAsync"/>, stopping at each checkpoint
/// (default 1,000,000 when loading more) and at the full size to take every figure: ingest rates (one writer; on
/// PostgreSQL also two at once), the raw insert rate of the same rows and the ratio, bytes per event, the journey index
/// rebuild rate, and the query sets of <c>overview</c>, <c>failures</c>, <c>live</c>, <c>journeys</c>, <c>search</c>
/// and <c>export</c>. A summary at the end lists each figure against issue 13's target. <c>generate</c> takes the same
/// figures without the queries, at the full size only.
/// </summary>
internal static class ScaleBenchmark
{
    /// <summary>Rows copied for the raw insert rate: the first million stored events at most, so that it stays a minute or so at any size.</summary>
    private const int RawRows = 1_000_000;
    private const double IngestTarget = 10_000;
    private const double RatioTarget = 0.30;
    private const double BytesTarget = 700;
    private const double RebuildTarget = 10_000;

    public static async Task<int> RunAsync(BenchOptions options, BenchServer? server, TextWriter output, bool queries, CancellationToken cancellationToken)
    {
        if (queries && options.Checkpoints.Count == 0 && options.Spec.Events > 1_000_000)
        {
            options = options with { Checkpoints = [1_000_000] };
        }
        else if (!queries)
        {
            options = options with { Checkpoints = [] };
        }

        var summary = new List<Figure>();
        await using var store = await BenchDataset.OpenAsync(options, server, output,
            (at, load) => FiguresAsync(at, load, options, queries, summary, output, cancellationToken), cancellationToken);
        var final = store.Load;
        if (final is null && options.Checkpoints.Any(c => c < options.Spec.Events))
        {
            output.WriteLine("(The dataset was cached, so this run measures neither ingest nor the checkpoints below its full size: --rebuild loads it again.)");
        }

        await FiguresAsync(store, final, options, queries, summary, output, cancellationToken);
        PrintSummary(options, summary, output);
        return 0;
    }

    private static async Task FiguresAsync(BenchStore store, LoadReport? load, BenchOptions options, bool queries, List<Figure> summary, TextWriter output, CancellationToken cancellationToken)
    {
        long events;
        DateTimeOffset now;
        await using (var db = await store.Contexts.CreateDbContextAsync(cancellationToken))
        {
            events = await db.Events.LongCountAsync(cancellationToken);
            now = new DateTimeOffset(await db.Events.MaxAsync(e => e.OccurredAtTicks, cancellationToken), TimeSpan.Zero);
        }

        var at = string.Create(CultureInfo.InvariantCulture, $"{events:N0}");
        var sqlite = store.Provider == StoreProvider.Sqlite;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==== {events:N0} events on {store.Provider}, newest {now:u}; load average {LoadAverage()}"));
        if (!sqlite)
        {
            // Fresh planner statistics, as autovacuum's analyze keeps them on a server that has been running: right after
            // a bulk load a table's statistics can still say it is nearly empty, and the plans then are not the server's.
            var analyzing = System.Diagnostics.Stopwatch.StartNew();
            await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(ANALYZE took {analyzing.Elapsed.TotalSeconds:F1} s)"));
        }
        output.WriteLine("== Ingest");
        var raw = await StoreFigures.RawInsertAsync(store, Math.Min(events, RawRows), cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  raw insert of the first {raw.Rows:N0} stored rows into a table of the same shape and indexes ({raw.Method}): {raw.Rate:N0} rows/s"));
        if (load is null)
        {
            output.WriteLine("  (the dataset was reused: --rebuild to time EventStore.CommitAsync in the same run)");
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  loading since the last checkpoint, {load.Writers} writer(s), generation beside: {load.Loaded:N0} events in {load.Wall.TotalSeconds:F1} s, {load.Rate:N0} events/s ({load.Rate / raw.Rate:P1} of raw)"));
            foreach (var sample in load.Samples)
            {
                var ratio = sample.Rate / raw.Rate;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  EventStore.CommitAsync, {sample.Writers} writer(s), {sample.Events:N0} events generated beforehand: {sample.Rate:N0} events/s, {ratio:P1} of raw"));
                var name = $"ingest, {sample.Writers} writer{(sample.Writers == 1 ? "" : "s")}";
                var rateTarget = sqlite || sample.Writers >= 2;
                summary.Add(new Figure(at, name, $"{sample.Rate:N0} events/s", rateTarget ? $">= {IngestTarget:N0} events/s" : "", rateTarget ? sample.Rate >= IngestTarget : null));
                summary.Add(new Figure(at, name + " / raw insert", $"{ratio:P1} of {raw.Rate:N0} rows/s", sqlite ? $">= {RatioTarget:P0}" : "", sqlite ? ratio >= RatioTarget : null));
            }
        }

        var bytes = await StoreFigures.PrintSpaceAsync(store, events, output, cancellationToken);
        var perEvent = bytes / (double)events;
        summary.Add(new Figure(at, "bytes per event", $"{perEvent:N0} ({bytes / 1024.0 / 1024:N0} MiB)", sqlite ? $"<= {BytesTarget:N0}" : "", sqlite ? perEvent <= BytesTarget : null));

        var (indexed, time) = await StoreFigures.RebuildJourneysAsync(store, cancellationToken);
        var rebuild = indexed / time.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  journey index rebuild: {indexed:N0} events in {time.TotalSeconds:F1} s, {rebuild:N0} events/s"));
        summary.Add(new Figure(at, "journey index rebuild", $"{rebuild:N0} events/s", $">= {RebuildTarget:N0} events/s", rebuild >= RebuildTarget));

        if (!queries)
        {
            return;
        }

        var context = new BenchContext(store, options, now, output);
        await DashboardBenchmarks.OverviewAsync(context, cancellationToken);
        await DashboardBenchmarks.FailuresAsync(context, cancellationToken);
        await DashboardBenchmarks.LiveAsync(context, cancellationToken);
        await FunnelBenchmark.OnDatasetAsync(context, cancellationToken);
        await SearchBenchmark.RunAsync(context, cancellationToken);
        await DashboardBenchmarks.ExportAsync(context, cancellationToken);
        foreach (var timing in context.Timings.Where(t => t.Target is not null || t.Name.StartsWith("export", StringComparison.Ordinal)))
        {
            var value = string.Create(CultureInfo.InvariantCulture, $"median {timing.MedianMs:N1} ms, p95 {timing.P95Ms:N1} ms");
            summary.Add(timing.Target is { } target
                ? new Figure(at, timing.Name, value, string.Create(CultureInfo.InvariantCulture, $"<= {target.TotalMilliseconds:N0} ms"), timing.MedianMs <= target.TotalMilliseconds && timing.P95Ms <= target.TotalMilliseconds)
                : new Figure(at, timing.Name, value, "", null));
        }
    }

    private static void PrintSummary(BenchOptions options, List<Figure> summary, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==== Summary: {options.Provider}, {options.Spec.Events:N0} events over {options.Spec.Days} days, {Environment.ProcessorCount} CPUs, load average at end {LoadAverage()}"));
        output.WriteLine("     (a time target is MET when both the median and the p95 are within it)");
        var width = Math.Max(40, summary.Max(f => f.Name.Length));
        foreach (var group in summary.GroupBy(f => f.At))
        {
            output.WriteLine($"  at {group.Key} events");
            foreach (var figure in group)
            {
                var verdict = figure.Met switch
                {
                    true => "MET",
                    false => "NOT MET",
                    null => "",
                };
                output.WriteLine($"    {figure.Name.PadRight(width)}  {figure.Value,-36} {(figure.Target.Length == 0 ? "(no target)" : figure.Target),-20} {verdict}");
            }
        }

        var missed = summary.Count(f => f.Met == false);
        var met = summary.Count(f => f.Met == true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {met} of {met + missed} targets met."));
    }

    private static string LoadAverage() => FunnelBenchmark.LoadAverage();

    private sealed record Figure(string At, string Name, string Value, string Target, bool? Met);
}
