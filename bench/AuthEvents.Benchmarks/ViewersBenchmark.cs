using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AuthEvents.Demo.Entrust;
using Microsoft.Playwright;

namespace AuthEvents.Benchmarks;

/// <summary>
/// <c>viewers</c>: what each open page costs the dashboard. The dashboard runs as its own process over a copy of the
/// million-event dataset while signed Entrust webhooks arrive at a steady rate; headless Chromium opens /live pages
/// (all on the default Live view), 0, 5, 10 and 20 of them, then the same for the overview. At each level the dashboard
/// process's CPU (utime + stime from /proc over a steady window), resident memory (median of one sample a second) and,
/// where <c>dotnet-gcdump</c> is installed, its managed heap after a full GC (which the dump forces) are measured, and the
/// least-squares slope over the levels gives the cost of one more viewer. RSS mostly follows how much the server GC keeps
/// committed; the heap after a full GC is what the pages hold.
/// </summary>
internal static class ViewersBenchmark
{
    // After pages open (or close): their first reads, and circuits that went, settle before the window starts.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var window = TimeSpan.FromSeconds(options.LoadSeconds);
        context.Section(string.Create(CultureInfo.InvariantCulture,
            $"Viewers: the dashboard's CPU and memory with 0, {string.Join(", ", options.Viewers)} pages open, at {options.Rate} events/s ({window.TotalSeconds:N0} s windows)"));
        context.Out.WriteLine($"  Load average at the start: {LoadAverage()} ({Environment.ProcessorCount} CPUs)");

        var directory = Path.Combine(Path.GetTempPath(), "authevents-viewers-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await context.Store.CheckpointAsync(cancellationToken);
            var database = Path.Combine(directory, "authevents.db");
            File.Copy(context.Store.RequireFile(), database);
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var address = new Uri($"http://127.0.0.1:{LiveBrowserBenchmark.FreePort()}/");
            await using var dashboard = await DashboardProcess.StartAsync(address, database, directory, token, BenchStore.KeyFor(options.Spec.Seed), null, context.Out, cancellationToken);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var sender = new WebhookSender(http, new EntrustSignatureSigner(token), new Uri(address, "webhooks/entrust"));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LiveBrowserBenchmark.LaunchChromiumAsync(playwright);

            // The load runs through every level; it stops when the last window ends.
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var load = sender.SustainAsync(options.Rate, TimeSpan.FromHours(2), stopLoad.Token);
            await Task.Delay(Settle, cancellationToken);

            var live = await SeriesAsync(context, dashboard, sender, browser, address, "live", "[data-testid=live-count]", window, cancellationToken);
            var overview = await SeriesAsync(context, dashboard, sender, browser, address, "", "[data-testid=kpi-attempts] .ae-tile-value", window, cancellationToken);

            await stopLoad.CancelAsync();
            try
            {
                await load;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Webhooks answered 2xx during the run: {sender.Acknowledged:N0}"));
            context.Out.WriteLine($"  Load average at the end: {LoadAverage()}");
            Target(context, "/live", live, cpuPercent: 1, megabytes: 5);
            Target(context, "overview", overview, cpuPercent: 1, megabytes: 5);
            context.Out.WriteLine("  (CPU per viewer: fitted on pages and webhooks/s; memory: the managed heap after a full GC where dotnet-gcdump is installed, otherwise RSS.)");
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // Opens pages of one kind level by level, measures at each (and with none), closes them; returns the costs per page.
    // On a shared machine the sender does not always keep the rate, and ingest is most of the dashboard's CPU: the cost
    // per page is also fitted with the webhooks answered in each window as a second variable.
    private static async Task<(double CpuPercent, double Megabytes)> SeriesAsync(
        BenchContext context, DashboardProcess dashboard, WebhookSender sender, IBrowser browser, Uri address, string path, string figure, TimeSpan window, CancellationToken cancellationToken)
    {
        var name = path.Length == 0 ? "overview" : "/" + path;
        context.Out.WriteLine($"  {name}:");
        var pages = new List<IPage>();
        var levels = new List<(int Pages, double CpuPercent, double Megabytes, double Rate, double? Heap)>();
        try
        {
            foreach (var level in context.Options.Viewers.Prepend(0))
            {
                var opening = Stopwatch.StartNew();
                while (pages.Count < level)
                {
                    pages.Add(await OpenAsync(browser, address, path, figure, cancellationToken));
                }

                var opened = opening.Elapsed;
                await Task.Delay(Settle, cancellationToken);
                var shownBefore = await ShownAsync(pages, figure);
                var acknowledged = sender.Acknowledged;
                var (cpu, megabytes, elapsed) = await MeasureAsync(dashboard, window, cancellationToken);
                var rate = (sender.Acknowledged - acknowledged) / elapsed.TotalSeconds;
                var shownAfter = await ShownAsync(pages, figure);
                var moved = shownBefore.Zip(shownAfter).Count(p => p.First != p.Second);
                var heap = await HeapAfterGcAsync(dashboard, cancellationToken);
                levels.Add((level, cpu, megabytes, rate, heap));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {level,3} pages: dashboard CPU {cpu,6:N1} % of a core, RSS {megabytes,7:N1} MB, heap after GC {(heap is { } h ? h.ToString("N1", CultureInfo.InvariantCulture) + " MB" : "n/a")}, webhooks {rate,5:N0}/s   ({(level == 0 ? "" : $"opened in {opened.TotalSeconds:N0} s; ")}{moved} of {pages.Count} pages' figures moved during the window; load average {LoadAverage()})"));
            }
        }
        finally
        {
            foreach (var page in pages)
            {
                // Leaving the page first sends Blazor's disconnect, so its circuit ends now rather than being kept for 3 minutes.
                await page.GotoAsync("about:blank");
                await page.Context.CloseAsync();
            }
        }

        // Circuits end when their pages close: the next series starts from the dashboard without them.
        await Task.Delay(Settle, cancellationToken);
        var cpuSlope = Slope(levels.Select(l => ((double)l.Pages, l.CpuPercent)).ToList());
        var memorySlope = Slope(levels.Select(l => ((double)l.Pages, l.Megabytes)).ToList());
        double? heapSlope = null;
        var (perPage, perEvent) = Fit(levels.Select(l => ((double)l.Pages, l.Rate, l.CpuPercent)).ToList());
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    per added {name} page (least-squares slope over {levels.Count} levels): {cpuSlope:N2} % of a core, {memorySlope:N2} MB"));
        if (levels.All(l => l.Heap is not null))
        {
            heapSlope = Slope(levels.Select(l => ((double)l.Pages, l.Heap!.Value)).ToList());
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    managed heap after a full GC, per added {name} page: {heapSlope:N2} MB"));
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    the same CPU, fitted on pages and webhooks/s together: {perPage:N2} % of a core per page, {perEvent * 100:N2} % per 100 webhooks/s"));
        return (levels.Count > 2 ? perPage : cpuSlope, heapSlope ?? memorySlope);
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri address, string path, string figure, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync("/" + path);
        // Interactive: the circuit rendered the page's figures.
        await page.WaitForSelectorAsync(figure, new() { Timeout = 180_000 });
        return page;
    }

    private static async Task<List<string>> ShownAsync(List<IPage> pages, string figure)
    {
        var shown = new List<string>();
        foreach (var page in pages)
        {
            shown.Add(await page.Locator(figure).First.InnerTextAsync(new() { Timeout = 30_000 }));
        }

        return shown;
    }

    // CPU over the window as a share of one core; resident memory as the median of one sample a second.
    private static async Task<(double CpuPercent, double Megabytes, TimeSpan Elapsed)> MeasureAsync(DashboardProcess dashboard, TimeSpan window, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        var cpuBefore = dashboard.CpuTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            samples.Add(dashboard.ResidentBytes);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var cpu = (dashboard.CpuTime - cpuBefore) / clock.Elapsed * 100;
        var sorted = samples.Order().ToArray();
        return (cpu, sorted[sorted.Length / 2] / 1024.0 / 1024.0, clock.Elapsed);
    }

    // The dashboard's managed heap after a full GC, in MB, from dotnet-gcdump (a global .NET tool); null without it.
    private static async Task<double?> HeapAfterGcAsync(DashboardProcess dashboard, CancellationToken cancellationToken)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool) || dashboard.AppProcessId is not { } pid)
        {
            return null;
        }

        var dump = Path.Combine(Path.GetTempPath(), $"authevents-viewers-{pid}.gcdump");
        try
        {
            await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump], cancellationToken);
            var report = await RunAsync(tool, ["report", dump], cancellationToken);
            var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<string> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return await output;
    }

