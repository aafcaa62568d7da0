using AuthEvents.Store;
using AuthEvents.Store.Entities;
using AuthEvents.Store.Queries;
using AuthEvents.Store.Search;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AuthEvents.Tests.Search;

/// <summary>A fact that needs a PostgreSQL server: <c>AUTHEVENTS_TEST_PG</c> holds its connection string (see .ci/postgres).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(PostgresSearchDatabase.Server))
        {
            Skip = "AUTHEVENTS_TEST_PG is not set";
        }
    }
}

/// <summary>A theory that needs a PostgreSQL server, as <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (string.IsNullOrEmpty(PostgresSearchDatabase.Server))
        {
            Skip = "AUTHEVENTS_TEST_PG is not set";
        }
    }
}

/// <summary>
/// The search index's PostgreSQL form (<see cref="SearchIndex.PostgreSqlSchema"/>, the unnest insert, the tsquery) on a
/// real server, with the same seed and the same expected answers as SQLite (<see cref="SearchSeed"/>). The events table
/// comes from the EF model (<c>EnsureCreated</c>) until the PostgreSQL migrations exist.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PostgresSearchTests
{
    [PostgresTheory]
    [MemberData(nameof(SearchSeed.Cases), MemberType = typeof(SearchSeed))]
    public async Task Text_FindsWhatSqliteFinds(string text, string expected)
    {
        await using var database = await PostgresSearchDatabase.CreateAsync();
        await database.SeedAsync(indexed: true);

        Assert.Equal(expected, await database.FindAsync(text));
    }

    [PostgresFact]
    public async Task Text_QuerySyntaxAndQuotes_ReadAsText()
    {
        await using var database = await PostgresSearchDatabase.CreateAsync();
        await database.SeedAsync(indexed: true);

        // Each has a word to search for (a text without one is answered by the rollups, whose SQL is not ported yet).
        foreach (var text in (string[])["''login", "login'", "a\\'b", "!login", "login & totp", "login | totp", "(login", "login:*", "<-> login", "login:A", "\u0000 login", "lo\\gin"])
        {
            Assert.True(SearchTerms.Parse(text).Any);
            await database.FindAsync(text);
        }

        // "|" and "&" alone are punctuation, dropped: the other words must all match, as on SQLite.
        Assert.Equal("a", await database.FindAsync("login | totp"));
        Assert.Equal("", await database.FindAsync("login | nothing"));
        Assert.Equal("", await database.FindAsync("login:* | totp"));
        Assert.Equal("a", await database.FindAsync("login.pass:*"[..10]));
    }

    [PostgresFact]
    public async Task AddRolledBack_LeavesNoRow_RemoveDeletes_Backfill_IndexesOlderEvents()
    {
        await using var database = await PostgresSearchDatabase.CreateAsync();
        var ids = await database.SeedAsync(indexed: false);
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var records = await db.Events.Include(e => e.FailureReasons).ToListAsync();
            await SearchIndex.AddAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), records.ConvertAll(r => (r.Id, r)), CancellationToken.None);
            Assert.Equal(3, await PostgresSearchDatabase.CountRowsAsync(db));
            await tx.RollbackAsync();
            Assert.Equal(0, await PostgresSearchDatabase.CountRowsAsync(db));
            await db.Database.ExecuteSqlRawAsync("UPDATE search_backfill SET next_id = {0}, up_to = {1}", ids[0], ids[^1]);
        }

        await SearchIndex.BackfillAsync(database.Contexts, CancellationToken.None);
        Assert.Equal("a b c", await database.FindAsync("login"));

        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            await SearchIndex.RemoveAsync(db.Database.GetDbConnection(), null, [ids[0]], CancellationToken.None);
            Assert.Equal(2, await PostgresSearchDatabase.CountRowsAsync(db));
            await db.Events.Where(e => e.Id == ids[1]).ExecuteDeleteAsync();
            Assert.Equal(1, await PostgresSearchDatabase.CountRowsAsync(db));
        }

        Assert.Equal("c", await database.FindAsync("login"));
        // The first event is still stored: the repair tool indexes it again, the deleted one stays gone.
        await SearchIndex.RebuildAsync(database.Contexts, CancellationToken.None);
        Assert.Equal("a c", await database.FindAsync("login"));
        await using (var db = await database.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(2, await PostgresSearchDatabase.CountRowsAsync(db));
        }
    }
}

/// <summary>A fresh database on the <c>AUTHEVENTS_TEST_PG</c> server, dropped afterwards.</summary>
internal sealed class PostgresSearchDatabase : IAsyncDisposable
{
    private readonly string _name;

    private PostgresSearchDatabase(string name, string connectionString)
    {
        _name = name;
        Contexts = new Factory(new DbContextOptionsBuilder<AuthEventsDbContext>().UseNpgsql(connectionString).Options);
    }

    public static string? Server => Environment.GetEnvironmentVariable("AUTHEVENTS_TEST_PG");

    public IDbContextFactory<AuthEventsDbContext> Contexts { get; }

    public static async Task<PostgresSearchDatabase> CreateAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
#pragma warning disable CA2100 // A generated name, not input.
            create.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync();
        }

        var database = new PostgresSearchDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false }.ToString());
        await using var db = await database.Contexts.CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(SearchIndex.PostgreSqlSchema);
        await db.Database.ExecuteSqlRawAsync(SearchIndex.ProgressSchema);
        return database;
    }

    /// <summary>Stores <see cref="SearchSeed.Events"/> (indexed in the same transaction, or not at all); returns their ids.</summary>
    public async Task<long[]> SeedAsync(bool indexed)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var records = SearchSeed.Events.Select((e, i) => EventRecordMapper.ToRecord(e, i + 1, false)).ToList();
        db.Events.AddRange(records);
        await db.SaveChangesAsync();
        if (indexed)
        {
            await SearchIndex.AddAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), records.ConvertAll(r => (r.Id, r)), CancellationToken.None);
        }

        await tx.CommitAsync();
        return records.Select(r => r.Id).ToArray();
    }

    /// <summary>What the live page's read finds, as letters a, b, c in storage order.</summary>
    public async Task<string> FindAsync(string text)
    {
        var page = await new EventQueries(Contexts).PageAsync(new EventQuery { Text = text }, new EventPageRequest(), CancellationToken.None);
        await using var db = await Contexts.CreateDbContextAsync();
        var first = await db.Events.MinAsync(e => (long?)e.Id) ?? 0;
        Assert.Equal(page.Items.Count, page.TotalCount);
        return string.Join(' ', page.Items.OrderBy(r => r.Id).Select(r => ((char)('a' + r.Id - first)).ToString()));
    }

    public static async Task<long> CountRowsAsync(AuthEventsDbContext db) =>
        await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM event_search").SingleAsync();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = admin.CreateCommand();
#pragma warning disable CA2100 // A generated name, not input.
        drop.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)";
#pragma warning restore CA2100
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class Factory(DbContextOptions<AuthEventsDbContext> options) : IDbContextFactory<AuthEventsDbContext>
    {
        public AuthEventsDbContext CreateDbContext() => new(options);
    }
}
