using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Analytics.OverviewScript;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OverviewQueriesTests
{
    [Fact]
    public async Task Kpis_ScriptedHourStoredTwice_ExactFiguresAndPreviousRange()
    {
        using var store = await SeedAsync();

        var kpis = await new OverviewQueries(store.Database.Contexts).KpisAsync(From, To, null, CancellationToken.None);

        Assert.Equal(Noon.AddHours(-2), kpis.PreviousFrom);
        Assert.Equal(
            new KpiFigures(new OutcomeCounts(5, 5, 1, 1), new Ratio(2, 6), new Ratio(2, 3), new Ratio(1, 3), DistinctPeople: 7, ActiveSources: 4),
            kpis.Current);
        Assert.Equal(
            new KpiFigures(new OutcomeCounts(1, 1, 0, 0), new Ratio(1, 2), new Ratio(0, 0), new Ratio(0, 0), DistinctPeople: 2, ActiveSources: 1),
            kpis.Previous);
        Assert.Equal(11, kpis.Current.Outcomes.Attempts);
        Assert.Null(kpis.Previous.MfaFailure.Value);
    }

    [Fact]
    public async Task Kpis_OneSource_OnlyItsEventsAndPeople()
    {
        using var store = await SeedAsync();

        var kpis = await new OverviewQueries(store.Database.Contexts).KpisAsync(From, To, EventSource.OnePassword, CancellationToken.None);

        Assert.Equal(new KpiFigures(new OutcomeCounts(0, 2, 0, 0), new Ratio(0, 2), new Ratio(1, 1), new Ratio(0, 0), 1, 1), kpis.Current);
        Assert.Equal(new KpiFigures(new OutcomeCounts(1, 1, 0, 0), new Ratio(1, 2), new Ratio(0, 0), new Ratio(0, 0), 2, 1), kpis.Previous);
    }

    [Fact]
    public async Task AttemptsOverTime_FiveMinuteBuckets_EveryBucketPresentEmptyOnesZero()
    {
        using var store = await SeedAsync();

        var series = await new OverviewQueries(store.Database.Contexts).AttemptsOverTimeAsync(From, To, null, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => From.AddMinutes(5 * i)), series.Buckets);
        Assert.Equal(["success", "failure", "rate-limited", "info"], series.Lines.Select(l => l.Key));
        Assert.Equal([1L, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0], series.Lines[0].Counts);
        Assert.Equal([0L, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0], series.Lines[1].Counts);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], series.Lines[2].Counts);
        Assert.Equal([0L, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], series.Lines[3].Counts);
    }

    [Fact]
    public async Task AttemptsOverTime_DayBucketsInAnOffset_AlignedToLocalMidnight()
    {
        using var store = await CreateAsync();
        var eastern = TimeSpan.FromHours(-5);
        // 22:00 local on the 22nd is 03:00 UTC on the 23rd: a UTC day bucket would put it on the wrong day.
        await store.StoreAsync(
            Event("late-evening", new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero)),
            Event("next-morning", new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.Zero)),
            Event("outside", new DateTimeOffset(2026, 11, 22, 4, 59, 0, TimeSpan.Zero)));
        var from = new DateTimeOffset(2026, 11, 22, 0, 0, 0, eastern);

        var series = await new OverviewQueries(store.Database.Contexts).AttemptsOverTimeAsync(from, from.AddDays(2), null, TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Equal([from, from.AddDays(1)], series.Buckets);
        Assert.Equal(eastern, series.Buckets[0].Offset);
        Assert.Equal([1L, 1], series.Lines[0].Counts);
    }

    [Fact]
    public async Task Breakdowns_ScriptedHour_MilestonesMfaSourcesCountriesReasons()
    {
        using var store = await SeedAsync();
        var queries = new OverviewQueries(store.Database.Contexts);

        var milestones = await queries.MilestonesAsync(From, To, null, CancellationToken.None);
        var mfa = await queries.MfaByAuthenticatorAsync(From, To, null, CancellationToken.None);
        var sources = await queries.SourcesAsync(From, To, null, CancellationToken.None);
        var countries = await queries.CountriesAsync(From, To, null, 10, CancellationToken.None);
        var reasons = await queries.TopReasonsAsync(From, To, null, 3, CancellationToken.None);

        Assert.Equal(
            [
                new MilestoneCounts(Milestones.LoginPassword, new(0, 2, 0, 0)),
                new MilestoneCounts(Milestones.MfaVerify, new(1, 2, 0, 1)),
                new MilestoneCounts(Milestones.LoginComplete, new(2, 0, 0, 0)),
                new MilestoneCounts(Milestones.IdvDocumentUpload, new(1, 0, 0, 0)),
                new MilestoneCounts(Milestones.IdvSsn, new(0, 1, 0, 0)),
                new MilestoneCounts(Milestones.IdvVerification, new(0, 0, 1, 0)),
                new MilestoneCounts(Milestones.IdvComplete, new(1, 0, 0, 0)),
            ],
            milestones);
        Assert.Equal([new AuthenticatorCounts("authenticator", new(1, 1, 0, 0)), new AuthenticatorCounts("totp", new(0, 1, 0, 0)), new AuthenticatorCounts("sms", new(0, 0, 0, 1))], mfa);
        Assert.Equal(
            [
                new SourceCounts(EventSource.LoginGov, new(3, 2, 1, 1)),
                new SourceCounts(EventSource.OnePassword, new(0, 2, 0, 0)),
                new SourceCounts(EventSource.Entrust, new(1, 0, 0, 0)),
                new SourceCounts(EventSource.FusionAuth, new(1, 1, 0, 0)),
            ],
            sources);
        Assert.Equal([new CountryCounts(null, new(3, 1, 1, 1)), new CountryCounts("US", new(2, 2, 0, 0)), new CountryCounts("DE", new(0, 2, 0, 0))], countries);
        Assert.Equal([(CanonicalReasons.InvalidCredentials, 3L), (CanonicalReasons.MfaInvalid, 2L), (CanonicalReasons.IdentityUnverified, 1L)], reasons.Select(r => (r.Canonical, r.Count)));
        Assert.Equal(
            [
                new ReasonCodeCount(EventSource.LoginGov, "login-email-and-password-auth", "email", "unknown", 1),
                new ReasonCodeCount(EventSource.LoginGov, "login-email-and-password-auth", "password", "invalid", 1),
                new ReasonCodeCount(EventSource.OnePassword, "credentials_failed", "category", "credentials_failed", 1),
            ],
            reasons[0].Codes);
    }

    [Fact]
    public async Task Load_SameRange_SameFiguresAsTheSingleQueries()
    {
        using var store = await SeedAsync();
        var queries = new OverviewQueries(store.Database.Contexts);

        var all = await queries.LoadAsync(From, To, null, CancellationToken.None);

        Assert.Equal(Json(await queries.KpisAsync(From, To, null, CancellationToken.None)), Json(all.Kpis));
        Assert.Equal(Json(await queries.AttemptsOverTimeAsync(From, To, null, null, CancellationToken.None)), Json(all.Attempts));
        Assert.Equal(TimeSpan.FromMinutes(1), all.Attempts.BucketSize);
        Assert.Equal(await queries.MilestonesAsync(From, To, null, CancellationToken.None), all.Milestones);
        Assert.Equal(await queries.MfaByAuthenticatorAsync(From, To, null, CancellationToken.None), all.MfaByAuthenticator);
        Assert.Equal(await queries.SourcesAsync(From, To, null, CancellationToken.None), all.Sources);
        Assert.Equal(await queries.CountriesAsync(From, To, null, 100, CancellationToken.None), all.Countries);
        Assert.Equal(Json(await queries.TopReasonsAsync(From, To, null, OverviewQueries.TopReasonCount, CancellationToken.None)), Json(all.TopReasons));
    }

    [Fact]
    public async Task DistinctPeople_UnalignedRangesOverDays_EqualToCountingTheEvents()
    {
        using var store = await CreateAsync();
        var events = Enumerable.Range(0, 300)
            .Select(i => Event($"e{i}", Noon.AddDays(-3).AddSeconds(i * 877), (EventSource)(1 + (i % 2)), person: i % 11 == 0 ? null : $"p{i * 7 % 23}",
                milestone: i % 13 == 0 ? Milestones.IdvComplete : i % 5 == 0 ? Milestones.IdvPhone : Milestones.LoginPassword))
            .ToArray();
        await store.StoreAsync(events);
        var queries = new OverviewQueries(store.Database.Contexts);
        var from = Noon.AddDays(-3).AddSeconds(3_333);
        var to = Noon.AddSeconds(-71);

        var kpis = await queries.KpisAsync(from, to, EventSource.LoginGov, CancellationToken.None);

        var inRange = events.Where(e => e.OccurredAt >= from && e.OccurredAt < to && e.Source == EventSource.LoginGov && e.PersonKey is not null).ToList();
        var started = inRange.Where(e => e.Milestone.StartsWith("idv.", StringComparison.Ordinal)).Select(e => e.PersonKey).Distinct().Count();
        var completed = inRange.Where(e => e.Milestone == Milestones.IdvComplete).Select(e => e.PersonKey).Distinct().Count();
        Assert.Equal(inRange.Select(e => e.PersonKey).Distinct().Count(), kpis.Current.DistinctPeople);
        Assert.Equal(new Ratio(completed, started), kpis.Current.IdvCompletion);
        Assert.True(completed > 0 && started > completed);
    }

    [Fact]
    public async Task DistinctPeople_EventsLandInDaysAlreadyCounted_CountedAgainWithThem()
    {
        using var store = await CreateAsync();
        var from = Noon.AddDays(-3);
        await store.StoreAsync(
            Event("1", Noon.AddDays(-2), EventSource.LoginGov, person: "p1"),
            Event("2", Noon.AddDays(-2), EventSource.LoginGov, milestone: Milestones.IdvSsn, person: "p2"),
            Event("3", Noon.AddDays(-1), EventSource.Entrust, person: "p1"),
            Event("h1", from.AddHours(1), EventSource.Entrust, person: "p4"));
        var queries = new OverviewQueries(store.Database.Contexts);
        var before = await queries.KpisAsync(from, Noon, null, CancellationToken.None);

        // A new person on a counted day and in a counted hour, and a flag set on a row that already exists (p2 completes IdV the same day).
        await store.StoreAsync(
            Event("4", Noon.AddDays(-2).AddHours(1), EventSource.LoginGov, person: "p3"),
            Event("h2", from.AddHours(1.5), EventSource.Entrust, person: "p5"),
            Event("5", Noon.AddDays(-2).AddHours(2), EventSource.LoginGov, milestone: Milestones.IdvComplete, person: "p2"));
        var after = await queries.KpisAsync(from, Noon, null, CancellationToken.None);

        Assert.Equal((3L, new Ratio(0, 1)), (before.Current.DistinctPeople, before.Current.IdvCompletion));
        Assert.Equal((5L, new Ratio(1, 1)), (after.Current.DistinctPeople, after.Current.IdvCompletion));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static async Task<ScriptedStore> SeedAsync()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Events);
        // Redelivered: stored once, counted once.
        await store.StoreAsync(Events);
        return store;
    }
}