    /// <summary>The least-squares slope of y over x.</summary>
    internal static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    /// <summary>Least squares of y on two variables (with an intercept): the coefficients of the first and the second.</summary>
    internal static (double First, double Second) Fit(IReadOnlyList<(double A, double B, double Y)> points)
    {
        var (meanA, meanB, meanY) = (points.Average(p => p.A), points.Average(p => p.B), points.Average(p => p.Y));
        double saa = 0, sbb = 0, sab = 0, say = 0, sby = 0;
        foreach (var (a, b, y) in points)
        {
            var (da, db, dy) = (a - meanA, b - meanB, y - meanY);
            (saa, sbb, sab, say, sby) = (saa + (da * da), sbb + (db * db), sab + (da * db), say + (da * dy), sby + (db * dy));
        }

        var determinant = (saa * sbb) - (sab * sab);
        return determinant == 0 ? (0, 0) : (((sbb * say) - (sab * sby)) / determinant, ((saa * sby) - (sab * say)) / determinant);
    }

    private static void Target(BenchContext context, string name, (double CpuPercent, double Megabytes) slope, double cpuPercent, double megabytes) =>
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Per added {name} viewer: {slope.CpuPercent:N2} % of a core (target ≤ {cpuPercent:N0} %: {Verdict(slope.CpuPercent, cpuPercent)}), {slope.Megabytes:N2} MB (target ≤ {megabytes:N0} MB: {Verdict(slope.Megabytes, megabytes)})"));

    // A negative cost per viewer is noise larger than the cost (another load moved more): it shows nothing either way.
    private static string Verdict(double value, double target) => value < 0 ? "below the noise, not shown" : value <= target ? "met" : "MISSED";

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
