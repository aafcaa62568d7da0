using System.Globalization;
using System.Security.Cryptography;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Retention;
using AuthEvents.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuthEvents.Tests.Store;

/// <summary>
/// A migrated test database fed as the pipeline feeds it: raw records into the inbox, then events (or rejections) committed
/// through <see cref="EventStore"/>, so that rollups, journey rows and quarantine rows exist as in the product.
/// </summary>
internal sealed class PurgeableStore : IDisposable
{
    private static readonly byte[] Payload = [0x01, 0x02, 0x03];

    private PurgeableStore(TestClock time) => Time = time;

    public TestDatabase Database { get; } = new();

    public TestClock Time { get; }

    public StoreWriteGate Gate { get; } = new();

    public AuditStore Audit { get; private set; } = default!;

    public static async Task<PurgeableStore> CreateAsync(DateTimeOffset now)
    {
        var store = new PurgeableStore(new TestClock(now));
        await store.Database.MigrateAsync();
        store.Audit = new AuditStore(store.Database.Contexts, store.Gate, AuditChain.FromPayloadKey(RandomNumberGenerator.GetBytes(32)), store.Time);
        return store;
    }

    public RetentionPurger Purger(int batchSize = RetentionPurger.DefaultBatchSize, ILogger<RetentionPurger>? logger = null) =>
        new(Database.Contexts, Gate, Audit, Time, logger ?? NullLogger<RetentionPurger>.Instance) { BatchSize = batchSize };

    /// <summary>Receives the events' raw records, then stores the events, as the inbox processor would.</summary>
    public async Task StoreAsync(params AuthEvent[] events)
    {
        var ids = await ReceiveAsync(events.Select(e => (e.Source, e.ProviderEventId, e.ReceivedAt)).ToArray());
        await new EventStore(Database.Contexts, Gate, Time).CommitAsync(
            events.Select(e => new NormalizedInboxRecord(ids[e.ProviderEventId], e.Source, e.ProviderEventId, false, e, null)).ToList(), CancellationToken.None);
    }

    /// <summary>Receives a raw record that the normalizer then rejects.</summary>
    public async Task<long> QuarantineAsync(string providerEventId, DateTimeOffset receivedAt)
    {
        var id = (await ReceiveAsync((EventSource.Entrust, providerEventId, receivedAt)))[providerEventId];
        await new EventStore(Database.Contexts, Gate, Time).CommitAsync(
            [new NormalizedInboxRecord(id, EventSource.Entrust, providerEventId, false, null, "malformed JSON")], CancellationToken.None);
        return id;
    }

    /// <summary>Adds raw records to the inbox, pending; returns their inbox ids by provider event id.</summary>
    public async Task<Dictionary<string, long>> ReceiveAsync(params (EventSource Source, string Id, DateTimeOffset ReceivedAt)[] records)
    {
        await new InboxStore(Database.Contexts, Gate, Time).AddAsync(
            records.Select(r => new PendingInboxRecord(r.Source, "", r.Id, Payload, r.ReceivedAt, false)).ToList(), null, null, WritePriority.Bulk, CancellationToken.None);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var keys = records.Select(r => r.Id).ToList();
        return await db.Inbox.AsNoTracking().Where(i => keys.Contains(i.ProviderEventId)).ToDictionaryAsync(i => i.ProviderEventId, i => i.Id);
    }

    /// <summary>Every row of <paramref name="table"/>, each as one line of its values (blobs in hex), sorted.</summary>
    public async Task<List<string>> RowsAsync(string table)
    {
        await using var connection = Database.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names come from the tests, not from input.
        command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.GetName(i) + "=" + reader.GetValue(i) switch
                {
                    DBNull => "null",
                    byte[] bytes => Convert.ToHexString(bytes),
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
            }

            rows.Add(string.Join(" ", values));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The exception type the database throws when a trigger refuses a change.</summary>
    public string RefusalException => Database.Provider == StoreProvider.PostgreSql ? "PostgresException" : "SqliteException";

    /// <summary>A trigger named <paramref name="name"/> that refuses deleting events (those matching <paramref name="when"/>, over <c>old</c>).</summary>
    public Task RefuseEventDeletesAsync(string name, string when = "true") => ExecuteAsync(Database.Provider == StoreProvider.PostgreSql
        ? $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$; " +
          $"CREATE TRIGGER {name} BEFORE DELETE ON events FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {name}();"
        : $"CREATE TRIGGER {name} BEFORE DELETE ON events WHEN {when} BEGIN SELECT RAISE(ABORT, 'refused'); END;");

    public Task AllowEventDeletesAsync(string name) =>
        ExecuteAsync(Database.Provider == StoreProvider.PostgreSql ? $"DROP TRIGGER {name} ON events;" : $"DROP TRIGGER {name};");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Database.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Fixed SQL from the tests.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Gate.Dispose();
        Database.Dispose();
    }
}
