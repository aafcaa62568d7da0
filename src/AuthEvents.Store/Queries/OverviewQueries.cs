using AuthEvents.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace AuthEvents.Store.Queries;

/// <summary>
/// The overview page's figures over <c>[from, to)</c>, optionally for one source, read from the rollups (exact counts,
/// a few thousand rows read whatever the number of stored events). One short-lived context per call.
/// </summary>
public sealed class OverviewQueries(IDbContextFactory<AuthEventsDbContext> contexts)
{
    /// <summary>How many canonical reasons <see cref="LoadAsync"/> returns.</summary>
    public const int TopReasonCount = 10;

    private static readonly EventDim[] BreakdownDims = [EventDim.Source, EventDim.Milestone, EventDim.Outcome, EventDim.Country, EventDim.Authenticator];
    private static readonly EventDim[] KpiDims = [EventDim.Source, EventDim.Milestone, EventDim.Outcome];
    private static readonly ReasonDim[] ReasonDims = [ReasonDim.Canonical, ReasonDim.Source, ReasonDim.EventType, ReasonDim.Field, ReasonDim.Code];
    private static readonly HashSet<string> SignInFailureMilestones = new(StringComparer.Ordinal) { Milestones.LoginPassword, Milestones.LoginPolicy, Milestones.MfaVerify };

    // Keeps each day's person ids between calls (checked against the day's figures on every call).
    private readonly PeopleCounter _people = new();

