using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Tests.OnePassword;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OnePasswordImporterTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    private static List<string> Items(int from, int count, DateTimeOffset start) =>
        Enumerable.Range(from, count).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))).ToList();

    private static DateTimeOffset Recent(OnePasswordHarness h) => h.Time.GetUtcNow().AddMinutes(-30);

    [Fact]
    public async Task PollOnce_FirstRun_SendsResetCursorThenOnlyTheCursor()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(0, 2, Recent(h)));
        var importer = h.Importer();

        await importer.PollOnceAsync(CancellationToken.None);
        await importer.PollOnceAsync(CancellationToken.None);

        var bodies = h.Server.RequestBodies.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(1000, bodies[0].GetProperty("limit").GetInt32());
        Assert.Equal("2026-11-22T11:00:00Z", bodies[0].GetProperty("start_time").GetString());
        Assert.False(bodies[0].TryGetProperty("cursor", out _));
        Assert.Equal(["cursor"], bodies[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, (await h.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task PollOnce_StartTimeBeyondRetention_ClampedTo120DaysBack()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var importer = h.Importer(o => o.StartTime = h.Time.GetUtcNow().AddDays(-400));

        await importer.PollOnceAsync(CancellationToken.None);

        var body = JsonDocument.Parse(h.Server.RequestBodies.Single()).RootElement;
        Assert.Equal("2026-07-25T12:00:00Z", body.GetProperty("start_time").GetString());
    }

    [Fact]
    public async Task PollOnce_HasMore_FollowsAtOnceAndPersistsEachPagesCursorWithItsItems()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.MaxPageSize = 3;
        h.Server.Add(Items(0, 7, Recent(h)));
        var importer = h.Importer();
        var delays = new List<TimeSpan>();
        var stored = new List<(int Position, int Count)>();

        for (var i = 0; i < 3; i++)
        {
            delays.Add(await importer.PollOnceAsync(CancellationToken.None));
            stored.Add((TestOnePasswordServer.PositionOf((await h.StateAsync())!.Cursor!), (await h.StoredIdsAsync()).Count));
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30)], delays);
        Assert.Equal([(3, 3), (6, 6), (7, 7)], stored);
        var state = await h.StateAsync();
        Assert.Equal(7, state!.EventsReceived);
        Assert.Equal(h.Time.GetUtcNow().UtcTicks, state.LastSuccessAtTicks);
    }

    [Fact]
    public async Task PollOnce_EmptyPage_PersistsTheNewCursor()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(0, 2, Recent(h)));
        var importer = h.Importer();
        await importer.PollOnceAsync(CancellationToken.None);
        var before = (await h.StateAsync())!.Cursor;

        var delay = await importer.PollOnceAsync(CancellationToken.None);

        var after = (await h.StateAsync())!.Cursor;
        Assert.Equal(TimeSpan.FromSeconds(30), delay);
        Assert.NotEqual(before, after);
        Assert.Equal(2, TestOnePasswordServer.PositionOf(after!));
        Assert.Equal(2, (await h.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task PollOnce_EmptyPagesWithHasMore_FollowedAtOnceEachCursorPersisted()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(0, 2, Recent(h)));
        h.Server.EmptyPagesAhead = 2;
        var importer = h.Importer();
        var steps = new List<(TimeSpan Delay, string? Cursor, int Stored)>();

        for (var i = 0; i < 3; i++)
        {
            var delay = await importer.PollOnceAsync(CancellationToken.None);
            steps.Add((delay, (await h.StateAsync())!.Cursor, (await h.StoredIdsAsync()).Count));
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30)], steps.Select(s => s.Delay));
        Assert.Equal([0, 0, 2], steps.Select(s => s.Stored));
        Assert.Equal(3, steps.Select(s => s.Cursor).Distinct().Count());
        Assert.Equal(h.Server.RequestBodies.Skip(1).Select(b => JsonDocument.Parse(b).RootElement.GetProperty("cursor").GetString()), steps.Take(2).Select(s => s.Cursor));
    }

    [Fact]
    public async Task RunOnce_PagesAndFailures_LogsNeitherTokenNorItemContents()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        using var logs = new Support.TestLoggerProvider();
        using var loggers = logs.CreateFactory();
        h.Server.Add(Items(0, 3, Recent(h)));
        h.Server.FailNext(401);
        h.Server.FailNext(500, v1Shape: true);
        h.Server.FailNext(429);
        var importer = h.Importer(loggers: loggers);

        await h.RunOnceAsync(importer);
        await h.RunOnceAsync(importer, retries: 2);
        await h.RunOnceAsync(importer);

        Assert.Equal(3, (await h.StoredIdsAsync()).Count);
        Assert.True(logs.Entries.Count >= 3);
        Assert.All(logs.Entries, entry =>
        {
            Assert.DoesNotContain(h.Server.Token, entry, StringComparison.Ordinal);
            Assert.DoesNotContain("email@1password.com", entry, StringComparison.Ordinal);
            Assert.DoesNotContain("89.160.20.156", entry, StringComparison.Ordinal);
            Assert.DoesNotContain(TestOnePasswordServer.UuidFor(0), entry, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task PollOnce_NewItemsAfterCaughtUp_FetchedFromTheLastCursorOnly()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(0, 2, Recent(h)));
        var importer = h.Importer();
        await importer.PollOnceAsync(CancellationToken.None);

        h.Server.Add(Items(2, 3, Recent(h)));
        await importer.PollOnceAsync(CancellationToken.None);

        Assert.Equal(5, (await h.StoredIdsAsync()).Count);
        Assert.Equal(5, (await h.StateAsync())!.EventsReceived);
    }

    [Fact]
    public async Task PollOnce_RestartFromAnOldCursor_ReplayedItemsStoredOnce()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.MaxPageSize = 4;
        h.Server.Add(Items(0, 10, Recent(h)));
        var first = h.Importer();
        while (await first.PollOnceAsync(CancellationToken.None) == TimeSpan.Zero)
        {
        }

        await h.SetCursorAsync(h.Server.CursorAt(2));
        var restarted = h.Importer();
        while (await restarted.PollOnceAsync(CancellationToken.None) == TimeSpan.Zero)
        {
        }

        var ids = await h.StoredIdsAsync();
        Assert.Equal(10, ids.Count);
        Assert.Equal(10, ids.Distinct().Count());
        Assert.Equal(10, (await h.StateAsync())!.EventsReceived);
        Assert.Equal(10, TestOnePasswordServer.PositionOf((await h.StateAsync())!.Cursor!));
    }

    [Fact]
    public async Task PollOnce_OutOfOrderTimestamps_AllNormalizedAndStored()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var start = Recent(h);
        int[] order = [4, 0, 3, 1, 2];
        h.Server.Add(order.Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))));

        await h.Importer().PollOnceAsync(CancellationToken.None);
        await h.Processor.ProcessOnceAsync(CancellationToken.None);

        await using var db = await h.Contexts.CreateDbContextAsync();
        var events = await db.Events.ToListAsync();
        Assert.Equal(order.Select(TestOnePasswordServer.UuidFor).Order(StringComparer.Ordinal), events.Select(e => e.ProviderEventId).Order(StringComparer.Ordinal));
        Assert.Empty(await db.Quarantine.ToListAsync());
    }

    [Fact]
    public async Task PollOnce_MalformedAndUnknownFieldItems_MalformedQuarantinedOthersStored()
    {
        // The fixtures' own times are years old: start the clock before them, so the ResetCursor's start time keeps them.
        await using var h = await OnePasswordHarness.StartAsync(new Support.TestClock(new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero)));
        string[] names = ["malformed-missing-uuid", "malformed-timestamp-garbage", "malformed-timestamp-number", "unknown-fields-v2-msp", "unknown-category", "docs-constructed-v2-firewall"];
        // Several fixtures share one uuid; give each its own so that none is deduplicated away.
        h.Server.Add(names.Select((n, i) => WithUuid(FixtureFiles.Read(EventSource.OnePassword, n), i)));

        await h.Importer().PollOnceAsync(CancellationToken.None);
        await h.Processor.ProcessOnceAsync(CancellationToken.None);

        await using var db = await h.Contexts.CreateDbContextAsync();
        Assert.Equal(6, await db.Inbox.CountAsync());
        Assert.Equal(3, await db.Quarantine.CountAsync());
        var stored = await db.Events.Select(e => e.ProviderEventId).ToListAsync();
        Assert.Equal([3, 4, 5], stored.Select(id => Enumerable.Range(0, 6).Single(n => TestOnePasswordServer.UuidFor(n) == id)).Order());
    }

    private static string WithUuid(string json, int n)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if (node.ContainsKey("uuid"))
        {
            node["uuid"] = TestOnePasswordServer.UuidFor(n);
        }

        return node.ToJsonString();
    }
}
