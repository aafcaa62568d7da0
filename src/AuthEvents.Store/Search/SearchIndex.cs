using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AuthEvents.Store.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthEvents.Store.Search;

/// <summary>The databases the search index has a form for.</summary>
public enum SearchProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The free-text index, outside the EF model (raw SQL, so the model stays the same for both providers). SQLite: a
/// contentless FTS5 table <c>events_fts</c> (rowid = event id; the text is not stored a second time). PostgreSQL: a table
/// <c>event_search</c> of one <c>tsvector</c> per event with a GIN index. Both hold the tokens of
/// <see cref="SearchDocument.Of"/>, written in the caller's transaction with the events, and are removed with them.
/// </summary>
public static class SearchIndex
{
    /// <summary>Rows per SQLite insert statement (two parameters each).</summary>
    private const int SqliteChunk = 250;

    /// <summary>Events read per transaction when indexing the events stored before the index existed.</summary>
    public const int BackfillBatch = 2000;

    /// <summary>
    /// SQLite schema: the FTS5 table, and the one-row bookmark of the events stored before it and of the
    /// <see cref="SearchDocument.Version"/> the index holds (filled after start-up by <see cref="SearchIndexBuilder"/>: a
    /// migration cannot run the C# that builds the documents; the version is the literal 1, as migrations never change). The <c>ascii</c>
    /// tokenizer with all ASCII punctuation but the two quotes as token characters cuts only at white space and
    /// quotes, which <see cref="SearchTokens"/> has already cut at: the tokens are indexed exactly as computed.
    /// <c>detail=none</c>: no positions (no phrase or NEAR queries are made), the smallest index.
    /// <c>contentless_delete=1</c> (SQLite 3.43+): rows of a contentless table can be deleted by rowid.
    /// </summary>
    public const string SqliteSchema = """
        CREATE VIRTUAL TABLE events_fts USING fts5(doc, content='', contentless_delete=1, detail=none, tokenize="ascii tokenchars '!#$%&()*+,-./:;<=>?@[\]^_`{|}~'");
        CREATE TABLE search_backfill (next_id INTEGER NOT NULL, up_to INTEGER NOT NULL, version INTEGER NOT NULL);
        INSERT INTO search_backfill (next_id, up_to, version) SELECT COALESCE(MIN(id), 1), COALESCE(MAX(id), 0), 1 FROM events;
        """;

    /// <summary>Undoes <see cref="SqliteSchema"/>.</summary>
    public const string SqliteDropSchema = "DROP TABLE IF EXISTS search_backfill; DROP TABLE IF EXISTS events_fts;";

    /// <summary>
    /// PostgreSQL schema, for the PostgreSQL migration to run as raw SQL after the <c>events</c> table exists: the
    /// <c>tsvector</c> per event (the document text itself is not stored), its GIN index, and the same bookmark as on SQLite.
    /// </summary>
    public const string PostgreSqlSchema = """
        CREATE TABLE event_search (event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE, doc tsvector NOT NULL);
        CREATE INDEX ix_event_search_doc ON event_search USING GIN (doc);
        CREATE TABLE search_backfill (next_id bigint NOT NULL, up_to bigint NOT NULL, version integer NOT NULL);
        INSERT INTO search_backfill (next_id, up_to, version) SELECT COALESCE(MIN(id), 1), COALESCE(MAX(id), 0), 1 FROM events;
        """;

    /// <summary>Undoes <see cref="PostgreSqlSchema"/>.</summary>
    public const string PostgreSqlDropSchema = "DROP TABLE IF EXISTS search_backfill; DROP TABLE IF EXISTS event_search;";

    /// <summary>
    /// The backfill's counts, for its progress (both providers, migration <c>SearchProgress</c>): the events it had to
    /// index when it began and those it has indexed. <see cref="PrepareAsync"/> counts a bookmark written before them.
    /// </summary>
    public const string ProgressSchema =
        "ALTER TABLE search_backfill ADD COLUMN total bigint NOT NULL DEFAULT 0; ALTER TABLE search_backfill ADD COLUMN done bigint NOT NULL DEFAULT 0;";

