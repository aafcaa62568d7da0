using System.Threading.Channels;
using AuthEvents.Core.Events;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Retention;
using AuthEvents.Tests.Analytics;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Store;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class RetentionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Keep = TimeSpan.FromDays(400);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TestLoggerProvider _logs = new();
    private readonly Channel<RetentionRun> _runs = Channel.CreateUnbounded<RetentionRun>();
    private readonly List<IDisposable> _owned = [];

    private async Task<PurgeableStore> StoreAsync(params (string Id, DateTimeOffset At)[] events)
    {
        var store = await PurgeableStore.CreateAsync(Now);
        _owned.Add(store);
        await store.StoreAsync(events.Select(e => ScriptedStore.Event(e.Id, e.At, person: "email:x")).ToArray());
        return store;
    }

    private RetentionService Service(PurgeableStore store, TimeSpan? keep)
    {
        var loggers = _logs.CreateFactory();
        _owned.Add(loggers);
        var service = new RetentionService(
            store.Purger(logger: loggers.CreateLogger<RetentionPurger>()), Options.Create(new RetentionOptions { Events = keep }), store.Time, loggers.CreateLogger<RetentionService>());
        service.RunFinished += run => _runs.Writer.TryWrite(run);
        _owned.Add(service);
        return service;
    }

    private async Task<RetentionRun> NextRunAsync() => await _runs.Reader.ReadAsync().AsTask().WaitAsync(Patience.HangGuard);

    private static async Task<List<string>> EventIdsAsync(PurgeableStore store) =>
        (await store.RowsAsync("events")).Select(r => r.Split(' ').Single(c => c.StartsWith("provider_event_id=", StringComparison.Ordinal))[18..]).Order(StringComparer.Ordinal).ToList();

    private static async Task<IReadOnlyList<AuditRecordView>> AuditAsync(PurgeableStore store) =>
        (await store.Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None)).Select(r => new AuditRecordView(r.Action, r.Target)).ToList();

    [Fact]
    public async Task Execute_RetentionEventsNotSet_EndsAtOnceWithoutDeleting()
    {
        var store = await StoreAsync(("ancient", Now.AddYears(-10)));
        var service = Service(store, keep: null);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(Patience.HangGuard);

        Assert.Equal(["ancient"], await EventIdsAsync(store));
        Assert.Empty(await AuditAsync(store));
        Assert.Empty(store.Time.ArmedTimers);
        Assert.False(_runs.Reader.TryRead(out _));
        Assert.Contains(_logs.Entries, e => e.Contains("Retention is off (Retention:Events not set)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_AtStartAndEveryInterval_DeletesWhatAgedOutAndAuditsOnlyRunsThatDeleted()
    {
        var store = await StoreAsync(("aged", Now - Keep - Hour), ("ages-within-the-hour", Now - Keep + TimeSpan.FromMinutes(30)), ("kept", Now - Keep + (3 * Hour)));
        var service = Service(store, Keep);

        await service.StartAsync(CancellationToken.None);
        var atStart = await NextRunAsync();
        var interval = await store.Time.AdvanceToTimerAsync(RetentionOptions.DefaultInterval);
        var next = await NextRunAsync();
        await store.Time.AdvanceToTimerAsync(RetentionOptions.DefaultInterval);
        var idle = await NextRunAsync();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(Hour, interval);
        Assert.Equal((Now - Keep, 1L), (atStart.Cutoff, atStart.Deleted!.Events));
        Assert.Equal((Now + Hour - Keep, 1L), (next.Cutoff, next.Deleted!.Events));
        Assert.Equal((Now + (2 * Hour) - Keep, false), (idle.Cutoff, idle.Deleted!.DeletedAnything));
        Assert.Equal(["kept"], await EventIdsAsync(store));
        Assert.Equal(
            [new AuditRecordView(AuditActions.Retention, "events before 2025-10-18T13:00:00.0000000Z"), new AuditRecordView(AuditActions.Retention, "events before 2025-10-18T12:00:00.0000000Z")],
            await AuditAsync(store));
        Assert.Contains(_logs.Entries, e => e.StartsWith("Information", StringComparison.Ordinal) && e.Contains("Retention deleted 1 events before 2025-10-18T12:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_RunFails_LoggedAndTheNextIntervalRunsAgain()
    {
        var store = await StoreAsync(("aged", Now - Keep - Hour));
        await store.RefuseEventDeletesAsync("refuse");
        var service = Service(store, Keep);

        await service.StartAsync(CancellationToken.None);
        var failed = await NextRunAsync();
        await store.AllowEventDeletesAsync("refuse");
        await store.Time.AdvanceToTimerAsync(RetentionOptions.DefaultInterval);
        var retried = await NextRunAsync();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal((null, store.RefusalException), (failed.Deleted, failed.Failure));
        Assert.Contains(_logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal)
            && e.Contains($"Retention run failed ({store.RefusalException}); retrying in 01:00:00", StringComparison.Ordinal));
        Assert.Equal((1L, null), (retried.Deleted!.Events, retried.Failure));
        Assert.Empty(await EventIdsAsync(store));
        Assert.Single(await AuditAsync(store));
    }

    [Fact]
    public async Task Host_RetentionNotConfigured_ServiceRegisteredAndEndsWithoutWork()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

        var service = Assert.Single(host.Services.GetServices<IHostedService>().OfType<RetentionService>());
        await service.ExecuteTask!.WaitAsync(Patience.HangGuard);

        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void Host_RetentionUnderADay_RefusesToStartNamingTheSetting()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "false", ["Retention:Events"] = "12:00:00" });

        var refused = Assert.ThrowsAny<Exception>(() => host.Services);

        Assert.Contains("Retention:Events must be between", refused.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        _logs.Dispose();
    }

    private sealed record AuditRecordView(string Action, string Target);
}
