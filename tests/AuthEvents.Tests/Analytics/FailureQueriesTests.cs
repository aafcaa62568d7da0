using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Analytics.OverviewScript;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class FailureQueriesTests
{
    [Fact]
    public async Task Breakdown_ScriptedHour_SourceTypeFieldCodeWithSharesAndTrends()
    {
        using var store = await SeedAsync();

        var tree = await new FailureQueries(store.Database.Contexts).BreakdownAsync(From, To, null, CancellationToken.None);

        Assert.Equal(7, tree.Total);
        Assert.Equal(TimeSpan.FromMinutes(5), tree.TrendBucketSize);
        Assert.Equal(12, tree.TrendBuckets.Count);
        Assert.Equal([("LoginGov", 4L), ("OnePassword", 2L), ("FusionAuth", 1L)], tree.Nodes.Select(n => (n.Key, n.Count)));
        var loginGov = tree.Nodes[0];
        Assert.Equal(4 / 7.0, loginGov.Share, 6);
        Assert.Equal([0L, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 1], loginGov.Trend);
        Assert.Equal(["login-email-and-password-auth", "idv-rate-limited", "idv-ssn-submitted"], loginGov.Children.Select(c => c.Key));
        var password = loginGov.Children[0];
        Assert.Equal([("email", 1L), ("password", 1L)], password.Children.Select(f => (f.Key, f.Count)));
        var leaf = Assert.Single(password.Children[1].Children);
        Assert.Equal((FailureLevel.Code, "invalid", CanonicalReasons.InvalidCredentials, "password"), (leaf.Level, leaf.Key, leaf.Canonical, leaf.Field));
        Assert.Equal(EventSource.LoginGov, leaf.Source);
    }

    [Fact]
    public async Task ByCanonical_ScriptedHour_ProvidersRawCodesUnderOneReason()
    {
        using var store = await SeedAsync();

        var tree = await new FailureQueries(store.Database.Contexts).ByCanonicalAsync(From, To, null, CancellationToken.None);

        Assert.Equal(
            [(CanonicalReasons.InvalidCredentials, 3L), (CanonicalReasons.MfaInvalid, 2L), (CanonicalReasons.IdentityUnverified, 1L), (CanonicalReasons.RateLimited, 1L)],
            tree.Nodes.Select(n => (n.Key, n.Count)));
        Assert.Equal(
            [(EventSource.OnePassword, "category", "mfa_failed"), (EventSource.FusionAuth, "reason", "invalid_code")],
            tree.Nodes[1].Children.OrderBy(c => c.Source).Select(c => (c.Source!.Value, c.Field!, c.Code!)));
        Assert.Equal([0L, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0], tree.Nodes[1].Trend);
    }

    [Fact]
    public async Task NodeFilter_OpensExactlyTheEventsTheNodeCounts()
    {
        using var store = await SeedAsync();
        var tree = await new FailureQueries(store.Database.Contexts).BreakdownAsync(From, To, null, CancellationToken.None);
        var events = new EventQueries(store.Database.Contexts);

        var onePassword = await events.RecentAsync(tree.Nodes[1].ToEventQuery(From, To), 100, CancellationToken.None);
        var emailLeaf = tree.Nodes[0].Children[0].Children[0].Children[0];
        var leafEvents = await events.RecentAsync(emailLeaf.ToEventQuery(From, To), 100, CancellationToken.None);

        Assert.Equal(["op-1", "op-2"], onePassword.Select(e => Name(e.Id)).Order(StringComparer.Ordinal));
        Assert.Equal(["lg-3"], leafEvents.Select(e => Name(e.Id)));
    }

    [Fact]
    public async Task OverTime_FifteenMinuteBuckets_OneLinePerCanonicalReasonMostFrequentFirst()
    {
        using var store = await SeedAsync();

        var series = await new FailureQueries(store.Database.Contexts).OverTimeAsync(From, To, null, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal(
            [
                (CanonicalReasons.InvalidCredentials, new long[] { 0, 3, 0, 0 }),
                (CanonicalReasons.MfaInvalid, new long[] { 0, 2, 0, 0 }),
                (CanonicalReasons.IdentityUnverified, new long[] { 0, 0, 0, 1 }),
                (CanonicalReasons.RateLimited, new long[] { 0, 0, 0, 1 }),
            ],
            series.Lines.Select(l => (l.Key, l.Counts.ToArray())));
    }

    [Fact]
    public async Task Compare_HourAgainstThePreviousHour_BothCountsAndDifference()
    {
        using var store = await SeedAsync();

        var comparison = await new FailureQueries(store.Database.Contexts).CompareAsync(From, To, From.AddHours(-1), From, null, CancellationToken.None);

        Assert.Equal((7L, 1L), (comparison.CurrentTotal, comparison.BaselineTotal));
        var credentials = comparison.Groups[0];
        Assert.Equal((CanonicalReasons.InvalidCredentials, 3L, 1L, 2L, 2.0), (credentials.Canonical, credentials.Current, credentials.Baseline, credentials.Difference, credentials.Change));
        var onePassword = Assert.Single(credentials.Codes, c => c.Source == EventSource.OnePassword);
        Assert.Equal((1L, 1L, 0L, 0.0), (onePassword.Current, onePassword.Baseline, onePassword.Difference, onePassword.Change));
        Assert.Null(comparison.Groups.Single(g => g.Canonical == CanonicalReasons.MfaInvalid).Change);
        Assert.Equal(4, comparison.Groups.Count);
    }

    [Fact]
    public async Task Load_SameRange_SameAsTheSingleQueries()
    {
        using var store = await SeedAsync();
        var queries = new FailureQueries(store.Database.Contexts);

        var all = await queries.LoadAsync(From, To, EventSource.LoginGov, CancellationToken.None);

        Assert.Equal(Json(await queries.BreakdownAsync(From, To, EventSource.LoginGov, CancellationToken.None)), Json(all.BySource));
        Assert.Equal(Json(await queries.ByCanonicalAsync(From, To, EventSource.LoginGov, CancellationToken.None)), Json(all.ByCanonical));
        Assert.Equal(Json(await queries.OverTimeAsync(From, To, EventSource.LoginGov, null, CancellationToken.None)), Json(all.OverTime));
        Assert.Equal(4, all.BySource.Total);
    }

    private static string Name(long id) => Events[(int)id - 1].ProviderEventId;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static async Task<ScriptedStore> SeedAsync()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Events);
        await store.StoreAsync(Events);
        return store;
    }
}
