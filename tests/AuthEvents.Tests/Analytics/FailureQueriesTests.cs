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
    public async Task Load_ScriptedHour_BySourceTreeOfTypeFieldCodeWithSharesAndTrends()
    {
        using var store = await SeedAsync();

        var tree = (await new FailureQueries(store.Database.Contexts).LoadAsync(From, To, null, CancellationToken.None)).BySource;

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
    public async Task Load_ScriptedHour_ByCanonicalTreeWithProvidersRawCodesUnderOneReason()
    {
        using var store = await SeedAsync();

        var tree = (await new FailureQueries(store.Database.Contexts).LoadAsync(From, To, null, CancellationToken.None)).ByCanonical;

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
        var tree = (await new FailureQueries(store.Database.Contexts).LoadAsync(From, To, null, CancellationToken.None)).BySource;
        var events = new EventQueries(store.Database.Contexts);

        var onePassword = await events.PageAsync(tree.Nodes[1].ToEventQuery(From, To), new EventPageRequest(), CancellationToken.None);
        var emailLeaf = tree.Nodes[0].Children[0].Children[0].Children[0];
        var leafEvents = await events.PageAsync(emailLeaf.ToEventQuery(From, To), new EventPageRequest(), CancellationToken.None);

        Assert.Equal(["op-1", "op-2"], onePassword.Items.Select(e => Name(e.Id)).Order(StringComparer.Ordinal));
        Assert.Equal(["lg-3"], leafEvents.Items.Select(e => Name(e.Id)));
    }

    [Fact]
    public async Task Load_ScriptedHour_OverTimeInMinutesOneLinePerCanonicalReasonMostFrequentFirst()
    {
        using var store = await SeedAsync();

        var series = (await new FailureQueries(store.Database.Contexts).LoadAsync(From, To, null, CancellationToken.None)).OverTime;

        Assert.Equal((TimeSpan.FromMinutes(1), 60), (series.BucketSize, series.Buckets.Count));
        Assert.Equal(
            [
                (CanonicalReasons.InvalidCredentials, "15:2 20:1"),
                (CanonicalReasons.MfaInvalid, "21:1 29:1"),
                (CanonicalReasons.IdentityUnverified, "45:1"),
                (CanonicalReasons.RateLimited, "55:1"),
            ],
            series.Lines.Select(l => (l.Key, NonZero(l.Counts))));
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
    public async Task Load_OneSource_TreesAndLinesCountOnlyThatSource()
    {
        using var store = await SeedAsync();

        var all = await new FailureQueries(store.Database.Contexts).LoadAsync(From, To, EventSource.LoginGov, CancellationToken.None);

        Assert.Equal(["LoginGov"], all.BySource.Nodes.Select(n => n.Key));
        Assert.Equal((4L, 4L, 4L), (all.BySource.Total, all.ByCanonical.Total, all.OverTime.Lines.Sum(l => l.Total)));
    }

    private static string Name(long id) => Events[(int)id - 1].ProviderEventId;

    /// <summary>The buckets that counted anything, as "index:count".</summary>
    private static string NonZero(IReadOnlyList<long> counts) =>
        string.Join(' ', counts.Select((c, i) => (c, i)).Where(x => x.c != 0).Select(x => $"{x.i}:{x.c}"));

    private static async Task<ScriptedStore> SeedAsync()
    {
        var store = await CreateAsync();
        await store.StoreAsync(Events);
        await store.StoreAsync(Events);
        return store;
    }
}
