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

    private const string EventHead =
        "INSERT INTO journey_events (event_id, person_id, occurred_at_ticks, step, source, milestone, event_type, outcome, country, " +
        "authenticator, rate_limit_type, reason_canonical, reason_raw, funnel_mask)";

    private const int EventColumns = 14;

    private const string IdentityHead = "INSERT INTO journey_identities (identity_key, kind, source, root_id, evidence, evidence_event_id, linked_at_ticks, label)";

    private const int IdentityColumns = 8;

    private const string AttemptHead =
        "INSERT INTO journey_attempts (funnel, start_ticks, person_id, rank, summary, country, authenticator, rate_limit_type, failures, " +
        "last_failure_ticks, last_failure_event_id, last_failure_type, last_failure_canonical, last_failure_raw)";

    private const int AttemptColumns = 14;

    // An attempt that kept its start is updated in place; one that no longer exists is deleted (see RebuildAsync).
    private const string AttemptTail =
        "ON CONFLICT (funnel, start_ticks, person_id) DO UPDATE SET rank = excluded.rank, summary = excluded.summary, country = excluded.country, " +
        "authenticator = excluded.authenticator, rate_limit_type = excluded.rate_limit_type, failures = excluded.failures, " +
        "last_failure_ticks = excluded.last_failure_ticks, last_failure_event_id = excluded.last_failure_event_id, " +
        "last_failure_type = excluded.last_failure_type, last_failure_canonical = excluded.last_failure_canonical, last_failure_raw = excluded.last_failure_raw";

    // Per (funnel, person, earliest new event): the attempts from the last one that started at or before it on.
    private const string AttemptsFromHead = "WITH t(funnel, person, at) AS (";

    private const string AttemptsFromTail =
        ") SELECT a.funnel, a.person_id, a.start_ticks FROM t JOIN journey_attempts a ON a.funnel = t.funnel AND a.person_id = t.person " +
        "AND a.start_ticks >= COALESCE((SELECT MAX(b.start_ticks) FROM journey_attempts b WHERE b.funnel = t.funnel AND b.person_id = t.person AND b.start_ticks <= t.at), t.at)";

    // Per person: their journey events from a time on, in the order attempts are built from.
    private const string EventsFromHead = "WITH t(person, from_ticks) AS (";

    private const string EventsFromTail =
        ") SELECT j.person_id, j.event_id, j.occurred_at_ticks, j.step, j.source, j.milestone, j.event_type, j.outcome, j.country, j.authenticator, " +
        "j.rate_limit_type, j.reason_canonical, j.reason_raw, j.funnel_mask FROM t JOIN journey_events j ON j.person_id = t.person AND j.occurred_at_ticks >= t.from_ticks";

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<string, Identity> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Identity> _byId = [];
    private readonly Dictionary<(int Funnel, long Person), long> _touched = [];
    private readonly HashSet<long> _rebuildWhole = [];
    private readonly List<PendingIdentity> _pending = [];

    // Merges of people stored before this batch, written at the end with their final roots (see MergeAsync).
    private readonly Dictionary<long, Identity> _mergedStored = [];
    private long _provisional = -1;

    private JourneyIndexWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
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

        await FlushIdentitiesAsync(cancellationToken).ConfigureAwait(false);
        await FlushMergesAsync(cancellationToken).ConfigureAwait(false);

        // Persons are final only after every merge of the batch: the rows are built here, then inserted at once.
        var rows = anchors.Select(a => (a.Input, Person: RootOf(a.Anchor).Id, Mask: Funnels.MaskOf(a.Input.Milestone, a.Input.EventType))).ToList();
        var inserted = new HashSet<long>();
        await BatchSql.ForChunksAsync(_connection, _transaction, rows, EventHead, EventColumns, "ON CONFLICT (event_id) DO NOTHING RETURNING event_id", static (command, at, row) =>
        {
            var i = row.Input;
            object?[] values = [i.EventId, row.Person, i.OccurredTicks, i.Step, (int)i.Source, i.Milestone, i.EventType, (int)i.Outcome, i.Country,
                i.Authenticator, i.RateLimitType, i.ReasonCanonical, i.ReasonRaw, row.Mask];
            for (var c = 0; c < values.Length; c++)
            {
                BatchSql.Set(command, at + c, values[c]);
            }
        }, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add(reader.GetInt64(0));
            }
        }, cancellationToken).ConfigureAwait(false);

        foreach (var (input, person, mask) in rows)
        {
            if (mask == 0 || !inserted.Contains(input.EventId))
            {
                continue;
            }

            for (var f = 0; f < Funnels.All.Count; f++)
            {
                if ((mask & (1 << f)) != 0)
                {
                    var key = (f, person);
                    _touched[key] = _touched.TryGetValue(key, out var at) ? Math.Min(at, input.OccurredTicks) : input.OccurredTicks;
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

        await RebuildAsync(_touched.Select(t => (t.Key.Funnel, t.Key.Person, t.Value)).ToList(), cancellationToken).ConfigureAwait(false);
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
            Create(link, link.RootKey is null ? null : _byKey[link.RootKey].Id, input);
        }

        var root = _byKey[plan.RootKey];
        if (keys.Email is not null && root.Label is null && input.EmailMasked is not null)
        {
            root.Label = input.EmailMasked;
        }

        if (root.Id > 0 && root.LabelStored != root.Label)
        {
            root.LabelStored = root.Label;
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

    /// <summary>
    /// A new identity, inserted with the others at <see cref="FlushIdentitiesAsync"/>; until then its id is provisional
    /// (negative) and only this writer refers to it.
    /// </summary>
    private void Create(IdentityLink link, long? root, JourneyInput input)
    {
        var label = link.Kind == IdentityKind.Email ? input.EmailMasked : null;
        var identity = new Identity(_provisional--, link.Key, link.Kind) { RootId = root, Label = label, LabelStored = label };
        identity.Evidence = (link.Evidence, input.EventId, input.OccurredTicks);
        _pending.Add(new PendingIdentity(identity, link.Source));
        _byKey[link.Key] = identity;
        _byId[identity.Id] = identity;
    }

    /// <summary>
    /// Inserts the identities created since the last flush: roots first, then those joined to them, so that every
    /// root id written is a real one. One statement per chunk of each.
    /// </summary>
    private async Task FlushIdentitiesAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var roots = _pending.Where(p => p.Identity.RootId is not < 0).ToList();
        var joined = _pending.Where(p => p.Identity.RootId is < 0).ToList();
        _pending.Clear();
        foreach (var group in new[] { roots, joined })
        {
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            await BatchSql.ForChunksAsync(_connection, _transaction, group, IdentityHead, IdentityColumns, "RETURNING id, identity_key", static (command, at, p) =>
            {
                var i = p.Identity;
                object?[] values = [i.Key, (int)i.Kind, p.Source is { } source ? (int)source : null, i.RootId, (int)i.Evidence.Kind, i.Evidence.EventId, i.Evidence.At, i.Label];
                for (var c = 0; c < values.Length; c++)
                {
                    BatchSql.Set(command, at + c, values[c]);
                }
            }, async command =>
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids[reader.GetString(1)] = reader.GetInt64(0);
                }
            }, cancellationToken).ConfigureAwait(false);

            var renamed = new Dictionary<long, long>();
            foreach (var (identity, _) in group)
            {
                var id = ids[identity.Key];
                renamed[identity.Id] = id;
                _byId.Remove(identity.Id);
                identity.Id = id;
                _byId[id] = identity;
            }

            foreach (var identity in _byId.Values)
            {
                if (identity.RootId is { } root && renamed.TryGetValue(root, out var id))
                {
                    identity.RootId = id;
                }
            }

            foreach (var (old, id) in renamed)
            {
                if (_rebuildWhole.Remove(old))
                {
                    _rebuildWhole.Add(id);
                }
            }
        }
    }

    /// <summary>
    /// Writes the merges of people stored before this batch, once every identity has its real id: each merged-away
    /// person's identities, journey rows and attempts move to its final root. Deferred to here so that a batch with
    /// many merges costs a few statements instead of a flush and seven statements per merge (most of a rebuild's time).
    /// </summary>
    private async Task FlushMergesAsync(CancellationToken cancellationToken)
    {
        if (_mergedStored.Count == 0)
        {
            return;
        }

        var moves = _mergedStored.Values.Select(from => (From: from, Into: RootOf(from).Id)).OrderBy(m => m.From.Id).ToList();
        _mergedStored.Clear();
        // Identities joined to a merged-away person (those this batch did not load) follow it to the final root.
        await BatchSql.ForChunksAsync(_connection, _transaction, moves, "UPDATE journey_identities SET root_id = m.column2 FROM (", 2,
            ") AS m WHERE journey_identities.root_id = m.column1", static (command, at, m) =>
            {
                command.Parameters[at].Value = m.From.Id;
                command.Parameters[at + 1].Value = m.Into;
            }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        await BatchSql.ForChunksAsync(_connection, _transaction, moves, "UPDATE journey_events SET person_id = m.column2 FROM (", 2,
            ") AS m WHERE journey_events.person_id = m.column1", static (command, at, m) =>
            {
                command.Parameters[at].Value = m.From.Id;
                command.Parameters[at + 1].Value = m.Into;
            }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        // The merged-away identity itself: its root and the evidence that joined it.
        await BatchSql.ForChunksAsync(_connection, _transaction, moves, "UPDATE journey_identities SET root_id = m.column2, evidence = m.column3, " +
            "evidence_event_id = m.column4, linked_at_ticks = m.column5 FROM (", 5, ") AS m WHERE journey_identities.id = m.column1", static (command, at, m) =>
            {
                command.Parameters[at].Value = m.From.Id;
                command.Parameters[at + 1].Value = m.Into;
                command.Parameters[at + 2].Value = (int)m.From.Evidence.Kind;
                command.Parameters[at + 3].Value = m.From.Evidence.EventId;
                command.Parameters[at + 4].Value = m.From.Evidence.At;
            }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        // Their attempts are rebuilt under the final root (RunAsync's _rebuildWhole); one statement per funnel keeps the index's order.
        foreach (var funnel in Funnels.All)
        {
            await BatchSql.ForChunksAsync(_connection, _transaction, moves, "DELETE FROM journey_attempts WHERE funnel = @funnel AND person_id IN (SELECT column1 FROM (", 1,
                ") AS m)", static (command, at, m) => command.Parameters[at].Value = m.From.Id, command =>
                {
                    command.Parameters[^1].Value = funnel.Id;
                    return command.ExecuteNonQueryAsync(cancellationToken);
                }, cancellationToken, "funnel").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Joins person <paramref name="from"/> (not an e-mail person) into <paramref name="into"/>, in memory: a person
    /// created in this batch is inserted already joined; one stored before is moved by <see cref="FlushMergesAsync"/>.
    /// </summary>
    private Task MergeAsync(Identity from, Identity into, IdentityEvidence evidence, JourneyInput input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var identity in _byId.Values)
        {
            if (identity.RootId == from.Id)
            {
                identity.RootId = into.Id;
            }
        }

        from.RootId = into.Id;
        from.Evidence = (evidence, input.EventId, input.OccurredTicks);
        if (from.Id > 0)
        {
            _mergedStored[from.Id] = from;
        }

        foreach (var key in _touched.Keys.Where(k => k.Person == from.Id).ToList())
        {
            _touched.Remove(key);
        }

        _rebuildWhole.Remove(from.Id);
        _rebuildWhole.Add(into.Id);
        return Task.CompletedTask;
    }

    /// <summary>Rebuilds the person's attempts at the funnel from <paramref name="earliest"/> on (<see cref="long.MinValue"/>: all of them).</summary>
    internal Task RebuildAttemptsAsync(FunnelDefinition funnel, long person, long earliest, CancellationToken cancellationToken) =>
        RebuildAsync([(IndexOf(funnel), person, earliest)], cancellationToken);

    /// <summary>
    /// Rebuilds attempts for each (funnel, person) from the last one that started at or before its earliest new event
    /// (attempts never overlap, so nothing earlier can change). Set-based: one read of the attempts concerned, one read of
    /// the people's journey events, one upsert of the rebuilt attempts per chunk, and a delete only for an attempt that
    /// no longer starts where it did.
    /// </summary>
    private async Task RebuildAsync(List<(int Funnel, long Person, long Earliest)> touched, CancellationToken cancellationToken)
    {
        if (touched.Count == 0)
        {
            return;
        }

        touched.Sort();
        // Existing attempts from each pair's starting point on; the earliest of them at or before Earliest is that point.
        var from = touched.ToDictionary(t => (t.Funnel, t.Person), t => t.Earliest);
        var existing = new Dictionary<(int Funnel, long Person), List<long>>();
        var funnelIndex = Enumerable.Range(0, Funnels.All.Count).ToDictionary(i => Funnels.All[i].Id, StringComparer.Ordinal);
        await BatchSql.ForChunksAsync(_connection, _transaction, touched, AttemptsFromHead, 3, AttemptsFromTail, static (command, at, t) =>
        {
            command.Parameters[at].Value = Funnels.All[t.Funnel].Id;
            command.Parameters[at + 1].Value = t.Person;
            command.Parameters[at + 2].Value = t.Earliest;
        }, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (funnelIndex[reader.GetString(0)], reader.GetInt64(1));
                var start = reader.GetInt64(2);
                if (!existing.TryGetValue(key, out var starts))
                {
                    existing[key] = starts = [];
                }

                starts.Add(start);
                if (start < from[key])
                {
                    from[key] = start;
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        // Each person's events from the earliest starting point over their funnels; filtered per funnel below.
        var people = new Dictionary<long, long>();
        foreach (var ((_, person), at) in from)
        {
            people[person] = people.TryGetValue(person, out var known) ? Math.Min(known, at) : at;
        }

        var events = new Dictionary<long, List<(JourneyEvent Event, int Mask)>>();
        await BatchSql.ForChunksAsync(_connection, _transaction, people.OrderBy(p => p.Key).ToList(), EventsFromHead, 2, EventsFromTail, static (command, at, p) =>
        {
            command.Parameters[at].Value = p.Key;
            command.Parameters[at + 1].Value = p.Value;
        }, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var person = reader.GetInt64(0);
                if (!events.TryGetValue(person, out var list))
                {
                    events[person] = list = [];
                }

                list.Add((new JourneyEvent(
                    reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), (EventSource)reader.GetInt32(4), reader.GetString(5), reader.GetString(6),
                    (Outcome)reader.GetInt32(7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12)), reader.GetInt32(13)));
            }
        }, cancellationToken).ConfigureAwait(false);

        var attempts = new List<(FunnelDefinition Funnel, long Person, FunnelAttempt Attempt)>();
        var stale = new List<(string Funnel, long Start, long Person)>();
        foreach (var (funnel, person, _) in touched)
        {
            var definition = Funnels.All[funnel];
            var start = from[(funnel, person)];
            var bit = 1 << funnel;
            var mine = events.TryGetValue(person, out var all)
                ? all.Where(e => (e.Mask & bit) != 0 && e.Event.OccurredTicks >= start).Select(e => e.Event)
                    .OrderBy(e => e.OccurredTicks).ThenBy(e => e.Step).ThenBy(e => e.EventId).ToList()
                : [];
            var built = FunnelAttemptBuilder.Build(definition, mine);
            var starts = built.Select(a => a.StartTicks).ToHashSet();
            foreach (var old in existing.GetValueOrDefault((funnel, person)) ?? [])
            {
                if (!starts.Contains(old))
                {
                    stale.Add((definition.Id, old, person));
                }
            }

            attempts.AddRange(built.Select(a => (definition, person, a)));
        }

        if (stale.Count > 0)
        {
            await using var delete = BatchSql.Command(_connection, _transaction,
                "DELETE FROM journey_attempts WHERE funnel = @funnel AND start_ticks = @start AND person_id = @person", "funnel", "start", "person");
            foreach (var (funnel, start, person) in stale)
            {
                delete.Parameters[0].Value = funnel;
                delete.Parameters[1].Value = start;
                delete.Parameters[2].Value = person;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await BatchSql.ForChunksAsync(_connection, _transaction, attempts, AttemptHead, AttemptColumns, AttemptTail, static (command, at, row) =>
        {
            var (funnel, person, a) = row;
            var failure = a.LastFailure;
            object?[] values = [funnel.Id, a.StartTicks, person, FunnelProgress.Of(a, 0, null).Rank, FunnelAttemptCodec.Encode(a), a.Country, a.Authenticator,
                a.RateLimitType, a.Failures, failure?.Ticks, failure?.EventId, failure?.EventType, failure?.Canonical, failure?.Raw];
            for (var c = 0; c < values.Length; c++)
            {
                BatchSql.Set(command, at + c, values[c]);
            }
        }, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
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
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = chunk[i];
                command.Parameters.Add(parameter);
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
                    LabelStored = Text(reader, 4),
                };
                _byKey[identity.Key] = identity;
                _byId[identity.Id] = identity;
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = BatchSql.Command(_connection, _transaction, sql, parameters.Select(p => p.Name.TrimStart('@')).ToArray());
        for (var i = 0; i < parameters.Length; i++)
        {
            BatchSql.Set(command, i, parameters[i].Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BatchSql.Set(command, i, values[i]);
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
    }

    private sealed class Identity(long id, string key, IdentityKind kind)
    {
        public long Id { get; set; } = id;
        public string Key { get; } = key;
        public IdentityKind Kind { get; } = kind;
        public long? RootId { get; set; }
        public string? Label { get; set; }

        /// <summary>The label the stored row has.</summary>
        public string? LabelStored { get; set; }

        /// <summary>Why it joined its root (or was created), written with the row or by <see cref="FlushMergesAsync"/>.</summary>
        public (IdentityEvidence Kind, long EventId, long At) Evidence { get; set; }
    }

    private sealed record PendingIdentity(Identity Identity, EventSource? Source);
}
