using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// Funnel reads: the attempts that started in a range, straight from the clustered <c>journey_attempts</c> table,
/// summarized by <see cref="FunnelAggregator"/>; and the people behind a drop-off or a fast conversion.
/// </summary>
public sealed class JourneyQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    private const int ParameterChunk = 400;

    /// <summary>How far a background rebuild of the index has come; while it runs, every journey read is partial.</summary>
    public Task<JourneyIndexProgress> IndexProgressAsync(CancellationToken cancellationToken) => JourneyIndex.ProgressAsync(contexts, cancellationToken);

    /// <summary>The funnel over people whose attempts started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<FunnelReport> FunnelAsync(FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, FunnelReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = await CountedAttemptsAsync(funnel, from, to, options, cancellationToken).ConfigureAwait(false);
        return FunnelAggregator.Summarize(funnel, attempts, options);
    }

    /// <summary>People who stopped at main step <paramref name="step"/>, latest activity first, with their last failure.</summary>
    public async Task<JourneyPeopleList> DropOffsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, int step, FunnelReportOptions options, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = await CountedAttemptsAsync(funnel, from, to, options with { Breakdown = FunnelBreakdown.None }, cancellationToken).ConfigureAwait(false);
        var dropped = FunnelAggregator.DropOffs(funnel, attempts, step, options);
        var shown = await WithFailuresAsync(funnel, dropped.Take(limit).ToList(), cancellationToken).ConfigureAwait(false);
        var rows = await RowsAsync(shown.Select(p => (p, (TimeSpan?)null)).ToList(), cancellationToken).ConfigureAwait(false);
        return new JourneyPeopleList(dropped.Count, rows);
    }

    /// <summary>People who reached main step <paramref name="step"/> suspiciously fast, fastest first.</summary>
    public async Task<JourneyPeopleList> FastConversionsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, int step, FunnelReportOptions options, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = await CountedAttemptsAsync(funnel, from, to, options with { Breakdown = FunnelBreakdown.None }, cancellationToken).ConfigureAwait(false);
        var fast = FunnelAggregator.FastConversions(funnel, attempts, step, options);
        var top = fast.Take(limit).ToList();
        var shown = await WithFailuresAsync(funnel, top.Select(f => new PersonAttempt(f.PersonId, f.Attempt)).ToList(), cancellationToken).ConfigureAwait(false);
        var rows = await RowsAsync(shown.Zip(top, (p, f) => (p, (TimeSpan?)f.Duration)).ToList(), cancellationToken).ConfigureAwait(false);
        return new JourneyPeopleList(fast.Count, rows);
    }

    /// <summary>
    /// Each person's counted attempt among those that started in the range. Two columns are read per attempt (the
    /// person and the encoded progress); the breakdown value only for a person's best so far. Failure details are read
    /// afterwards for the people a list shows (<see cref="WithFailuresAsync"/>).
    /// </summary>
    private async Task<List<PersonAttempt>> CountedAttemptsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, FunnelReportOptions options, CancellationToken cancellationToken)
    {
        var window = FunnelAggregator.WindowTicks(funnel, options);
        var dimension = options.Breakdown switch
        {
            FunnelBreakdown.Country => "country",
            FunnelBreakdown.Authenticator => "authenticator",
            FunnelBreakdown.RateLimit => "rate_limit_type",
            _ => "NULL",
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await using var pragma = connection.CreateCommand();
            // Memory-mapped reads: a month of attempts is tens of megabytes, read whole by every funnel query.
            pragma.CommandText = "PRAGMA mmap_size = 268435456;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The only variable part is a column name from the switch above.
        command.CommandText =
            "SELECT person_id, start_ticks, rank, summary, " + dimension +
            " FROM journey_attempts WHERE funnel = @funnel AND start_ticks >= @from AND start_ticks < @to";
#pragma warning restore CA2100
        Add(command, "@funnel", funnel.Id);
        Add(command, "@from", from.UtcTicks);
        Add(command, "@to", to.UtcTicks);
        var best = new Dictionary<long, Candidate>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // SQLite reads are synchronous underneath; Read() spares a task per row over hundreds of thousands of rows.
            var rows = 0;
            while (reader.Read())
            {
                if (++rows % 65_536 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var person = reader.GetInt64(0);
                var start = reader.GetInt64(1);
                // With the funnel's own window the stored rank decides; a shorter window needs the step times.
                byte[]? summary = null;
                var rank = window is null ? reader.GetInt32(2) : FunnelAttemptCodec.Rank(summary = (byte[])reader.GetValue(3), window);
                ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(best, person, out var exists);
                if (exists && (rank < current.Rank || (rank == current.Rank && start >= current.Start)))
                {
                    continue;
                }

                current = new Candidate(rank, start, summary ?? (byte[])reader.GetValue(3), Text(reader, 4));
            }
        }

        return best.Select(p =>
        {
            var c = p.Value;
            var attempt = FunnelAttemptCodec.Decode(c.Summary);
            attempt = options.Breakdown switch
            {
                FunnelBreakdown.Country => attempt with { Country = c.Dimension },
                FunnelBreakdown.Authenticator => attempt with { Authenticator = c.Dimension },
                FunnelBreakdown.RateLimit => attempt with { RateLimitType = c.Dimension },
                _ => attempt,
            };
            return new PersonAttempt(p.Key, attempt);
        }).ToList();
    }

    /// <summary>
    /// The failure details of the listed attempts only, by primary key: reading them for every attempt in the range
    /// (hundreds of thousands for a month of sign-ins) cost more than the whole funnel.
    /// </summary>
    private async Task<List<PersonAttempt>> WithFailuresAsync(FunnelDefinition funnel, List<PersonAttempt> people, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return people;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT failures, last_failure_ticks, last_failure_event_id, last_failure_type, last_failure_canonical, last_failure_raw " +
            "FROM journey_attempts WHERE funnel = @funnel AND start_ticks = @start AND person_id = @person";
        Add(command, "@funnel", funnel.Id);
        var start = command.CreateParameter();
        start.ParameterName = "@start";
        command.Parameters.Add(start);
        var person = command.CreateParameter();
        person.ParameterName = "@person";
        command.Parameters.Add(person);
        var result = new List<PersonAttempt>(people.Count);
        foreach (var p in people)
        {
            start.Value = p.Attempt.StartTicks;
            person.Value = p.PersonId;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            result.Add(await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? p with
                {
                    Attempt = p.Attempt with
                    {
                        Failures = reader.GetInt32(0),
                        LastFailure = reader.IsDBNull(1) ? null : new JourneyFailure(reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), Text(reader, 4), Text(reader, 5)),
                    },
                }
                : p);
        }

        return result;
    }

    private async Task<List<JourneyPersonRow>> RowsAsync(List<(PersonAttempt Attempt, TimeSpan? Duration)> people, CancellationToken cancellationToken)
    {
        var identities = await IdentitiesAsync(people.Select(p => p.Attempt.PersonId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        return people.Select(p =>
        {
            var a = p.Attempt.Attempt;
            var (key, label) = identities.GetValueOrDefault(p.Attempt.PersonId, ("", null));
            return new JourneyPersonRow(
                key, label, a.Source, Utc(a.StartTicks), Utc(a.LastEventTicks), a.Failures, a.LastFailure?.EventType, a.LastFailure?.Canonical,
                a.LastFailure?.Raw, a.LastFailure is { } f ? Utc(f.Ticks) : null, p.Duration);
        }).ToList();
    }

    private async Task<Dictionary<long, (string Key, string? Label)>> IdentitiesAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, (string, string?)>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(ParameterChunk))
        {
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT id, identity_key, label FROM journey_identities WHERE id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "@p" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "" : ", ").Append(name);
                Add(command, name, chunk[i]);
            }

#pragma warning disable CA2100 // Only parameter placeholders are concatenated.
            command.CommandText = sql.Append(')').ToString();
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetInt64(0)] = (reader.GetString(1), Text(reader, 2));
            }
        }

        return result;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private readonly record struct Candidate(int Rank, long Start, byte[] Summary, string? Dimension);
}
