using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Where one page's main thread spent its time in a Chromium trace (devtools.timeline categories): busy time, then self
/// time by kind of work (script by file, style, layout, paint, GC), and layouts forced from script by file. It tells
/// which part of a page to make cheaper; the long-task figures only tell that something is slow.
/// </summary>
internal sealed class TraceBreakdown
{
    public static readonly string[] Categories =
        ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.stack", "v8.execute", "toplevel", "blink"];

    private readonly Dictionary<string, double> _self = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _forced = new(StringComparer.Ordinal);

    public static string SavedPath { get; } = Path.Combine(Path.GetTempPath(), "authevents-live-trace.json");

    public double Seconds { get; private set; }

    public double BusyMs { get; private set; }

    public int Tasks { get; private set; }

    public double LongestTaskMs { get; private set; }

    /// <summary>Traces the page's renderer over the DevTools protocol for a while, then reads its main thread.</summary>
    public static async Task<TraceBreakdown> RecordAsync(IPage page, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var collected = new List<JsonElement>();
        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            if (data is { } value)
            {
                lock (collected)
                {
                    collected.AddRange(value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
                }
            }
        };
        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await cdp.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object> { ["includedCategories"] = Categories, ["recordMode"] = "recordContinuously" },
        });
        await Task.Delay(duration, cancellationToken);
        await cdp.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await cdp.DetachAsync();
        byte[] trace;
        lock (collected)
        {
            trace = JsonSerializer.SerializeToUtf8Bytes(collected);
        }

        // Kept for a closer look in chrome://tracing or Perfetto.
        await File.WriteAllBytesAsync(SavedPath, trace, cancellationToken);
        return Read(trace, url => url == page.Url);
    }

    /// <summary>Reads a trace and keeps the renderer main thread of the frame whose address matches <paramref name="frameUrl"/>.</summary>
    public static TraceBreakdown Read(byte[] trace, Func<string, bool> frameUrl)
    {
        using var document = JsonDocument.Parse(trace);
        var events = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.GetProperty("traceEvents");
        var pid = RendererOf(events, frameUrl)
            ?? throw new InvalidOperationException("The trace names no renderer process for the page.");
        var tid = MainThreadOf(events, pid)
            ?? throw new InvalidOperationException("The trace names no main thread for the page's renderer.");

        var slices = new List<Slice>();
        double first = double.MaxValue, last = 0;
        foreach (var e in events.EnumerateArray())
        {
            if (!e.TryGetProperty("ph", out var ph) || ph.GetString() != "X" || Int(e, "pid") != pid || Int(e, "tid") != tid
                || !e.TryGetProperty("dur", out var dur))
            {
                continue;
            }

            var ts = e.GetProperty("ts").GetDouble();
            slices.Add(new Slice(e.GetProperty("name").GetString() ?? "", ts, dur.GetDouble(), UrlOf(e), CallerOf(e)));
            first = Math.Min(first, ts);
            last = Math.Max(last, ts + dur.GetDouble());
        }

        var result = new TraceBreakdown { Seconds = slices.Count == 0 ? 0 : (last - first) / 1e6 };
        result.Attribute(slices.OrderBy(s => s.Start).ThenByDescending(s => s.Duration).ToList());
        return result;
    }

    // Self time: each slice's duration less its children's, under the nearest enclosing slice of a known kind.
    private void Attribute(List<Slice> slices)
    {
        var stack = new Stack<(Slice Slice, double Children, string Kind, string? Script, string? Caller)>();
        void Close()
        {
            var (slice, children, kind, script, caller) = stack.Pop();
            var self = Math.Max(0, slice.Duration - children) / 1000;
            _self[kind] = _self.GetValueOrDefault(kind) + self;
            if (kind == "Layout" || kind == "Style")
            {
                if ((caller ?? script) is { } by)
                {
                    _forced[by] = _forced.GetValueOrDefault(by) + self;
                }
            }

            if (stack.Count > 0)
            {
                var parent = stack.Pop();
                stack.Push(parent with { Children = parent.Children + slice.Duration });
            }
        }

        foreach (var slice in slices)
        {
            while (stack.Count > 0 && stack.Peek().Slice.End <= slice.Start)
            {
                Close();
            }

            if (stack.Count == 0)
            {
                if (slice.Name != "RunTask")
                {
                    continue;
                }

                Tasks++;
                BusyMs += slice.Duration / 1000;
                LongestTaskMs = Math.Max(LongestTaskMs, slice.Duration / 1000);
            }

            var parent = stack.Count > 0 ? stack.Peek() : default;
            var script = slice.Url is { Length: > 0 } url ? FileOf(url) : parent.Script;
            var kind = KindOf(slice, script) ?? parent.Kind ?? "Other";
            stack.Push((slice, 0, kind, script, slice.Caller ?? parent.Caller));
        }

        while (stack.Count > 0)
        {
            Close();
        }
    }

    private static string? KindOf(Slice slice, string? script) => slice.Name switch
    {
        "FunctionCall" or "EvaluateScript" or "v8.compile" or "V8.Execute" or "TimerFire" or "FireAnimationFrame" or "EventDispatch"
            or "v8.callFunction" or "RunMicrotasks" or "XHRReadyStateChange" => $"Script {script ?? "(unknown)"}",
        "UpdateLayoutTree" or "RecalculateStyles" or "ParseAuthorStyleSheet" => "Style",
        "Layout" => "Layout",
        "Paint" or "PrePaint" or "Layerize" or "UpdateLayer" or "UpdateLayerTree" or "CompositeLayers" or "Commit" or "PaintImage"
            or "RasterTask" or "Decode Image" => "Paint",
        "MinorGC" or "MajorGC" or "V8.GC_SCAVENGER" or "V8.GC_MARK_COMPACTOR" or "BlinkGC.AtomicPhase" or "V8.GCIncrementalMarking"
            or "V8.GCScavenger" or "V8.GCFinalizeMC" or "BlinkGC.CompleteSweep" or "CppGC.IncrementalSweep" => "GC",
        "ParseHTML" => "Parse HTML",
        "HitTest" => "Hit test",
        _ => null,
    };

    private static string FileOf(string url)
    {
        var path = url.Split('?')[0];
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Length > 0 ? name : path;
    }

    private static string? UrlOf(JsonElement e) =>
        e.TryGetProperty("args", out var args) && args.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;

    // A style or layout pass forced from script carries the script's stack: its innermost frames name the caller.
    private static string? CallerOf(JsonElement e)
    {
        if (!e.TryGetProperty("args", out var args) || !args.TryGetProperty("beginData", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("stackTrace", out var stack) || stack.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var frames = stack.EnumerateArray().Take(3)
            .Select(f => $"{FileOf(f.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "")}:{(f.TryGetProperty("functionName", out var n) ? n.GetString() : "")}")
            .ToList();
        return frames.Count == 0 ? null : string.Join(" < ", frames);
    }

    private static long Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : -1;

    private static long? RendererOf(JsonElement events, Func<string, bool> frameUrl)
    {
        foreach (var e in events.EnumerateArray())
        {
            if (e.TryGetProperty("name", out var name) && name.GetString() == "TracingStartedInBrowser"
                && e.TryGetProperty("args", out var args) && args.TryGetProperty("data", out var data) && data.TryGetProperty("frames", out var frames))
            {
                foreach (var frame in frames.EnumerateArray())
                {
                    if (frame.TryGetProperty("url", out var url) && frameUrl(url.GetString() ?? "") && frame.TryGetProperty("processId", out var process))
                    {
                        return process.GetInt64();
                    }
                }
            }
        }

        return null;
    }

    private static long? MainThreadOf(JsonElement events, long pid)
    {
        foreach (var e in events.EnumerateArray())
        {
            if (e.TryGetProperty("ph", out var ph) && ph.GetString() == "M" && Int(e, "pid") == pid
                && e.GetProperty("name").GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain")
            {
                return Int(e, "tid");
            }
        }

        return null;
    }

    public void Print(TextWriter output, string title)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {title} (trace saved to {SavedPath}): {Tasks:N0} tasks over {Seconds:N1} s, busy {BusyMs:N0} ms ({BusyMs / 10 / Math.Max(Seconds, 0.001):N1} % of the time), longest task {LongestTaskMs:N0} ms"));
        foreach (var (kind, ms) in _self.OrderByDescending(p => p.Value).Where(p => p.Value >= 1).Take(14))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms,8:N0} ms  {ms / Math.Max(BusyMs, 0.001),6:P0}  {kind}"));
        }

        foreach (var (script, ms) in _forced.OrderByDescending(p => p.Value).Where(p => p.Value >= 1).Take(8))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which style and layout forced by {script}: {ms:N0} ms"));
        }
    }

    private sealed record Slice(string Name, double Start, double Duration, string? Url, string? Caller)
    {
        public double End => Start + Duration;
    }
}
