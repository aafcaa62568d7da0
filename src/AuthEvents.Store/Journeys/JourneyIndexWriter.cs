using System.Globalization;
using System.Text;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using System.Data.Common;

namespace AuthEvents.Store.Journeys;

/// <summary>
/// Keeps the journey tables in step with newly stored events, inside the caller's transaction: joins each event's
/// identities into a person as <see cref="IdentityLinking"/> plans it, stores its journey row, and rebuilds the affected people's
/// funnel attempts from the earliest one the new events can change. Idempotent: an event already indexed is skipped.
/// </summary>
/// <remarks>
/// Out-of-order arrival is the normal case here, not an exception: for each person and funnel the attempts from the
/// last one that started at or before the earliest new event are deleted and rebuilt from that person's stored journey
/// events (attempts never overlap, so nothing earlier can change). When the plan merges two people, the merged-away
/// person's rows move to the e-mail person and that person's attempts are rebuilt whole.
/// </remarks>
internal sealed class JourneyIndexWriter : IDisposable
{
    private const int ParameterChunk = 400;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<string, Identity> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Identity> _byId = [];
    private readonly Dictionary<(int Funnel, long Person), long> _touched = [];
    private readonly HashSet<long> _rebuildWhole = [];
    private readonly List<DbCommand> _commands = [];
    private readonly DbCommand _insertIdentity;
    private readonly DbCommand _insertEvent;
    private readonly DbCommand _lastStartBefore;
    private readonly DbCommand _deleteAttemptsFrom;
    private readonly DbCommand _selectEvents;
    private readonly DbCommand _insertAttempt;