    /// <summary>Undoes <see cref="ProgressSchema"/>.</summary>
    public const string ProgressDropSchema = "ALTER TABLE search_backfill DROP COLUMN done; ALTER TABLE search_backfill DROP COLUMN total;";

    // array_to_tsvector takes the tokens as lexemes, as they are: to_tsvector would run PostgreSQL's parser over them and
    // cut or fold them differently from SQLite (it splits "ssn_mismatch", reads "j***@example.com" as several tokens).
    private const string PostgreSqlInsert =
        "INSERT INTO event_search (event_id, doc) " +
        "SELECT u.id, array_to_tsvector(string_to_array(u.doc, ' ')) FROM unnest(@ids, @docs) AS u (id, doc) " +
        "WHERE u.doc <> '' ON CONFLICT (event_id) DO NOTHING";

    /// <summary>The provider of an open (or openable) connection: the one place the search code branches on it.</summary>
    /// <exception cref="NotSupportedException">Neither SQLite nor Npgsql.</exception>
    public static SearchProvider ProviderOf(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection switch
        {
            SqliteConnection => SearchProvider.Sqlite,
            _ when connection.GetType().FullName == "Npgsql.NpgsqlConnection" => SearchProvider.PostgreSql,
            _ => throw new NotSupportedException($"No search index for {connection.GetType().Name}."),
        };
    }

