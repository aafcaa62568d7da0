using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;
using Microsoft.Playwright;

namespace AuthEvents.Benchmarks;

/// <summary>
/// <c>live-browser</c>: the dashboard as a separate process over a copy of the million-event dataset, with the Entrust
/// receiver enabled, and /live open in headless Chromium. It measures, in the browser, how long after a webhook's
/// 2xx the event's row appears (idle, and during a sustained webhook load), and how the page keeps up at that load:
/// frame gaps and long tasks on the page's main thread, and how long the Pause and Resume buttons take to answer.
/// </summary>
internal static class LiveBrowserBenchmark
{
    // Markers carry an address from the shared address space (100.64.0.0/10), which neither the simulator nor the load uses,
    // so the page can spot their rows.

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var rate = options.Rate;
        var seconds = options.LoadSeconds;
        context.Section($"/live in Chromium: a webhook's 2xx to its row on screen, idle and at {rate} events/s for {seconds} s");

        var directory = Path.Combine(Path.GetTempPath(), "authevents-live-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var completed = false;
        try
        {
            await context.Store.CheckpointAsync(cancellationToken);
            var database = Path.Combine(directory, "authevents.db");
            File.Copy(context.Store.RequireFile(), database);
            context.Out.WriteLine($"  Copied the dataset to {database} (the run adds events to the copy, never to the cached file).");
            var stored = new StoredCounter(database);
            var before = await stored.CountAsync(0, cancellationToken);

            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var address = new Uri($"http://127.0.0.1:{FreePort()}/");
            await using var dashboard = await DashboardProcess.StartAsync(address, database, directory, token, BenchStore.KeyFor(options.Spec.Seed), null, context.Out, cancellationToken);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var sender = new WebhookSender(http, new EntrustSignatureSigner(token), new Uri(address, "webhooks/entrust"));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchChromiumAsync(playwright);

            // Two analysts: one watches everything (the page whose responsiveness is measured), one has /live filtered to
            // the markers' addresses, where a marker's row is always on screen (in the unfiltered grid, at 200 events/s a
            // marker is usually below the rows a virtualized grid renders, so it cannot be timed there).
            var all = await OpenLiveAsync(browser, address, options.Page, context.Out, cancellationToken);
            var watched = "/" + options.Page;
            var clickable = options.Page.Split('?')[0] == "live";
            var watch = await OpenLiveAsync(browser, address, "live?q=100.64", context.Out, cancellationToken);

            // Idle: one marker a second.
            var idle = new List<double>();
            var marker = 0;
            for (; marker < options.Markers; marker++)
            {
                idle.Add(await MarkerLatencyAsync(watch, sender, marker, cancellationToken));
                await Task.Delay(TimeSpan.FromMilliseconds(700 + Random.Shared.Next(600)), cancellationToken);
            }

            Report(context, "Idle: 2xx to row on screen", idle, TimeSpan.FromSeconds(1));

            // Sustained load on a fixed schedule. Markers go on all the time; in the second half the unfiltered page is
            // also paused and resumed by clicks. The store is sampled every second for events acknowledged but not yet stored.
            await all.EvaluateAsync("() => window.aeProbe.reset()");
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var backlog = stored.SampleBacklogAsync(before, () => sender.Acknowledged, sampling.Token);
            var cpuBefore = dashboard.CpuTime;
            var load = sender.SustainAsync(rate, TimeSpan.FromSeconds(seconds), cancellationToken);
            var started = Stopwatch.StartNew();
            var loaded = new List<double>();
            var markers = Task.Run(async () =>
            {
                while (started.Elapsed < TimeSpan.FromSeconds(seconds - 2))
                {
                    loaded.Add(await MarkerLatencyAsync(watch, sender, marker++, cancellationToken));
                    await Task.Delay(TimeSpan.FromMilliseconds(700 + Random.Shared.Next(600)), cancellationToken);
                }
            }, cancellationToken);

            var clicks = new List<double>();
            var calm = Task.Delay(TimeSpan.FromSeconds(seconds / 2.0), cancellationToken);
            TraceBreakdown? trace = null;
            if (options.Trace)
            {
                // The first half of the load, before any clicks: where the unfiltered page's main thread spends its time.
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                trace = await TraceBreakdown.RecordAsync(all, TimeSpan.FromSeconds(Math.Clamp(seconds / 2.0 - 4, 1, 20)), cancellationToken);
            }

            await calm;
            while (clickable && started.Elapsed < TimeSpan.FromSeconds(seconds - 4))
            {
                clicks.Add(await ClickUntilAsync(all, "Paused"));
                await Task.Delay(1500, cancellationToken);
                clicks.Add(await ClickUntilAsync(all, "Live"));
                await Task.Delay(1500, cancellationToken);
            }

            var sent = await load;
            var probe = await all.EvaluateAsync<JsonElement>("() => window.aeProbe.summary()");
            await markers;

            // Catching up: time from the load's end until every acknowledged event is stored.
            var drain = Stopwatch.StartNew();
            while (await stored.CountAsync(before, cancellationToken) < sender.Acknowledged)
            {
                await Task.Delay(100, cancellationToken);
            }

            var drained = drain.Elapsed;
            await sampling.CancelAsync();
            var maxBacklog = await backlog;

            Report(context, $"At {rate}/s: 2xx to row on screen (filtered /live)", loaded, TimeSpan.FromSeconds(1));
            Report(context, $"At {rate}/s: Pause/Resume click to the status changing", clicks, TimeSpan.FromMilliseconds(200));
            var acks = sent.AckMs.OrderBy(x => x).ToArray();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Load: {sent.Sent:N0} webhooks in {sent.Elapsed.TotalSeconds:N1} s ({sent.Sent / sent.Elapsed.TotalSeconds:N0}/s), {sent.Failed:N0} not 2xx; 2xx latency median {BenchContext.Percentile(acks, 0.5):N1} ms, p95 {BenchContext.Percentile(acks, 0.95):N1} ms, max {(acks.Length > 0 ? acks[^1] : 0):N1} ms"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Store: at most {maxBacklog:N0} acknowledged events not yet stored; every event stored {drained.TotalMilliseconds:N0} ms after the load ended"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {watched} main thread over {probe.GetProperty("seconds").GetDouble():N0} s: {probe.GetProperty("frames").GetInt32():N0} frames, longest gap {probe.GetProperty("maxGapMs").GetDouble():N0} ms, {probe.GetProperty("slowFrames").GetInt32():N0} gaps over 100 ms, long tasks {probe.GetProperty("longTasks").GetInt32():N0} totalling {probe.GetProperty("longTaskMs").GetDouble():N0} ms ({probe.GetProperty("longTaskMs").GetDouble() / 10 / probe.GetProperty("seconds").GetDouble():N1} % of the time)"));
            trace?.Print(context.Out, $"{watched} main thread, traced (self time by kind of work)");
            var cpu = dashboard.CpuTime - cpuBefore;
            var span = started.Elapsed;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Dashboard process: {cpu.TotalSeconds:N1} s of CPU over the {span.TotalSeconds:N0} s from the load's start to the last event stored ({cpu / span:P0} of one core)"));
            completed = true;
        }
        finally
        {
            if (completed)
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
            else
            {
                context.Out.WriteLine($"  Kept {directory} (the dashboard's output is dashboard.log).");
            }
        }
    }

