using System.Runtime.CompilerServices;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>Read-side queries. One short-lived context per call; every call takes the caller's cancellation token.</summary>
public sealed class EventQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    public async Task<IReadOnlyList<EventListItem>> RecentAsync(EventQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await Apply(db.Events.AsNoTracking(), query)
            .OrderByDescending(e => e.OccurredAtTicks).ThenByDescending(e => e.Id)
            .Take(limit)
            .Select(e => new EventListItem(
                e.Id, e.Source, e.EventType, e.Milestone, e.Outcome, e.ReasonCodes, e.PersonKey, e.EmailMasked,
                e.SessionKey, e.Ip, e.Country, e.Authenticator, new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), e.IsDemo))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every event the query selects, oldest first, streamed row by row from one context: no row cap and no
    /// buffering, so an export of millions of rows runs in constant memory.
    /// </summary>
    public async IAsyncEnumerable<ExportRow> StreamAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = Apply(db.Events.AsNoTracking(), query)
            .OrderBy(e => e.OccurredAtTicks).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome, e.OccurredAtTicks, e.ReceivedAtTicks,
                Reasons = e.FailureReasons.Select(r => r.Field + ":" + r.Code + ":" + r.Canonical).ToList(),
                e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.Authenticator, e.IsDemo,
            })
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken)
            .ConfigureAwait(false);
        await foreach (var e in rows)
        {
            yield return new ExportRow(
                e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome,
                new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), new DateTimeOffset(e.ReceivedAtTicks, TimeSpan.Zero),
                string.Join(';', e.Reasons), e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.Authenticator, e.IsDemo);
        }
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var events = await db.Events.LongCountAsync(cancellationToken).ConfigureAwait(false);
            var pending = await db.Inbox.LongCountAsync(i => i.State == InboxState.Pending, cancellationToken).ConfigureAwait(false);
            var quarantined = await db.Quarantine.LongCountAsync(q => q.ResolvedAtTicks == null, cancellationToken).ConfigureAwait(false);
            var newest = await db.Events.MaxAsync(e => (long?)e.OccurredAtTicks, cancellationToken).ConfigureAwait(false);
            return new StoreStatus(true, events, pending, quarantined, newest is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null, null);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return new StoreStatus(false, 0, 0, 0, null, ex.GetType().Name);
        }
    }

    public async Task<IReadOnlyList<SourceStateRecord>> GetSourceStatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SourceStates.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Per source: newest occurred time, events that occurred in the hour before <paramref name="now"/>, and open quarantine rows.</summary>
    public async Task<IReadOnlyList<SourceActivity>> GetSourceActivityAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hourAgo = now.AddHours(-1).UtcTicks;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.Events.AsNoTracking()
            .GroupBy(e => e.Source)
            .Select(g => new { Source = g.Key, Newest = g.Max(e => e.OccurredAtTicks), LastHour = g.Count(e => e.OccurredAtTicks >= hourAgo) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var quarantine = await db.Quarantine.AsNoTracking().Where(q => q.ResolvedAtTicks == null)
            .GroupBy(q => q.Source).Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<EventSource>().Select(source =>
        {
            var e = events.FirstOrDefault(x => x.Source == source);
            return new SourceActivity(
                source,
                e is null ? null : new DateTimeOffset(e.Newest, TimeSpan.Zero),
                e?.LastHour ?? 0,
                quarantine.FirstOrDefault(q => q.Source == source)?.Count ?? 0);
        }).ToList();
    }

    /// <summary>Open quarantine rows, newest first.</summary>
    public async Task<IReadOnlyList<QuarantineRecord>> GetQuarantineAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Quarantine.AsNoTracking().Where(q => q.ResolvedAtTicks == null)
            .OrderByDescending(q => q.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static IQueryable<EventRecord> Apply(IQueryable<EventRecord> events, EventQuery q)
    {
        if (q.From is { } from)
        {
            var ticks = from.UtcTicks;
            events = events.Where(e => e.OccurredAtTicks >= ticks);
        }

        if (q.To is { } to)
        {
            var ticks = to.UtcTicks;
            events = events.Where(e => e.OccurredAtTicks < ticks);
        }

        if (q.Sources.Count > 0)
        {
            var sources = q.Sources.ToList();
            events = events.Where(e => sources.Contains(e.Source));
        }

        if (q.Milestones.Count > 0)
        {
            var milestones = q.Milestones.ToList();
            events = events.Where(e => milestones.Contains(e.Milestone));
        }

        if (q.Outcomes.Count > 0)
        {
            var outcomes = q.Outcomes.ToList();
            events = events.Where(e => outcomes.Contains(e.Outcome));
        }

        if (!string.IsNullOrEmpty(q.EventType))
        {
            events = events.Where(e => e.EventType == q.EventType);
        }

        if (!string.IsNullOrEmpty(q.PersonKey))
        {
            events = events.Where(e => e.PersonKey == q.PersonKey);
        }

        if (!string.IsNullOrEmpty(q.SessionKey))
        {
            events = events.Where(e => e.SessionKey == q.SessionKey);
        }

        if (!string.IsNullOrEmpty(q.Ip))
        {
            events = events.Where(e => e.Ip == q.Ip);
        }

        if (q.EventTypes.Count > 0)
        {
            var types = q.EventTypes.ToList();
            events = events.Where(e => types.Contains(e.EventType));
        }

        if (q.ReasonCodes.Count > 0)
        {
            var reasons = q.ReasonCodes.ToList();
            events = events.Where(e => e.FailureReasons.Any(r => reasons.Contains(r.Canonical)));
        }

        if (!string.IsNullOrEmpty(q.Country))
        {
            events = events.Where(e => e.Country == q.Country);
        }

        if (!string.IsNullOrEmpty(q.Text))
        {
            var pattern = "%" + q.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            events = events.Where(e => EF.Functions.Like(e.EventType, pattern, "\\") || EF.Functions.Like(e.Milestone, pattern, "\\")
                || EF.Functions.Like(e.EmailMasked!, pattern, "\\") || EF.Functions.Like(e.Ip!, pattern, "\\") || EF.Functions.Like(e.City!, pattern, "\\")
                || EF.Functions.Like(e.UserAgent!, pattern, "\\") || EF.Functions.Like(e.ReasonCodes!, pattern, "\\") || EF.Functions.Like(e.ProviderEventId, pattern, "\\"));
        }

        return events;
    }
}
