using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Analytics;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Search;

/// <summary>Free text through the product's write path (<see cref="EventStore"/>) and read path (<see cref="EventQueries"/>), on SQLite FTS5.</summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class SearchIndexTests
{
    [Fact]
    public async Task BundledSqlite_HasContentlessDelete()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";

        var version = Version.Parse((string)(await command.ExecuteScalarAsync())!);

        Assert.True(version >= new Version(3, 43), $"contentless_delete needs SQLite 3.43, the bundled one is {version}");
    }

    [Theory]
    [MemberData(nameof(SearchSeed.Cases), MemberType = typeof(SearchSeed))]
    public async Task Text_FindsByTokenPrefixOfDocumentedFieldsOnly(string text, string expected)
    {
        using var store = await SeedAsync();

        Assert.Equal(expected, await FindAsync(store, text));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"login")]
    [InlineData("login\"")]
    [InlineData("*")]
    [InlineData("lo*")]
    [InlineData("OR")]
    [InlineData("login OR totp")]
    [InlineData("NEAR(login")]
    [InlineData("NEAR(login totp)")]
    [InlineData("doc:login")]
    [InlineData(":")]
    [InlineData("&")]
    [InlineData("!login")]
    [InlineData("login & totp | x")]
    [InlineData("(login)")]
    [InlineData(")(")]
    [InlineData("^login")]
    [InlineData("-login")]
    [InlineData("+login")]
    [InlineData("'login'")]
    [InlineData("\\login")]
    [InlineData("login'); DROP TABLE events; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\u0000\u0001 login")]
    public async Task Text_QuerySyntaxAndQuotes_ReadAsTextNeverAnError(string text)
    {
        using var store = await SeedAsync();
        var queries = new EventQueries(store.Database.Contexts);
        var query = new EventQuery { Text = text };

        var page = await queries.PageAsync(query, new EventPageRequest(), CancellationToken.None);
        var count = await queries.CountNewerAsync(query, 0, CancellationToken.None);

        Assert.Equal(page.TotalCount, count);
        Assert.Equal(page.TotalCount, page.Items.Count);
        // No operator was read: "OR" is a word that no event starts a token with, so nothing matches it.
        if (text.Contains("OR", StringComparison.Ordinal))
        {
            Assert.Empty(page.Items);
        }
    }

    [Fact]
    public async Task Text_QuotedOperatorWordsAreWords()
    {
        using var store = await SeedAsync();

        Assert.Equal("", await FindAsync(store, "login OR totp"));
        Assert.Equal("a", await FindAsync(store, "(totp"[1..]));
        Assert.Equal("", await FindAsync(store, "(totp"));
        Assert.Equal("b", await FindAsync(store, "(khtml"));
    }

    [Fact]
    public async Task Text_OnlyOneCharacterWords_IgnoredSoTheRestOfTheFilterApplies()
    {
        using var store = await SeedAsync();

        Assert.Equal("a b c", await FindAsync(store, "e"));
        Assert.Equal("a", await FindAsync(store, "e totp 7"));
    }

    [Fact]
    public async Task Commit_IndexesInTheSameTransaction_RolledBackLeavesNoIndexRow()
    {
        using var store = await CreateAsync();
        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var record = AuthEvents.Store.EventRecordMapper.ToRecord(Event("rolled-back", Noon, type: "zebra.event"), 1, false);
            db.Events.Add(record);
            await db.SaveChangesAsync();
            await SearchIndex.AddAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), [(record.Id, record)], CancellationToken.None);
            Assert.Equal(1, await CountIndexRowsAsync(db));
            await tx.RollbackAsync();
        }

        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, await CountIndexRowsAsync(db));
        }

        Assert.Equal("", await FindAsync(store, "zebra"));
        await store.StoreAsync(Event("kept", Noon, type: "zebra.event"));
        Assert.Equal("a", await FindAsync(store, "zebra"));
    }

    [Fact]
    public async Task Store_SameEventTwice_IndexedOnce()
    {
        using var store = await CreateAsync();

        await store.StoreAsync(Event("once", Noon, type: "zebra.event"));
        await store.StoreAsync(Event("once", Noon, type: "zebra.event"));

        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await CountIndexRowsAsync(db));
    }

    [Fact]
    public async Task Text_WithOtherFiltersCountsAndNewer_AgreeWithTheList()
    {
        using var store = await SeedAsync();
        var queries = new EventQueries(store.Database.Contexts);
        var query = new EventQuery { Text = "login", Outcomes = [Outcome.Failure] };
        var first = await queries.PageAsync(query, new EventPageRequest(), CancellationToken.None);

        await store.StoreAsync(Event("later", Noon.AddMinutes(9), type: "login.retry", outcome: Outcome.Failure));
        var newer = await queries.NewerAsync(query, first.SnapshotId, CancellationToken.None);
        var count = await queries.CountNewerAsync(query, first.SnapshotId, CancellationToken.None);

        Assert.Equal(2, first.TotalCount);
        Assert.Equal(1, count);
        Assert.Equal("later", (await LiveAsync(store, Assert.Single(newer!.Items).Id))?.ProviderEventId);
    }

    [Fact]
    public async Task Rebuild_AfterALostRowOrAnotherDocumentVersion_IndexesEveryEventOnceAgain()
    {
        using var store = await SeedAsync();
        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM events_fts WHERE rowid = 1");
        }

        Assert.Equal("b c", await FindAsync(store, "login"));
        await SearchIndex.RebuildAsync(store.Database.Contexts, CancellationToken.None);
        Assert.Equal("a b c", await FindAsync(store, "login"));

        // Documents from another version of the rules: the next start empties the index, and the backfill (in the
        // background in the product) indexes everything again, each event once.
        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE search_backfill SET version = 99");
        }

        await store.Database.MigrateAsync();
        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, await CountIndexRowsAsync(db));
        }

        Assert.Equal(new SearchIndexProgress(0, 3), await SearchIndex.ProgressAsync(store.Database.Contexts, CancellationToken.None));
        Assert.Equal(3, await SearchIndex.BackfillAsync(store.Database.Contexts, CancellationToken.None));
        Assert.Equal(SearchIndexProgress.Current, await SearchIndex.ProgressAsync(store.Database.Contexts, CancellationToken.None));
        await using (var db = await store.Database.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(3, await CountIndexRowsAsync(db));
            Assert.Equal(SearchDocument.Version, await db.Database.SqlQueryRaw<long>("SELECT version AS \"Value\" FROM search_backfill").SingleAsync());
        }

        Assert.Equal("a b c", await FindAsync(store, "login"));
        Assert.Equal("a", await FindAsync(store, "totp"));
    }

    [Fact]
    public async Task Retention_DeletesTheIndexRowsWithTheEvents()
    {
        var now = Noon.AddDays(30);
        using var store = await AuthEvents.Tests.Store.PurgeableStore.CreateAsync(now);
        await store.StoreAsync(Event("old", Noon, type: "zebra.old"), Event("new", now.AddDays(-1), type: "zebra.new"));

        var deleted = await store.Purger().PurgeAsync(now.AddDays(-7), CancellationToken.None);

        Assert.Equal(1, deleted.Events);
        await using var db = await store.Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await CountIndexRowsAsync(db));
        var page = await new EventQueries(store.Database.Contexts).PageAsync(new EventQuery { Text = "zebra" }, new EventPageRequest(), CancellationToken.None);
        Assert.Equal("zebra.new", Assert.Single(page.Items).EventType);
    }

    private static Task<AuthEvents.Store.Queries.EventDetail?> LiveAsync(ScriptedStore store, long id) =>
        new LiveQueries(store.Database.Contexts).GetAsync(id, CancellationToken.None);

    private static async Task<long> CountIndexRowsAsync(AuthEventsDbContext db) =>
        await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM events_fts_docsize").SingleAsync();

    [Theory]
    [MemberData(nameof(SearchSeed.Cases), MemberType = typeof(SearchSeed))]
    public async Task Text_WithAStartTime_SameAnswerAndTotal(string text, string expected)
    {
        using var store = await SeedAsync();

        // With a start time the matches are checked along the time index (SearchIndex.Filter) instead of read by id.
        Assert.Equal(expected, await FindAsync(store, text, Noon.AddHours(-1)));
    }

    private static async Task<string> FindAsync(ScriptedStore store, string text, DateTimeOffset? from = null)
    {
        var page = await new EventQueries(store.Database.Contexts).PageAsync(new EventQuery { Text = text, From = from }, new EventPageRequest(), CancellationToken.None);
        Assert.Equal(page.Items.Count, page.TotalCount);
        return string.Join(' ', page.Items.OrderBy(r => r.Id).Select(r => ((char)('a' + r.Id - 1)).ToString()));
    }

    private static async Task<ScriptedStore> SeedAsync()
    {
        var store = await CreateAsync();
        await store.StoreAsync(SearchSeed.Events);
        return store;
    }
}