    private static async Task<IPage> OpenLiveAsync(IBrowser browser, Uri address, string path, TextWriter output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var opened = Stopwatch.StartNew();
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('h1') !== null", null, new() { Timeout = 120_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 30_000 });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  /{path} interactive after {opened.Elapsed.TotalMilliseconds:N0} ms."));
        await page.EvaluateAsync(PageProbe);
        return page;
    }

    private static string Marker(int i) => string.Create(CultureInfo.InvariantCulture, $"100.64.{i / 250}.{1 + (i % 250)}");

    // Sends one marker event and waits until its row is on screen: milliseconds from the 2xx (bench clock) to the
    // first sighting (page clock; the same machine's clock).
    private static async Task<double> MarkerLatencyAsync(IPage page, WebhookSender sender, int marker, CancellationToken cancellationToken)
    {
        var ip = Marker(marker);
        await page.EvaluateAsync("ip => window.aeProbe.watch(ip)", ip);
        var acked = await sender.SendAsync(ip, cancellationToken);
        try
        {
            var seen = await page.WaitForFunctionAsync("() => window.aeProbe.found()", null, new() { Timeout = 120_000, PollingInterval = 25 });
            return await seen.JsonValueAsync<double>() - acked.ToUnixTimeMilliseconds();
        }
        catch (TimeoutException)
        {
            var first = await page.Locator("[data-testid=event-grid] tbody tr[data-event-id]").First.InnerTextAsync();
            throw new TimeoutException($"The row of {ip} did not show within 2 minutes of its 2xx; the page's first row: {first.ReplaceLineEndings(" ")}");
        }
    }

    // From the click event in the page to the status showing the text, both on the page's clock: what the analyst waits
    // for, without the test driver's own polling in it.
    private static async Task<double> ClickUntilAsync(IPage page, string text)
    {
        await page.EvaluateAsync("text => window.aeProbe.expectStatus(text)", text);
        await page.GetByTestId("pause-button").ClickAsync(new() { Timeout = 30_000 });
        var answered = await page.WaitForFunctionAsync("() => window.aeProbe.statusLatency()", null, new() { Timeout = 30_000, PollingInterval = 50 });
        return await answered.JsonValueAsync<double>();
    }

    private static void Report(BenchContext context, string name, List<double> samples, TimeSpan target)
    {
        var sorted = samples.OrderBy(x => x).ToArray();
        if (sorted.Length == 0)
        {
            context.Out.WriteLine($"  {name,-58} no samples (the load was too short)");
            return;
        }

        var median = BenchContext.Percentile(sorted, 0.5);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-58} median {median,8:F0} ms   p95 {BenchContext.Percentile(sorted, 0.95),8:F0} ms   min {sorted[0],6:F0}   max {sorted[^1],6:F0}   n={sorted.Length}   (target {target.TotalMilliseconds:F0} ms: {(median <= target.TotalMilliseconds ? "met" : "MISSED")})"));
    }

    /// <summary>Debian's headless Chromium, or <c>$AUTHEVENTS_CHROMIUM</c>.</summary>
    internal static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("AUTHEVENTS_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Watches the grid for marker addresses (first sighting time per address after a given moment) and the main thread:
    // frame gaps from requestAnimationFrame and long tasks from the Long Tasks API.
    private const string PageProbe = """
        () => {
          const probe = { pending: null, pattern: null, found: null, frames: 0, maxGap: 0, slow: 0, longTasks: 0, longTaskMs: 0, start: performance.now(), last: performance.now() };
          const scan = () => {
            if (probe.pending === null || probe.found !== null) return;
            for (const row of document.querySelectorAll('[data-testid=event-grid] tbody tr[data-event-id]')) {
              if (probe.pattern.test(row.textContent)) { probe.found = Date.now(); return; }
            }
          };
          new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
          new PerformanceObserver(list => { for (const e of list.getEntries()) { probe.longTasks++; probe.longTaskMs += e.duration; } }).observe({ entryTypes: ['longtask'] });
          const frame = now => { probe.frames++; const gap = now - probe.last; probe.last = now; if (gap > probe.maxGap) probe.maxGap = gap; if (gap > 100) probe.slow++; requestAnimationFrame(frame); };
          requestAnimationFrame(frame);
          // Pause/Resume: the click's time (capture phase, before Blazor sees it) and when the status first shows the text.
          const click = { text: null, at: null, shown: null };
          document.addEventListener('click', e => { if (click.text !== null && click.at === null && e.target.closest('[data-testid=pause-button]')) click.at = performance.now(); }, true);
          new MutationObserver(() => {
            if (click.at === null || click.shown !== null) return;
            if ((document.querySelector('[data-testid=live-status]')?.textContent ?? '').includes(click.text)) click.shown = performance.now();
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
          window.aeProbe = {
            expectStatus: text => { click.text = text; click.at = null; click.shown = null; },
            statusLatency: () => click.shown === null ? null : click.shown - click.at,
            // Watch for a row with this address (an address no other event uses); found() is when it first showed.
            watch: ip => { probe.pending = ip; probe.pattern = new RegExp(ip.replaceAll('.', '\\.') + '(?![0-9])'); probe.found = null; scan(); },
            found: () => probe.found,
            reset: () => { probe.frames = 0; probe.maxGap = 0; probe.slow = 0; probe.longTasks = 0; probe.longTaskMs = 0; probe.start = performance.now(); probe.last = performance.now(); },
            summary: () => ({ seconds: (performance.now() - probe.start) / 1000, frames: probe.frames, maxGapMs: probe.maxGap, slowFrames: probe.slow, longTasks: probe.longTasks, longTaskMs: probe.longTaskMs }),
          };
        }
        """;
}
