using System.Globalization;
using AuthEvents.Benchmarks;
using AuthEvents.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length > 0 && BenchCommands.Raw.TryGetValue(args[0], out var raw))
{
    return await raw(args[1..], cancel.Token);
}

var options = BenchOptions.Parse(args);
Func<BenchContext, CancellationToken, Task>? command = null;
Func<BenchOptions, BenchServer?, TextWriter, CancellationToken, Task<int>>? loading = null;
if (options is null || !(BenchCommands.All.TryGetValue(options.Command, out command) || BenchCommands.Loading.TryGetValue(options.Command, out loading)))
{
    Console.Error.WriteLine(BenchOptions.Usage);
    Console.Error.WriteLine("commands: " + string.Join(", ", BenchCommands.All.Keys.Concat(BenchCommands.Loading.Keys).Concat(BenchCommands.Raw.Keys)));
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Machine: {Environment.ProcessorCount} CPUs, {Environment.OSVersion}, .NET {Environment.Version}, load average at start: {LoadAverage()}"));
// PostgreSQL: ConnectionStrings:Bench, or a local cluster from .ci/postgres that stops when the run ends (disposed after the store).
await using var server = options.Provider == StoreProvider.PostgreSql ? await BenchServer.StartAsync(options.PostgresDirectory, Console.Out, cancel.Token) : null;
if (server is not null)
{
    Console.WriteLine($"PostgreSQL: {server.Describe()}");
}

if (loading is not null)
{
    return await loading(options, server, Console.Out, cancel.Token);
}

await using var store = await BenchDataset.OpenAsync(options, server, Console.Out, null, cancel.Token);
DateTimeOffset now;
long events;
await using (var db = await store.Services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>().CreateDbContextAsync(cancel.Token))
{
    events = await db.Events.LongCountAsync(cancel.Token);
    now = new DateTimeOffset(await db.Events.MaxAsync(e => e.OccurredAtTicks, cancel.Token), TimeSpan.Zero);
}

var size = await store.SizeAsync(cancel.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Dataset: {events:N0} events on {store.Provider}, newest {now:u}, {size / 1024 / 1024:N0} MiB"));
var context = new BenchContext(store, options, now, Console.Out);
await command!(context, cancel.Token);

if (context.Timings.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at end: {LoadAverage()}"));
    var missed = context.Timings.Where(t => t.MeetsTarget == false).ToList();
    Console.WriteLine(missed.Count == 0 ? "Every timed set met its target." : "MISSED: " + string.Join("; ", missed.Select(t => t.Name)));
}

return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