    /// <summary>
    /// Everything the overview shows. The distinct-people counts of the range and of the previous range (the slowest
    /// reads) run on the thread pool, each on its own connection, beside the other reads.
    /// </summary>
    public async Task<OverviewData> LoadAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        var people = CountPeopleAsync(from, to, source, cancellationToken);
        var previousPeople = CountPeopleAsync(from - (to - from), from, source, cancellationToken);
        var events = ReadEventsAsync(from, to, source, cancellationToken);
        await Task.WhenAll(people, previousPeople, events).ConfigureAwait(false);
        var (rows, previous, attempts, reasons) = await events.ConfigureAwait(false);
        var kpis = new OverviewKpis(from, to, ToKpis(rows, await people.ConfigureAwait(false)), ToKpis(previous, await previousPeople.ConfigureAwait(false)));
        return new OverviewData(kpis, attempts, ToMilestones(rows), ToMfa(rows), ToReasonGroups(reasons, TopReasonCount), ToSources(rows, source), ToCountries(rows, int.MaxValue));
    }

    /// <summary>The KPI tiles for the range and for the equally long range before it.</summary>
    public async Task<OverviewKpis> KpisAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        var people = CountPeopleAsync(from, to, source, cancellationToken);
        var previousPeople = CountPeopleAsync(from - (to - from), from, source, cancellationToken);
        var events = ReadKpiEventsAsync(from, to, source, cancellationToken);
        await Task.WhenAll(people, previousPeople, events).ConfigureAwait(false);
        var (rows, previous) = await events.ConfigureAwait(false);
        return new OverviewKpis(from, to, ToKpis(rows, await people.ConfigureAwait(false)), ToKpis(previous, await previousPeople.ConfigureAwait(false)));
    }

    /// <summary>
    /// Events per bucket, one line per outcome (keys from <see cref="OutcomeKeys"/>, in that order). The bucket is
    /// <paramref name="bucketSize"/> or, when null, <see cref="TimeBuckets.ForRange"/>; buckets align in <paramref name="from"/>'s offset.
    /// </summary>
    public async Task<TimeSeries> AttemptsOverTimeAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, TimeSpan? bucketSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await AttemptsAsync(db, from, to, EventRollupFilter.ForSource(source), bucketSize ?? TimeBuckets.ForRange(from, to), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each milestone's events by outcome, in journey order (<see cref="Milestones.All"/>), unknown milestones last.</summary>
    public async Task<IReadOnlyList<MilestoneCounts>> MilestonesAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken) =>
        ToMilestones(await CountAsync(from, to, source, [EventDim.Milestone, EventDim.Outcome], cancellationToken).ConfigureAwait(false));

    /// <summary>MFA challenges (<c>mfa.verify</c>) per authenticator, most failures first.</summary>
    public async Task<IReadOnlyList<AuthenticatorCounts>> MfaByAuthenticatorAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken) =>
        ToMfa(await CountAsync(from, to, source, [EventDim.Milestone, EventDim.Authenticator, EventDim.Outcome], cancellationToken).ConfigureAwait(false));

    /// <summary>Events per source by outcome; every source is listed (with zeros) unless <paramref name="source"/> narrows it to one.</summary>
    public async Task<IReadOnlyList<SourceCounts>> SourcesAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken) =>
        ToSources(await CountAsync(from, to, source, [EventDim.Source, EventDim.Outcome], cancellationToken).ConfigureAwait(false), source);

    /// <summary>The <paramref name="limit"/> countries with the most events, by outcome.</summary>
    public async Task<IReadOnlyList<CountryCounts>> CountriesAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, int limit, CancellationToken cancellationToken) =>
        ToCountries(await CountAsync(from, to, source, [EventDim.Country, EventDim.Outcome], cancellationToken).ConfigureAwait(false), limit);

    /// <summary>The <paramref name="limit"/> most frequent canonical failure reasons, each with the raw provider codes under it.</summary>
    public async Task<IReadOnlyList<ReasonGroup>> TopReasonsAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await RollupSql.CountReasonsAsync(db, from.UtcTicks, to.UtcTicks, Sources(source), ReasonDims, null, cancellationToken).ConfigureAwait(false);
        return ToReasonGroups(rows, limit);
    }

    internal static IReadOnlyList<EventSource> Sources(EventSource? source) => source is { } s ? [s] : [];

    private async Task<List<EventCountRow>> CountAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, EventDim[] dims, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await RollupSql.CountEventsAsync(db, from.UtcTicks, to.UtcTicks, EventRollupFilter.ForSource(source), dims, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(List<EventCountRow> Rows, List<EventCountRow> Previous, TimeSeries Attempts, List<ReasonCountRow> Reasons)> ReadEventsAsync(
        DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var filter = EventRollupFilter.ForSource(source);
        var rows = await RollupSql.CountEventsAsync(db, from.UtcTicks, to.UtcTicks, filter, BreakdownDims, null, cancellationToken).ConfigureAwait(false);
        var previous = await RollupSql.CountEventsAsync(db, (from - (to - from)).UtcTicks, from.UtcTicks, filter, KpiDims, null, cancellationToken).ConfigureAwait(false);
        var attempts = await AttemptsAsync(db, from, to, filter, TimeBuckets.ForRange(from, to), cancellationToken).ConfigureAwait(false);
        var reasons = await RollupSql.CountReasonsAsync(db, from.UtcTicks, to.UtcTicks, Sources(source), ReasonDims, null, cancellationToken).ConfigureAwait(false);
        return (rows, previous, attempts, reasons);
    }

    private async Task<(List<EventCountRow> Rows, List<EventCountRow> Previous)> ReadKpiEventsAsync(
        DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var filter = EventRollupFilter.ForSource(source);
        var rows = await RollupSql.CountEventsAsync(db, from.UtcTicks, to.UtcTicks, filter, KpiDims, null, cancellationToken).ConfigureAwait(false);
        var previous = await RollupSql.CountEventsAsync(db, (from - (to - from)).UtcTicks, from.UtcTicks, filter, KpiDims, null, cancellationToken).ConfigureAwait(false);
        return (rows, previous);
    }

    // On the thread pool, not the caller's synchronization context (a Blazor circuit runs one thing at a time),
    // with a context of its own: the two counts and the caller's other reads proceed side by side.
    private Task<PeopleCounts> CountPeopleAsync(DateTimeOffset from, DateTimeOffset to, EventSource? source, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                return await _people.CountAsync(db, from.UtcTicks, to.UtcTicks, Sources(source), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private static async Task<TimeSeries> AttemptsAsync(
        AuthEventsDbContext db, DateTimeOffset from, DateTimeOffset to, EventRollupFilter filter, TimeSpan bucketSize, CancellationToken cancellationToken)
    {
        var bucketing = TimeBuckets.Bucketing(from, to, bucketSize);
        var rows = await RollupSql.CountEventsAsync(db, from.UtcTicks, to.UtcTicks, filter, [EventDim.Outcome], bucketing, cancellationToken).ConfigureAwait(false);
        return TimeBuckets.ToSeries(from, to, bucketSize, OutcomeKeys.Order.Select(OutcomeKeys.Of), rows.Select(r => (r.Bucket, OutcomeKeys.Of(r.Outcome), r.Count)));
    }

    private static KpiFigures ToKpis(List<EventCountRow> rows, PeopleCounts people)
    {
        var outcomes = Sum(rows);
        var completed = rows.Where(r => r.Milestone == Milestones.LoginComplete && r.Outcome == Outcome.Success).Sum(r => r.Count);
        var signInFailed = rows.Where(r => SignInFailureMilestones.Contains(r.Milestone) && r.Outcome is Outcome.Failure or Outcome.RateLimited).Sum(r => r.Count);
        var mfa = Sum(rows.Where(r => r.Milestone == Milestones.MfaVerify));
        return new KpiFigures(
            outcomes,
            new Ratio(completed, completed + signInFailed),
            mfa.FailureRate,
            new Ratio(people.IdvCompleted, people.IdvStarted),
            people.People,
            rows.Where(r => r.Count > 0).Select(r => r.Source).Distinct().Count());
    }

    private static List<MilestoneCounts> ToMilestones(List<EventCountRow> rows)
    {
        var order = Milestones.All.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        return rows.GroupBy(r => r.Milestone, StringComparer.Ordinal)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MilestoneCounts(g.Key, Sum(g)))
            .ToList();
    }

    private static List<AuthenticatorCounts> ToMfa(List<EventCountRow> rows) =>
        rows.Where(r => r.Milestone == Milestones.MfaVerify)
            .GroupBy(r => r.Authenticator, StringComparer.Ordinal)
            .Select(g => new AuthenticatorCounts(g.Key.Length == 0 ? null : g.Key, Sum(g)))
            .OrderByDescending(a => a.Counts.Failed).ThenByDescending(a => a.Counts.Total).ThenBy(a => a.Authenticator, StringComparer.Ordinal)
            .ToList();

    private static List<SourceCounts> ToSources(List<EventCountRow> rows, EventSource? source) =>
        (source is { } s ? [s] : Enum.GetValues<EventSource>())
            .Select(x => new SourceCounts(x, Sum(rows.Where(r => r.Source == x))))
            .ToList();

    private static List<CountryCounts> ToCountries(List<EventCountRow> rows, int limit) =>
        rows.GroupBy(r => r.Country, StringComparer.Ordinal)
            .Select(g => new CountryCounts(g.Key.Length == 0 ? null : g.Key, Sum(g)))
            .OrderByDescending(c => c.Counts.Total).ThenBy(c => c.Country, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    internal static List<ReasonGroup> ToReasonGroups(IEnumerable<ReasonCountRow> rows, int limit) =>
        rows.GroupBy(r => r.Canonical, StringComparer.Ordinal)
            .Select(g => new ReasonGroup(
                g.Key,
                g.Sum(r => r.Count),
                g.Select(r => new ReasonCodeCount(r.Source, r.EventType, r.Field, r.Code, r.Count))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.Source).ThenBy(c => c.EventType, StringComparer.Ordinal)
                    .ThenBy(c => c.Field, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
                    .ToList()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Canonical, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    private static OutcomeCounts Sum(IEnumerable<EventCountRow> rows) =>
        rows.Aggregate(default(OutcomeCounts), (sum, r) => sum.Add(r.Outcome, r.Count));
}
