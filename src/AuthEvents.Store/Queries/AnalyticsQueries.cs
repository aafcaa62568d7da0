using System.Linq.Expressions;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>Grouped read queries for the overview, failures, journeys, people and sessions pages.</summary>
public sealed class AnalyticsQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    public async Task<IReadOnlyList<SummaryRow>> SummarizeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Events.AsNoTracking()
            .Where(e => e.OccurredAtTicks >= f && e.OccurredAtTicks < t)
            .GroupBy(e => new { e.Source, e.Outcome })
            .Select(g => new SummaryRow(g.Key.Source, g.Key.Outcome, g.Count()))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DistinctPeopleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Events.AsNoTracking()
            .Where(e => e.OccurredAtTicks >= f && e.OccurredAtTicks < t && e.PersonKey != null)
            .Select(e => e.PersonKey).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReasonRow>> TopReasonsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.FailureReasons.AsNoTracking()
            .Where(r => r.OccurredAtTicks >= f && r.OccurredAtTicks < t)
            .GroupBy(r => new { r.Canonical, r.Source, r.EventType, r.Field, r.Code })
            .Select(g => new ReasonRow(g.Key.Canonical, g.Key.Source, g.Key.EventType, g.Key.Field, g.Key.Code, g.Count()))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.Count).ThenBy(r => r.Canonical, StringComparer.Ordinal).Take(limit).ToList();
    }

    public async Task<IReadOnlyList<MilestoneRow>> MilestonesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Events.AsNoTracking()
            .Where(e => e.OccurredAtTicks >= f && e.OccurredAtTicks < t)
            .GroupBy(e => e.Milestone)
            .Select(g => new
            {
                Milestone = g.Key,
                Attempted = g.Where(e => e.PersonKey != null).Select(e => e.PersonKey).Distinct().Count(),
                // An informational event (a code sent, a link mailed) means the step happened: it counts as passed.
                Succeeded = g.Where(e => e.PersonKey != null && (e.Outcome == Outcome.Success || e.Outcome == Outcome.Info)).Select(e => e.PersonKey).Distinct().Count(),
                Events = g.Count(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var order = Milestones.All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        return rows
            .OrderBy(r => order.GetValueOrDefault(r.Milestone, int.MaxValue))
            .Select(r => new MilestoneRow(r.Milestone, r.Attempted, r.Succeeded, r.Events))
            .ToList();
    }

    /// <summary>People active in the range, most failures first.</summary>
    public Task<IReadOnlyList<ActorRow>> PeopleAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        ActorsAsync(e => e.PersonKey, byFailures: true, from, to, limit, cancellationToken);

    /// <summary>Sessions active in the range, most recent first.</summary>
    public Task<IReadOnlyList<ActorRow>> SessionsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        ActorsAsync(e => e.SessionKey, byFailures: false, from, to, limit, cancellationToken);

    private async Task<IReadOnlyList<ActorRow>> ActorsAsync(
        Expression<Func<EventRecord, string?>> key, bool byFailures, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var (f, t) = (from.UtcTicks, to.UtcTicks);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hasKey = Expression.Lambda<Func<EventRecord, bool>>(
            Expression.NotEqual(key.Body, Expression.Constant(null, typeof(string))), key.Parameters);
        var groups = db.Events.AsNoTracking()
            .Where(e => e.OccurredAtTicks >= f && e.OccurredAtTicks < t)
            .Where(hasKey)
            .GroupBy(key)
            .Select(g => new
            {
                Key = g.Key!,
                Label = g.Max(e => e.EmailMasked),
                Events = g.Count(),
                Failures = g.Count(e => e.Outcome == Outcome.Failure || e.Outcome == Outcome.RateLimited),
                Last = g.Max(e => e.OccurredAtTicks),
            });
        var ordered = byFailures
            ? groups.OrderByDescending(r => r.Failures).ThenByDescending(r => r.Last)
            : groups.OrderByDescending(r => r.Last);
        var rows = await ordered.Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ActorRow(r.Key, r.Label, r.Events, r.Failures, new DateTimeOffset(r.Last, TimeSpan.Zero))).ToList();
    }
}
