using System.Data.Common;
using System.Globalization;
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

    /// <summary>The funnel over people whose attempts started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<FunnelReport> FunnelAsync(FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, FunnelReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = await LoadAttemptsAsync(funnel, from, to, options.Breakdown != FunnelBreakdown.None, details: false, cancellationToken).ConfigureAwait(false);
        return FunnelAggregator.Summarize(funnel, attempts, options);
    }

    /// <summary>People who stopped at main step <paramref name="step"/>, latest activity first, with their last failure.</summary>
    public async Task<JourneyPeopleList> DropOffsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, int step, FunnelReportOptions options, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        var attempts = await LoadAttemptsAsync(funnel, from, to, dimensions: false, details: true, cancellationToken).ConfigureAwait(false);
        var dropped = FunnelAggregator.DropOffs(funnel, attempts, step, options);
        var rows = await RowsAsync(dropped.Take(limit).Select(p => (p, (TimeSpan?)null)).ToList(), cancellationToken).ConfigureAwait(false);
        return new JourneyPeopleList(dropped.Count, rows);
    }

    /// <summary>People who reached main step <paramref name="step"/> suspiciously fast, fastest first.</summary>
    public async Task<JourneyPeopleList> FastConversionsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, int step, FunnelReportOptions options, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        var attempts = await LoadAttemptsAsync(funnel, from, to, dimensions: false, details: true, cancellationToken).ConfigureAwait(false);
        var fast = FunnelAggregator.FastConversions(funnel, attempts, step, options);
        var rows = await RowsAsync(fast.Take(limit).Select(f => (new PersonAttempt(f.PersonId, f.Attempt), (TimeSpan?)f.Duration)).ToList(), cancellationToken).ConfigureAwait(false);
        return new JourneyPeopleList(fast.Count, rows);
    }

    private async Task<List<PersonAttempt>> LoadAttemptsAsync(
        FunnelDefinition funnel, DateTimeOffset from, DateTimeOffset to, bool dimensions, bool details, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT person_id, start_ticks, branch, step_ticks, branch_ticks, implied_mask, unmeasured_mask, completed_ticks, deadline_ticks, " +
            "last_event_ticks, source" +
            (dimensions ? ", country, authenticator, rate_limit_type" : ", NULL, NULL, NULL") +
            (details ? ", failures, last_failure_ticks, last_failure_event_id, last_failure_type, last_failure_canonical, last_failure_raw" : "") +
            " FROM journey_attempts WHERE funnel = $funnel AND start_ticks >= $from AND start_ticks < $to";
        Add(command, "$funnel", funnel.Id);
        Add(command, "$from", from.UtcTicks);
        Add(command, "$to", to.UtcTicks);
        var attempts = new List<PersonAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var attempt = new FunnelAttempt
            {
                StartTicks = reader.GetInt64(1),
                Branch = reader.GetInt32(2),
                StepTicks = JourneyAttemptCodec.Decode((byte[])reader.GetValue(3)),
                BranchTicks = JourneyAttemptCodec.Decode((byte[])reader.GetValue(4)),
                ImpliedMask = reader.GetInt32(5),
                UnmeasuredMask = reader.GetInt32(6),
                CompletedTicks = reader.GetInt64(7),
                DeadlineTicks = reader.GetInt64(8),
                LastEventTicks = reader.GetInt64(9),
                Source = (EventSource)reader.GetInt32(10),
                Country = Text(reader, 11),
                Authenticator = Text(reader, 12),
                RateLimitType = Text(reader, 13),
                Failures = details ? reader.GetInt32(14) : 0,
                LastFailure = details && !reader.IsDBNull(15)
                    ? new JourneyFailure(reader.GetInt64(15), reader.GetInt64(16), reader.GetString(17), Text(reader, 18), Text(reader, 19))
                    : null,
            };
            attempts.Add(new PersonAttempt(reader.GetInt64(0), attempt));
        }

        return attempts;
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
                var name = "$p" + i.ToString(CultureInfo.InvariantCulture);
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
}
