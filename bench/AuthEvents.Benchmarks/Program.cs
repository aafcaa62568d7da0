using AuthEvents.Benchmarks;

// Subcommands; each parses its own options. (The overview/failures benchmarks of issue 4 join this dispatch at merge.)
var commands = new Dictionary<string, Func<string[], CancellationToken, Task<int>>>(StringComparer.Ordinal)
{
    ["funnel"] = (rest, token) => FunnelBenchmark.RunAsync(rest, Console.Out, token),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: AuthEvents.Benchmarks <command> [options]; commands: " + string.Join(", ", commands.Keys));
    Console.Error.WriteLine(FunnelBenchmark.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await command(args[1..], cancel.Token);
