using System.Diagnostics;

namespace AuthEvents.Ci;

/// <summary>
/// Runs <c>.ci/postgres</c> (a throwaway cluster from Debian's packages) for the tests and the benchmarks, which link
/// this file: found above the build output or the working directory, run with bash, its output returned trimmed.
/// </summary>
internal static class PostgresScript
{
    /// <summary>The script, or null when none is above the build output or the working directory.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, ".ci", "postgres");
                if (File.Exists(script))
                {
                    return script;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <c>postgres {command} {cluster}</c> and returns what it printed (the connection string for <c>start</c>).
    /// <paramref name="fast"/> turns fsync off (<c>PG_FAST=1</c>) for tests; without it the variable is removed, so a
    /// benchmark never measures a server that does not flush.
    /// </summary>
    /// <exception cref="InvalidOperationException">The script failed; the message carries its error output.</exception>
    public static string Run(string script, string command, string cluster, bool fast)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(cluster);
        if (fast)
        {
            start.Environment["PG_FAST"] = "1";
        }
        else
        {
            start.Environment.Remove("PG_FAST");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($".ci/postgres {command} {cluster} failed ({process.ExitCode}): {error.Result}");
    }
}
