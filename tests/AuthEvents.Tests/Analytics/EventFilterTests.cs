using AuthEvents.Core.Events;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Analytics.ScriptedStore;

namespace AuthEvents.Tests.Analytics;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class EventFilterTests
{
    private static readonly FailureReason BadOtp = new("code", "otp_wrong", CanonicalReasons.MfaInvalid);
    private static readonly FailureReason Blocked = new("category", "firewall_failed", CanonicalReasons.BlockedByPolicy);
    private static readonly FailureReason Expired = new("code", "code_expired", CanonicalReasons.MfaTimeout);

    [Theory]
    [InlineData("otp_wrong", "a")]
    [InlineData("OTP_WRONG", "a")]
    [InlineData("mfa-", "a d")]
    [InlineData("firewall category", "b")]
    [InlineData("Firefox", "b")]
    [InlineData("j***", "a")]
    [InlineData("Berlin", "b")]
    [InlineData("203.0.113", "a")]
    [InlineData("provider-b", "b")]
    [InlineData("100%", "c")]
    [InlineData("100_", "")]
    [InlineData("a_b", "")] // Inside a provider event id: ids are found from their start only.
    [InlineData("100%a_", "c")]
    [InlineData("secrethash", "")]
    [InlineData("sess-secret", "")]
    public async Task Text_Words_MatchTokenPrefixesOfNonSensitiveFieldsOnlyWithWildcardsLiteral(string text, string expected)
    {
        using var store = await SeedAsync();

        var rows = await ListAsync(new EventQueries(store.Database.Contexts), new EventQuery { Text = text });

        Assert.Equal(expected, Ids(rows));
    }

    [Fact]
    public async Task Reasons_FieldAndCodeOnTheSameReason_OnlyEventsWithThatReason()
    {
        using var store = await SeedAsync();
        var queries = new EventQueries(store.Database.Contexts);

        var canonical = await ListAsync(queries, new EventQuery { Reasons = [CanonicalReasons.MfaInvalid, CanonicalReasons.MfaTimeout] });
        var sameReason = await ListAsync(queries, new EventQuery { Reasons = [CanonicalReasons.MfaTimeout], ReasonCode = "code_expired" });
        var mixed = await ListAsync(queries, new EventQuery { Reasons = [CanonicalReasons.MfaInvalid], ReasonCode = "code_expired" });
        var field = await ListAsync(queries, new EventQuery { ReasonField = "category" });

        Assert.Equal("a d", Ids(canonical));
        Assert.Equal("d", Ids(sameReason));
        Assert.Equal("", Ids(mixed));
        Assert.Equal("b", Ids(field));
    }

    [Fact]
    public async Task CountriesTypesAndAuthenticators_AnyOfEachAndAllTogether()
    {
        using var store = await SeedAsync();
        var queries = new EventQueries(store.Database.Contexts);

        var countries = await ListAsync(queries, new EventQuery { Countries = ["US", "DE"] });
        var types = await ListAsync(queries, new EventQuery { EventTypes = ["mfa_failed", "login"] });
        var both = await ListAsync(queries, new EventQuery { EventTypes = ["mfa_failed", "login"], Countries = ["US"], EventType = "mfa_failed" });
        var authenticators = await ListAsync(queries, new EventQuery { Authenticators = ["totp"] });

        Assert.Equal("a b c", Ids(countries));
        Assert.Equal("a c d", Ids(types));
        Assert.Equal("a", Ids(both));
        Assert.Equal("a d", Ids(authenticators));
    }

    /// <summary>The events the query selects, through the live page's read.</summary>
    private static async Task<IReadOnlyList<EventListItem>> ListAsync(EventQueries queries, EventQuery query) =>
        (await queries.PageAsync(query, new EventPageRequest(), CancellationToken.None)).Items;

    private static string Ids(IEnumerable<EventListItem> rows) => string.Join(' ', rows.OrderBy(r => r.Id).Select(r => r.Id switch { 1 => "a", 2 => "b", 3 => "c", _ => "d" }));

    private static async Task<ScriptedStore> SeedAsync()
    {
        var store = await CreateAsync();
        await store.StoreAsync(
            Event("provider-a", Noon, EventSource.LoginGov, "mfa_failed", Milestones.MfaVerify, Outcome.Failure, "email:secrethash", "US", "totp", BadOtp) with
            {
                EmailMasked = "j***@example.com", Ip = "203.0.113.7", SessionKey = "sess-secret",
            },
            Event("provider-b", Noon.AddMinutes(1), EventSource.OnePassword, "firewall_failed", Milestones.LoginPolicy, Outcome.Failure, null, "DE", null, Blocked) with
            {
                City = "Berlin", UserAgent = "Mozilla/5.0 Firefox/140",
            },
            Event("100%a_b", Noon.AddMinutes(2), EventSource.Entrust, "login", Milestones.LoginComplete, Outcome.Success, null, "US"),
            Event("provider-d", Noon.AddMinutes(3), EventSource.FusionAuth, "mfa_failed", Milestones.MfaVerify, Outcome.Failure, null, "FR", "totp", Expired));
        return store;
    }
}
