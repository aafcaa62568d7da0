using Microsoft.Data.Sqlite;

namespace AuthEvents.Benchmarks;

/// <summary>Reads the dashboard's database from outside (read-only, beside the running dashboard) to count stored events.</summary>
internal sealed class StoredCounter(string database)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString();

    /// <summary>Events stored beyond the first <paramref name="baseline"/>: the table only grows during the run.</summary>
    public async Task<long> CountAsync(long baseline, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM events";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! - baseline;
    }

    /// <summary>Every second until cancelled: acknowledged minus stored; returns the largest gap seen.</summary>
    public async Task<long> SampleBacklogAsync(long baseline, Func<long> acknowledged, CancellationToken cancellationToken)
    {
        long worst = 0;
        try
        {
            while (true)
            {
                var acked = acknowledged();
                var stored = await CountAsync(baseline, cancellationToken);
                worst = Math.Max(worst, acked - stored);
                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return worst;
        }
    }
}