    /// <summary>
    /// Indexes newly stored events in the caller's transaction (the same one that inserted them, so that a rolled-back
    /// commit leaves no index row and a committed event is always findable). <paramref name="rows"/> pairs each event's
    /// database id with its record, failure reasons included.
    /// </summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<(long EventId, EventRecord Record)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (ProviderOf(connection) == SearchProvider.PostgreSql)
        {
            await using var command = Command(connection, transaction, PostgreSqlInsert);
            Parameter(command, "@ids", rows.Select(r => r.EventId).ToArray());
            Parameter(command, "@docs", rows.Select(r => SearchDocument.Of(r.Record)).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += SqliteChunk)
            {
                var count = Math.Min(SqliteChunk, rows.Count - start);
                // Full chunks share one prepared statement; only the last, shorter one gets its own.
                var command = count == SqliteChunk ? full ??= SqliteInsert(connection, transaction, count) : SqliteInsert(connection, transaction, count);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var (id, record) = rows[start + i];
                        command.Parameters[2 * i].Value = id;
                        command.Parameters[(2 * i) + 1].Value = SearchDocument.Of(record);
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (command != full)
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the index rows of deleted events (retention), in the caller's transaction. Ids without a row are ignored.</summary>
    public static async Task RemoveAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<long> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return;
        }

        if (ProviderOf(connection) == SearchProvider.PostgreSql)
        {
            await using var command = Command(connection, transaction, "DELETE FROM event_search WHERE event_id = ANY(@ids)");
            Parameter(command, "@ids", eventIds.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // One prepared statement by rowid: FTS5 answers "rowid = ?" with a seek, an IN list it may answer with a full scan.
        await using var delete = Command(connection, transaction, "DELETE FROM events_fts WHERE rowid = @id");
        var parameter = Parameter(delete, "@id", 0L);
        foreach (var id in eventIds)
        {
            parameter.Value = id;
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ids of the events whose index rows match every word of <paramref name="terms"/>, as a query that composes
    /// into an EF query over events (<c>ids.Contains(e.Id)</c> becomes <c>id IN (SELECT …)</c>). The words are one
    /// parameter, never SQL text.
    /// </summary>
    public static IQueryable<long> Matching(AuthEventsDbContext db, SearchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        var query = ProviderOf(db.Database.GetDbConnection()) == SearchProvider.PostgreSql
            ? FormattableStringFactory.Create("SELECT event_id AS \"Value\" FROM event_search WHERE doc @@ CAST({0} AS tsquery)", terms.ToTsQuery())
            : FormattableStringFactory.Create("SELECT rowid AS \"Value\" FROM events_fts WHERE events_fts MATCH {0}", terms.ToFts5Query());
        return db.Database.SqlQuery<long>(query);
    }

    /// <summary>
    /// The events of <paramref name="events"/> whose index rows match every word of <paramref name="terms"/>. With
    /// <paramref name="timeBounded"/> (the query has a start time) SQLite is kept from reading the matches by id: it walks
    /// the time index over the range instead and checks each row against the matches, which for a common word finds a
    /// page after a few hundred rows, where reading every match by id and sorting them took several times as long (1.3 s
    /// against 0.37 s for 700,000 matches of 1,000,000). Without a start the walk could cover the whole table for a rare
    /// word, so the matches lead.
    /// </summary>
    public static IQueryable<EventRecord> Filter(AuthEventsDbContext db, IQueryable<EventRecord> events, SearchTerms terms, bool timeBounded)
    {
        ArgumentNullException.ThrowIfNull(events);
        var matching = Matching(db, terms);
        // "id + 0" is no column, so SQLite cannot look rows up through it: the IN list becomes a membership test.
        return timeBounded && ProviderOf(db.Database.GetDbConnection()) == SearchProvider.Sqlite
            ? events.Where(e => matching.Contains(e.Id + 0))
            : events.Where(e => matching.Contains(e.Id));
    }

    /// <summary>
    /// At start-up: when the index holds documents of another <see cref="SearchDocument.Version"/> (or
    /// <see cref="RebuildAsync"/> asked for it), empties it and marks every stored event to be indexed again; counts the
    /// events a backfill still has to index. Quick whatever the store's size: the indexing itself is
    /// <see cref="BackfillNextAsync"/>'s, in the background (<see cref="SearchIndexBuilder"/>). On PostgreSQL it takes its
    /// turn with the commits of every node (<see cref="AdvisoryLocks.Commit"/>), so the events it leaves to the
    /// backfill and those a commit indexes never overlap, and nodes starting together prepare once.
    /// </summary>
    public static async Task<SearchIndexProgress> PrepareAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        var postgres = ProviderOf(connection) == SearchProvider.PostgreSql;
        await AdvisoryLocks.TakeForTransactionAsync(db.Database, AdvisoryLocks.Commit, cancellationToken).ConfigureAwait(false);
        if (await ReadBookmarkAsync(connection, transaction, postgres, cancellationToken).ConfigureAwait(false) is not { } bookmark)
        {
            return SearchIndexProgress.Current;
        }

        if (bookmark.Version != SearchDocument.Version)
        {
            // Documents of another version would answer searches by other rules: start again from the first event.
            await ExecuteAsync(connection, transaction, postgres ? "TRUNCATE event_search" : "INSERT INTO events_fts (events_fts) VALUES ('delete-all')", cancellationToken).ConfigureAwait(false);
            await using var restart = Command(connection, transaction,
                "UPDATE search_backfill SET next_id = COALESCE((SELECT MIN(id) FROM events), 1), up_to = COALESCE((SELECT MAX(id) FROM events), 0), " +
                "version = @version, total = (SELECT COUNT(*) FROM events), done = 0");
            Parameter(restart, "@version", SearchDocument.Version);
            await restart.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (bookmark.Next <= bookmark.UpTo && bookmark.Total <= bookmark.Done)
        {
            // A bookmark without its count (written by the migration that added the index, or by hand): count what is left.
            await ExecuteAsync(connection, transaction,
                "UPDATE search_backfill SET total = done + (SELECT COUNT(*) FROM events WHERE id >= search_backfill.next_id AND id <= search_backfill.up_to)", cancellationToken).ConfigureAwait(false);
        }

        var prepared = await ReadBookmarkAsync(connection, transaction, postgres, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return prepared?.Progress ?? SearchIndexProgress.Current;
    }

    /// <summary>
    /// Indexes the next <paramref name="chunk"/> events of the backfill in one transaction, taking a turn at
    /// <paramref name="gate"/> like any other writer. The backfill covers the events up to the newest stored when it was
    /// prepared; newer ones are indexed by their commit. On PostgreSQL the bookmark row is locked, so nodes take turns
    /// and no chunk is indexed twice.
    /// </summary>
    public static async Task<SearchIndexProgress> BackfillNextAsync(IDbContextFactory<AuthEventsDbContext> contexts, StoreWriteGate? gate, int chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        using var turn = gate is null ? null : await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        var postgres = ProviderOf(connection) == SearchProvider.PostgreSql;
        // Another version is PrepareAsync's to reset, not this chunk's to add to.
        if (await ReadBookmarkAsync(connection, transaction, postgres, cancellationToken).ConfigureAwait(false) is not { } bookmark
            || bookmark.Version != SearchDocument.Version || bookmark.Next > bookmark.UpTo)
        {
            return SearchIndexProgress.Current;
        }

        var events = await db.Events.AsNoTracking().Include(e => e.FailureReasons)
            .Where(e => e.Id >= bookmark.Next && e.Id <= bookmark.UpTo)
            .OrderBy(e => e.Id)
            .Take(chunk)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await AddAsync(connection, transaction, events.ConvertAll(e => (e.Id, e)), cancellationToken).ConfigureAwait(false);
        var next = events.Count < chunk ? bookmark.UpTo + 1 : events[^1].Id + 1;
        var done = bookmark.Done + events.Count;
        await using (var write = Command(connection, transaction, "UPDATE search_backfill SET next_id = @next, done = @done"))
        {
            Parameter(write, "@next", next);
            Parameter(write, "@done", done);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next > bookmark.UpTo ? new SearchIndexProgress(done, done) : (bookmark with { Next = next, Done = done }).Progress;
    }

    /// <summary>How far the backfill has come (<see cref="SearchIndexProgress.Current"/> when every stored event is indexed).</summary>
    public static async Task<SearchIndexProgress> ProgressAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var bookmark = await ReadBookmarkAsync(db.Database.GetDbConnection(), null, false, cancellationToken).ConfigureAwait(false);
            return bookmark?.Progress ?? SearchIndexProgress.Current;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prepares and runs the whole backfill at once (<see cref="PrepareAsync"/>, then <see cref="BackfillNextAsync"/> to
    /// the end), for tools, benchmarks and tests that need every stored event findable before they go on.
    /// </summary>
    /// <returns>The number of events indexed; 0 when the index was whole.</returns>
    public static async Task<long> BackfillAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        var start = await PrepareAsync(contexts, cancellationToken).ConfigureAwait(false);
        var progress = start;
        while (progress.Building)
        {
            progress = await BackfillNextAsync(contexts, null, BackfillBatch, cancellationToken).ConfigureAwait(false);
        }

        return progress.Indexed - start.Indexed;
    }

    /// <summary>
    /// The repair tool: empties the index and indexes every stored event again (<see cref="BackfillAsync"/> after marking
    /// the index stale). Only while nothing writes events: an event committed while the index is emptied could be missed.
    /// </summary>
    public static async Task RebuildAsync(IDbContextFactory<AuthEventsDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE search_backfill SET version = 0", cancellationToken).ConfigureAwait(false);
        }

        await BackfillAsync(contexts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bookmark row; on PostgreSQL inside a transaction, locked until it ends.</summary>
    private static async Task<Bookmark?> ReadBookmarkAsync(DbConnection connection, DbTransaction? transaction, bool lockRow, CancellationToken cancellationToken)
    {
        await using var read = Command(connection, transaction, "SELECT next_id, up_to, version, total, done FROM search_backfill" + (lockRow ? " FOR UPDATE" : ""));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new Bookmark(reader.GetInt64(0), reader.GetInt64(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), reader.GetInt64(3), reader.GetInt64(4));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand SqliteInsert(DbConnection connection, DbTransaction? transaction, int count)
    {
        var text = new StringBuilder("INSERT INTO events_fts (rowid, doc) VALUES ");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append("(@r").Append(i).Append(", @d").Append(i).Append(')');
        }

        var command = Command(connection, transaction, text.ToString());
        for (var i = 0; i < count; i++)
        {
            Parameter(command, "@r" + i, 0L);
            Parameter(command, "@d" + i, "");
        }

        return command;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Fixed statements of this class; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The backfill's bookmark: the next id to index up to <c>UpTo</c>, the document version, and the counts for progress.</summary>
    private sealed record Bookmark(long Next, long UpTo, long Version, long Total, long Done)
    {
        // Finished is the bookmark's to say: Done ends below Total when retention deleted events the count included, and a
        // bookmark not yet counted has no Total.
        public SearchIndexProgress Progress => Next > UpTo ? SearchIndexProgress.Current : new SearchIndexProgress(Done, Math.Max(Total, Done + 1));
    }
}
