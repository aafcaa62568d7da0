namespace AuthEvents.Benchmarks;

/// <summary>
/// The subcommands. To add one, write its benchmarks in a file of their own (a static class with
/// <c>Task RunAsync(BenchContext, CancellationToken)</c>) and add one line to <see cref="All"/>: the 1M-event dataset, the options, the
/// timer and the summary are shared. A command that parses its own options and builds its own data goes in
/// <see cref="Raw"/> instead and gets the arguments after its name; one that loads the dataset itself goes in <see cref="Loading"/>.
/// </summary>
internal static class BenchCommands
{
    public static IReadOnlyDictionary<string, Func<BenchContext, CancellationToken, Task>> All { get; } = new Dictionary<string, Func<BenchContext, CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
    {
        // Issue 4: overview, failures, /live and export (the "overview" command runs all four).
        ["overview"] = DashboardBenchmarks.RunAllAsync,
        ["overview-set"] = DashboardBenchmarks.OverviewAsync,
        ["failures"] = DashboardBenchmarks.FailuresAsync,
        ["live"] = DashboardBenchmarks.LiveAsync,
        ["export"] = DashboardBenchmarks.ExportAsync,

        // Issue 4: /live in a browser, with the dashboard as its own process over a copy of the dataset.
        ["live-browser"] = LiveBrowserBenchmark.RunAsync,

        // Issue 13: what each open /live and overview page costs the dashboard at a steady webhook load.
        ["viewers"] = ViewersBenchmark.RunAsync,

        // Issue 5: the built-in funnels over the same dataset (see also the "funnel" command below).
        ["journeys"] = FunnelBenchmark.OnDatasetAsync,

        // Issue 13: free text from the search index.
        ["search"] = SearchBenchmark.RunAsync,
    };

    /// <summary>Commands that build the dataset themselves, taking figures while it loads (the PostgreSQL server, if any, is started for them).</summary>
    public static IReadOnlyDictionary<string, Func<BenchOptions, BenchServer?, TextWriter, CancellationToken, Task<int>>> Loading { get; } =
        new Dictionary<string, Func<BenchOptions, BenchServer?, TextWriter, CancellationToken, Task<int>>>(StringComparer.OrdinalIgnoreCase)
        {
            // Issue 13: builds (or finds) the cached dataset; ingest rate beside the raw insert rate, bytes per event, journey rebuild rate.
            ["generate"] = (options, server, output, token) => ScaleBenchmark.RunAsync(options, server, output, queries: false, token),

            // Issue 13: the same figures and every query set at each checkpoint (--checkpoints; 1M by default) and at the full size, with a summary against the targets.
            ["scale"] = (options, server, output, token) => ScaleBenchmark.RunAsync(options, server, output, queries: true, token),
        };

    public static IReadOnlyDictionary<string, Func<string[], CancellationToken, Task<int>>> Raw { get; } =
        new Dictionary<string, Func<string[], CancellationToken, Task<int>>>(StringComparer.OrdinalIgnoreCase)
        {
            // Issue 5: funnels over their own journey-indexed dataset (parses its own options; see FunnelBenchmark.Usage).
            ["funnel"] = (rest, token) => FunnelBenchmark.RunAsync(rest, Console.Out, token),

            // Issue 10: Login.gov SET decode rate beside the raw RSA-OAEP rate, FusionAuth signature JWTs (see JoseBenchmark.Usage).
            ["jose"] = (rest, token) => JoseBenchmark.RunAsync(rest, Console.Out, token),
        };
}