    private JourneyIndexWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _insertIdentity = Command(
            "INSERT INTO journey_identities (identity_key, kind, source, root_id, evidence, evidence_event_id, linked_at_ticks, label) " +
            "VALUES (@key, @kind, @source, @root, @evidence, @event, @at, @label) RETURNING id",
            "@key", "@kind", "@source", "@root", "@evidence", "@event", "@at", "@label");
        _insertEvent = Command(
            "INSERT INTO journey_events (event_id, person_id, occurred_at_ticks, step, source, milestone, event_type, outcome, country, " +
            "authenticator, rate_limit_type, reason_canonical, reason_raw, funnel_mask) " +
            "VALUES (@id, @person, @at, @step, @source, @milestone, @type, @outcome, @country, @authenticator, @limit, @canonical, @raw, @mask) ON CONFLICT (event_id) DO NOTHING",
            "@id", "@person", "@at", "@step", "@source", "@milestone", "@type", "@outcome", "@country", "@authenticator", "@limit", "@canonical", "@raw", "@mask");
        _lastStartBefore = Command(
            "SELECT MAX(start_ticks) FROM journey_attempts WHERE funnel = @funnel AND person_id = @person AND start_ticks <= @at",
            "@funnel", "@person", "@at");
        _deleteAttemptsFrom = Command(
            "DELETE FROM journey_attempts WHERE funnel = @funnel AND person_id = @person AND start_ticks >= @from",
            "@funnel", "@person", "@from");
        _selectEvents = Command(
            "SELECT event_id, occurred_at_ticks, step, source, milestone, event_type, outcome, country, authenticator, rate_limit_type, " +
            "reason_canonical, reason_raw FROM journey_events WHERE person_id = @person AND occurred_at_ticks >= @from AND (funnel_mask & @bit) <> 0 " +
            "ORDER BY occurred_at_ticks, step, event_id",
            "@person", "@from", "@bit");
        _insertAttempt = Command(
            "INSERT INTO journey_attempts (funnel, start_ticks, person_id, rank, summary, country, authenticator, rate_limit_type, failures, " +
            "last_failure_ticks, last_failure_event_id, last_failure_type, last_failure_canonical, last_failure_raw) VALUES (@funnel, @start, " +
            "@person, @rank, @summary, @country, @authenticator, @limit, @failures, @failAt, @failEvent, @failType, @failCanonical, @failRaw)",
            "@funnel", "@start", "@person", "@rank", "@summary", "@country", "@authenticator", "@limit", "@failures", "@failAt", "@failEvent", "@failType",
            "@failCanonical", "@failRaw");
    }

    /// <summary>Indexes <paramref name="inputs"/> (events just stored) within <paramref name="transaction"/>.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JourneyInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        using var writer = new JourneyIndexWriter(connection, transaction);
        await writer.RunAsync(inputs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A writer on <paramref name="transaction"/> for rebuilding attempts (<see cref="JourneyIndexPruner"/>); dispose it.</summary>
    internal static JourneyIndexWriter Open(DbConnection connection, DbTransaction transaction) => new(connection, transaction);

    private async Task RunAsync(IReadOnlyList<JourneyInput> inputs, CancellationToken cancellationToken)
    {
        var ordered = inputs.OrderBy(i => i.OccurredTicks).ThenBy(i => i.Step).ThenBy(i => i.EventId).ToList();
        await LoadIdentitiesAsync(ordered, cancellationToken).ConfigureAwait(false);

        var anchors = new List<(JourneyInput Input, Identity Anchor)>(ordered.Count);
        foreach (var input in ordered)
        {
            if (await ResolveAsync(input, cancellationToken).ConfigureAwait(false) is { } anchor)
            {
                anchors.Add((input, anchor));
            }
        }

        foreach (var (input, anchor) in anchors)
        {
            var person = RootOf(anchor).Id;
            var mask = Funnels.MaskOf(input.Milestone, input.EventType);
            if (await InsertEventAsync(input, person, mask, cancellationToken).ConfigureAwait(false) && mask != 0)
            {
                for (var f = 0; f < Funnels.All.Count; f++)
                {
                    if ((mask & (1 << f)) != 0)
                    {
                        var key = (f, person);
                        _touched[key] = _touched.TryGetValue(key, out var at) ? Math.Min(at, input.OccurredTicks) : input.OccurredTicks;
                    }
                }
            }
        }

        foreach (var person in _rebuildWhole)
        {
            for (var f = 0; f < Funnels.All.Count; f++)
            {
                _touched[(f, person)] = long.MinValue;
            }
        }

        foreach (var ((funnel, person), from) in _touched)
        {
            await RebuildAttemptsAsync(Funnels.All[funnel], person, from, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Carries out <see cref="IdentityLinking"/>'s plan for the event and returns the identity it belongs to, or null when it has none.</summary>
    private async Task<Identity?> ResolveAsync(JourneyInput input, CancellationToken cancellationToken)
    {
        var keys = KeysOf(input);
        if (IdentityLinking.Plan(keys, input.Source, KnownRootOf) is not { } plan)
        {
            return null;
        }

        foreach (var link in plan.Links)
        {
            await CreateAsync(link, link.RootKey is null ? null : _byKey[link.RootKey].Id, input, cancellationToken).ConfigureAwait(false);
        }

        var root = _byKey[plan.RootKey];
        if (keys.Email is not null && root.Label is null && input.EmailMasked is not null)
        {
            root.Label = input.EmailMasked;
            await ExecuteAsync("UPDATE journey_identities SET label = @label WHERE id = @id", cancellationToken, ("@label", root.Label), ("@id", root.Id)).ConfigureAwait(false);
        }

        foreach (var merge in plan.Merges)
        {
            await MergeAsync(_byKey[merge.FromRoot], _byKey[merge.IntoRoot], merge.Evidence, input, cancellationToken).ConfigureAwait(false);
        }

        return _byKey[plan.AnchorKey];
    }

    private static EventIdentityKeys KeysOf(JourneyInput input) =>
        IdentityKeys.Of(input.Source, input.EventType, input.PersonKey, input.SubjectKey, input.SessionKey);

    private IdentityRoot? KnownRootOf(string key)
    {
        if (!_byKey.TryGetValue(key, out var identity))
        {
            return null;
        }

        var root = RootOf(identity);
        return new IdentityRoot(root.Key, root.Kind);
    }

    private Identity RootOf(Identity identity) => identity.RootId is { } root ? _byId[root] : identity;

    private async Task CreateAsync(IdentityLink link, long? root, JourneyInput input, CancellationToken cancellationToken)
    {
        var label = link.Kind == IdentityKind.Email ? input.EmailMasked : null;
        Set(_insertIdentity, link.Key, (int)link.Kind, link.Source is { } source ? (int)source : null, root, (int)link.Evidence, input.EventId, input.OccurredTicks, label);
        var id = (long)(await _insertIdentity.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var identity = new Identity(id, link.Key, link.Kind) { RootId = root, Label = label };
        _byKey[link.Key] = identity;
        _byId[id] = identity;
    }

    /// <summary>Joins person <paramref name="from"/> (not an e-mail person) into <paramref name="into"/>.</summary>
    private async Task MergeAsync(Identity from, Identity into, IdentityEvidence evidence, JourneyInput input, CancellationToken cancellationToken)
    {
        await ExecuteAsync("UPDATE journey_identities SET root_id = @into WHERE root_id = @from", cancellationToken, ("@into", into.Id), ("@from", from.Id)).ConfigureAwait(false);
        await ExecuteAsync(
            "UPDATE journey_identities SET root_id = @into, evidence = @evidence, evidence_event_id = @event, linked_at_ticks = @at WHERE id = @from",
            cancellationToken, ("@into", into.Id), ("@evidence", (int)evidence), ("@event", input.EventId), ("@at", input.OccurredTicks), ("@from", from.Id)).ConfigureAwait(false);
        await ExecuteAsync("UPDATE journey_events SET person_id = @into WHERE person_id = @from", cancellationToken, ("@into", into.Id), ("@from", from.Id)).ConfigureAwait(false);
        foreach (var funnel in Funnels.All)
        {
            await ExecuteAsync("DELETE FROM journey_attempts WHERE funnel = @funnel AND person_id = @from", cancellationToken, ("@funnel", funnel.Id), ("@from", from.Id)).ConfigureAwait(false);
        }

        foreach (var identity in _byId.Values)
        {
            if (identity.RootId == from.Id)
            {
                identity.RootId = into.Id;
            }
        }

        from.RootId = into.Id;
        foreach (var key in _touched.Keys.Where(k => k.Person == from.Id).ToList())
        {
            _touched.Remove(key);
        }

        _rebuildWhole.Remove(from.Id);
        _rebuildWhole.Add(into.Id);
    }

    private async Task<bool> InsertEventAsync(JourneyInput i, long person, int mask, CancellationToken cancellationToken)
    {
        Set(_insertEvent, i.EventId, person, i.OccurredTicks, i.Step, (int)i.Source, i.Milestone, i.EventType, (int)i.Outcome, i.Country,
            i.Authenticator, i.RateLimitType, i.ReasonCanonical, i.ReasonRaw, mask);
        return await _insertEvent.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Rebuilds the person's attempts at the funnel from <paramref name="earliest"/> on (<see cref="long.MinValue"/>: all of them).</summary>
    internal async Task RebuildAttemptsAsync(FunnelDefinition funnel, long person, long earliest, CancellationToken cancellationToken)
    {
        var from = earliest;
        if (earliest != long.MinValue)
        {
            Set(_lastStartBefore, funnel.Id, person, earliest);
            if (await _lastStartBefore.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long start)
            {
                from = start;
            }
        }

        Set(_deleteAttemptsFrom, funnel.Id, person, from);
        await _deleteAttemptsFrom.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var events = new List<JourneyEvent>();
        Set(_selectEvents, person, from, 1 << IndexOf(funnel));
        await using (var reader = await _selectEvents.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new JourneyEvent(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), (EventSource)reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                    (Outcome)reader.GetInt32(6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11)));
            }
        }

        foreach (var a in FunnelAttemptBuilder.Build(funnel, events))
        {
            var failure = a.LastFailure;
            Set(_insertAttempt, funnel.Id, a.StartTicks, person, FunnelProgress.Of(a, 0, null).Rank, FunnelAttemptCodec.Encode(a), a.Country, a.Authenticator, a.RateLimitType, a.Failures,
                failure?.Ticks, failure?.EventId, failure?.EventType, failure?.Canonical, failure?.Raw);
            await _insertAttempt.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static int IndexOf(FunnelDefinition funnel)
    {
        for (var i = 0; i < Funnels.All.Count; i++)
        {
            if (ReferenceEquals(Funnels.All[i], funnel))
            {
                return i;
            }
        }

        throw new ArgumentException("Not a built-in funnel.", nameof(funnel));
    }

    private async Task LoadIdentitiesAsync(List<JourneyInput> inputs, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (email, subject, session) in inputs.Select(KeysOf))
        {
            AddIfNotNull(keys, email);
            AddIfNotNull(keys, subject);
            AddIfNotNull(keys, session);
        }

        await LoadAsync("identity_key", keys.Cast<object>().ToList(), cancellationToken).ConfigureAwait(false);
        var roots = _byId.Values.Where(i => i.RootId is { } r && !_byId.ContainsKey(r)).Select(i => (object)i.RootId!.Value).Distinct().ToList();
        await LoadAsync("id", roots, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoadAsync(string column, List<object> values, CancellationToken cancellationToken)
    {
        foreach (var chunk in values.Chunk(ParameterChunk))
        {
            var sql = new StringBuilder("SELECT id, identity_key, kind, root_id, label FROM journey_identities WHERE ").Append(column).Append(" IN (");
            await using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "@p" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "" : ", ").Append(name);
                command.AddParameter(name, chunk[i]);
            }

#pragma warning disable CA2100 // Only parameter placeholders and a fixed column name are concatenated.
            command.CommandText = sql.Append(')').ToString();
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var identity = new Identity(reader.GetInt64(0), reader.GetString(1), (IdentityKind)reader.GetInt32(2))
                {
                    RootId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    Label = Text(reader, 4),
                };
                _byKey[identity.Key] = identity;
                _byId[identity.Id] = identity;
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.AddParameter(name, null);
        }

        _commands.Add(command);
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void AddIfNotNull(HashSet<string> keys, string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            keys.Add(key);
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private sealed class Identity(long id, string key, IdentityKind kind)
    {
        public long Id { get; } = id;
        public string Key { get; } = key;
        public IdentityKind Kind { get; } = kind;
        public long? RootId { get; set; }
        public string? Label { get; set; }
    }
}
