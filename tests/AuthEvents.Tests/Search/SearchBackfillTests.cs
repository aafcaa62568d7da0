using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Analytics;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Search;

/// <summary>
/// Events stored before the free-text index (or before its document rules changed) are indexed after start-up, a chunk
/// at a time, while new events keep being committed and indexed by their commit: in the end each event once.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SearchBackfillTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly StoreWriteGate _gate = new();
    private readonly TestClock _time = new(Noon);
    private long _inboxId;

    private EventStore Store => new(_database.Contexts, _gate, _time);

    [Fact]
    public async Task Backfill_ChunksInterleavedWithCommits_EveryEventIndexedOnceAndFound()
    {
        await _database.MigrateAsync();
        await CommitAsync(Enumerable.Range(0, 100).Select(i => Event($"old-{i}", Noon.AddSeconds(i), type: "zebra.old")).ToArray());
        await ForgetIndexAsync();

        var prepared = await SearchIndex.PrepareAsync(_database.Contexts, CancellationToken.None);
        var found = await FindAsync("zebra");
        var steps = new List<(long, long)>();
        for (var progress = prepared; progress.Building;)
        {
            progress = await SearchIndex.BackfillNextAsync(_database.Contexts, _gate, 30, CancellationToken.None);
            steps.Add((progress.Indexed, progress.Total));
            // Committed between two chunks: indexed by its commit, beyond the ids the backfill covers.
            await CommitAsync(Event($"new-{steps.Count}", Noon.AddHours(1).AddSeconds(steps.Count), type: "zebra.new"));
        }

        Assert.Equal(new SearchIndexProgress(0, 100), prepared);
        Assert.Equal(0, found);
        Assert.Equal([(30, 100), (60, 100), (90, 100), (100, 100)], steps);
        Assert.Equal(104, await CountIndexRowsAsync());
        Assert.Equal(104, await FindAsync("zebra"));
        Assert.Equal(4, await FindAsync("new"));
        Assert.Equal(SearchIndexProgress.Current, await SearchIndex.ProgressAsync(_database.Contexts, CancellationToken.None));
    }

    [Fact]
    public async Task Builder_HostedWhileCommitsRun_IndexesEveryEventExactlyOnce()
    {
        await _database.MigrateAsync();
        foreach (var batch in Enumerable.Range(0, 4_500).Select(i => Event($"old-{i}", Noon.AddSeconds(i), type: "zebra.old")).Chunk(1_500))
        {
            await CommitAsync(batch);
        }

        await ForgetIndexAsync();
        await StoreInitializer.InitializeAsync(_database.Contexts, CancellationToken.None);
        using var builder = new SearchIndexBuilder(_database.Contexts, _gate, TimeProvider.System, NullLogger<SearchIndexBuilder>.Instance);

        await builder.StartAsync(CancellationToken.None);
        // Commits take turns with the builder's chunks at the write gate until it ends (at least one after it began).
        var committed = 0;
        do
        {
            await CommitAsync(Event($"new-{committed}", Noon.AddHours(2).AddSeconds(committed), type: "zebra.new"));
            committed++;
        }
        while (!builder.ExecuteTask!.IsCompleted);

        await builder.ExecuteTask.WaitAsync(Patience.HangGuard);
        await builder.StopAsync(CancellationToken.None);

        Assert.Equal(4_500 + committed, await CountIndexRowsAsync());
        Assert.Equal(4_500 + committed, await FindAsync("zebra"));
        Assert.Equal(committed, await FindAsync("new"));
        Assert.Equal(SearchIndexProgress.Current, await SearchIndex.ProgressAsync(_database.Contexts, CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_StoreWithUnindexedEvents_ReturnsBeforeIndexingThemAndSaysHowMany()
    {
        await _database.MigrateAsync();
        await CommitAsync(Event("a", Noon, type: "zebra.a"), Event("b", Noon, type: "zebra.b"));
        await ForgetIndexAsync();

        await StoreInitializer.InitializeAsync(_database.Contexts, CancellationToken.None);

        Assert.Equal(0, await CountIndexRowsAsync());
        Assert.Equal(new SearchIndexProgress(0, 2), await new EventQueries(_database.Contexts).SearchIndexProgressAsync(CancellationToken.None));
        Assert.Equal(2, await SearchIndex.BackfillAsync(_database.Contexts, CancellationToken.None));
        Assert.Equal(2, await FindAsync("zebra"));
    }

    /// <summary>The store as the migration that added the index leaves it: events stored, none indexed, the bookmark over them uncounted.</summary>
    private async Task ForgetIndexAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO events_fts (events_fts) VALUES ('delete-all'); " +
            "UPDATE search_backfill SET next_id = (SELECT MIN(id) FROM events), up_to = (SELECT MAX(id) FROM events), total = 0, done = 0;");
    }

    private Task<CommitResult> CommitAsync(params AuthEvent[] events) =>
        Store.CommitAsync(events.Select(e => new NormalizedInboxRecord(++_inboxId, e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);

    private async Task<long> FindAsync(string text) =>
        (await new EventQueries(_database.Contexts).PageAsync(new EventQuery { Text = text }, new EventPageRequest(), CancellationToken.None)).TotalCount;

    private async Task<long> CountIndexRowsAsync()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM events_fts_docsize").SingleAsync();
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
