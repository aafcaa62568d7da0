using System.Linq.Expressions;
using AuthEvents.Core.Events;
using AuthEvents.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>The people and sessions active in a range, for the people and sessions pages.</summary>
public sealed class AnalyticsQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
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
