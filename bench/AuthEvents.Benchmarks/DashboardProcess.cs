using System.Diagnostics;
using System.Globalization;

namespace AuthEvents.Benchmarks;

/// <summary>
/// The dashboard as a user runs it (<c>dotnet run -c Release --project src/AuthEvents.Web</c>), in a process of its own,
/// over a given database, with the Entrust receiver enabled (and whatever else the caller sets) and the demo off. Killed with its children on dispose.
/// </summary>
internal sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private DashboardProcess(Process process, string log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>Starts it and waits for <c>/healthz</c>; <paramref name="environment"/> adds settings (e.g. <c>Sources__FusionAuth__Enabled</c>).</summary>
    public static async Task<DashboardProcess> StartAsync(Uri address, string database, string directory, string entrustToken, string storageKey, IReadOnlyDictionary<string, string>? environment, TextWriter output, CancellationToken cancellationToken)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "AuthEvents.Web", "AuthEvents.Web.csproj");
        var log = Path.Combine(directory, "dashboard.log");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "-c", "Release", "--no-launch-profile", "--project", project, "--", "--urls", address.GetLeftPart(UriPartial.Authority) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__AuthEvents"] = "Data Source=" + database;
        start.Environment["Storage__DataDirectory"] = directory;
        start.Environment["Storage__PayloadKey"] = storageKey;
        start.Environment["Storage__LinkingKey"] = storageKey;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Sources__Entrust__Enabled"] = "true";
        start.Environment["Sources__Entrust__WebhookToken"] = entrustToken;
        start.Environment["Sources__Entrust__CallbackUrl"] = new Uri(address, "webhooks/entrust").AbsoluteUri;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The benchmarks send every webhook from loopback at the rate asked for: they measure the dashboard, not its limit.
        start.Environment["RateLimits__WebhooksPerIp"] = "10000000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new DashboardProcess(process, log);

        // Building in Release, migrating the copy and bringing the journey index up to date can take minutes the first time.
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited ({process.ExitCode}); see its output: {string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20))}");
            }

            try
            {
                using var response = await http.GetAsync("healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(15))
            {
                await dashboard.DisposeAsync();
                throw new TimeoutException("The dashboard did not answer /healthz within 15 minutes.");
            }

            await Task.Delay(500, cancellationToken);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Dashboard process up at {address} after {watch.Elapsed.TotalSeconds:N0} s (build included); its output: {log}"));
        return dashboard;
    }

    /// <summary>CPU time used so far by the process and its children (<c>dotnet run</c> starts the app as a child), from /proc.</summary>
    public TimeSpan CpuTime => TimeSpan.FromSeconds(Tree(_process.Id, TicksOf) / 100.0);

    /// <summary>Resident memory of the process and its children now (VmRSS from /proc), in bytes.</summary>
    public long ResidentBytes => Tree(_process.Id, ResidentOf);

    /// <summary>The dashboard itself (the <c>AuthEvents.Web</c> process under <c>dotnet run</c>); null until it runs.</summary>
    public int? AppProcessId => Descendants(_process.Id).Cast<int?>().FirstOrDefault(pid => ReadOrNull($"/proc/{pid}/comm")?.Trim() == "AuthEvents.Web");

    private static IEnumerable<int> Descendants(int pid)
    {
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.EnumerateDirectories($"/proc/{pid}/task") : [])
        {
            foreach (var child in (ReadOrNull(Path.Combine(task, "children")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var id = int.Parse(child, CultureInfo.InvariantCulture);
                yield return id;
                foreach (var below in Descendants(id))
                {
                    yield return below;
                }
            }
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15 (clock ticks, 100 a second).
    private static long TicksOf(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long ResidentOf(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    // The measure of the process and of each of its descendants, added up; 0 for one that has gone.
    private static long Tree(int pid, Func<int, long> measure)
    {
        if (!Directory.Exists($"/proc/{pid}"))
        {
            return 0;
        }

        long total;
        try
        {
            total = measure(pid);
        }
        catch (IOException)
        {
            return 0;
        }

        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            var children = Path.Combine(task, "children");
            if (File.Exists(children))
            {
                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    total += Tree(int.Parse(child, CultureInfo.InvariantCulture), measure);
                }
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AuthEvents.Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AuthEvents.Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
