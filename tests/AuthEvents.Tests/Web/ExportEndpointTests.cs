using System.Net;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Store;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class ExportEndpointTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly TestHost _host = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });

    [Fact]
    public async Task Csv_NoFilter_EveryEventOldestFirstWithHeader()
    {
        await SeedAsync();
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/events?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("source,tenant,providerEventId,eventType,milestone,outcome,occurredAt,receivedAt,failureReasons,person,emailMasked,session,ip,country,city,authenticator,demo", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("LoginGov,aud,jti-1,mfa-login-auth-submitted,mfa.verify,failure,2026-11-20T08:00:00.0000000Z,", lines[1], StringComparison.Ordinal);
        Assert.Contains("code:pattern_mismatch:mfa-invalid", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("OnePassword,,op-2,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_FilteredBySourceAndOutcome_OnlyMatchingRows()
    {
        await SeedAsync();
        using var client = _host.CreateClient();

        var body = await client.GetStringAsync(new Uri("/api/events?format=ndjson&source=LoginGov,Entrust&outcome=failure", UriKind.Relative));

        var rows = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("jti-1", row.GetProperty("providerEventId").GetString());
        Assert.Equal("2026-11-20T08:00:00.0000000Z", row.GetProperty("occurredAt").GetString());
        Assert.Equal("mfa-invalid", row.GetProperty("failureReasons")[0].GetProperty("canonical").GetString());
        Assert.Equal("j***@example.com", row.GetProperty("emailMasked").GetString());
        Assert.Equal("email:abc", row.GetProperty("person").GetString());
    }

    [Fact]
    public async Task Csv_TimeRangeAndSession_Filtered()
    {
        await SeedAsync();
        using var client = _host.CreateClient();

        var body = await client.GetStringAsync(new Uri("/api/events?from=2026-11-20T08:30:00Z&to=2026-11-20T10:00:00Z&session=s-2", UriKind.Relative));

        var lines = body.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(",op-2,", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reason=mfa-invalid", "jti-1")]
    [InlineData("reasonCode=pattern_mismatch&reasonField=code", "jti-1")]
    [InlineData("country=DE,FR", "en-3")]
    [InlineData("type=success,authentication.succeeded&country=US,DE", "en-3")]
    [InlineData("q=PATTERN_mis", "jti-1")]
    [InlineData("q=example.com%20mfa", "jti-1")]
    [InlineData("q=50%25", "")]
    [InlineData("q=mfa.ver%20j***", "jti-1")]
    [InlineData("q=%22%20OR%20*%20NEAR(%20%3A%20%26%20!%20()%20%5C", "")]
    [InlineData("q=%22pattern_mismatch%22", "jti-1")]
    public async Task Csv_NewFilters_SelectExactlyTheMatchingEvents(string parameters, string expectedIds)
    {
        await SeedAsync();
        using var client = _host.CreateClient();

        var body = await client.GetStringAsync(new Uri("/api/events?format=csv&" + parameters, UriKind.Relative));

        var ids = body.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')[2]);
        Assert.Equal(expectedIds, string.Join(' ', ids));
    }

    [Theory]
    [InlineData("reason=bad-luck", "unknown reason 'bad-luck'")]
    [InlineData("source=Okta", "unknown source 'Okta'")]
    [InlineData("source=7", "unknown source '7'")]
    [InlineData("outcome=maybe", "unknown outcome 'maybe'")]
    [InlineData("from=yesterday", "'from' is not an ISO 8601 date and time")]
    [InlineData("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "'from' must be earlier than 'to'")]
    [InlineData("format=xml", "format must be csv or ndjson")]
    [InlineData("q=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "'q' is longer than 200 characters")]
    public async Task Export_BadParameter_400WithReason(string parameters, string reason)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/events?" + parameters, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("from=1970-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "from")]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("from=2026-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "to")]
    public async Task Export_BoundOutOfRangeOrInverted_400ProblemNamingTheParameter(string parameters, string name)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/events?format=ndjson&" + parameters, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith($"'{name}' must", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=e", "e")]
    [InlineData("q=login%20e%207", "e 7")]
    public async Task Export_OneCharacterWord_400ProblemWithAHint(string parameters, string words)
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/events?format=ndjson&" + parameters, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"'q' has words of one character ({words}): each word must have at least 2 characters, and matches the start of a value or of a part of it after punctuation",
            problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData(null, "")]
    public void Csv_Value_QuotedAndFormulaSafe(string? value, string expected)
    {
        Assert.Equal(expected, ExportEndpoint.Csv(value));
    }

    private async Task SeedAsync()
    {
        var services = _host.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AuthEventsDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Events.CountAsync());
        }

        var store = services.GetRequiredService<EventStore>();
        await store.CommitAsync(
        [
            Record(1, new AuthEvent
            {
                Source = EventSource.LoginGov, Tenant = "aud", ProviderEventId = "jti-1", EventType = "mfa-login-auth-submitted",
                Milestone = Milestones.MfaVerify, Outcome = Outcome.Failure, PersonKey = "email:abc", EmailMasked = "j***@example.com",
                FailureReasons = [new FailureReason("code", "pattern_mismatch", CanonicalReasons.MfaInvalid)], SessionKey = "s-1", Country = "US",
                OccurredAt = T0, ReceivedAt = T0.AddSeconds(1),
            }),
            Record(2, new AuthEvent
            {
                Source = EventSource.OnePassword, ProviderEventId = "op-2", EventType = "success", Milestone = Milestones.LoginComplete,
                Outcome = Outcome.Success, SessionKey = "s-2", OccurredAt = T0.AddHours(1), ReceivedAt = T0.AddHours(1),
            }),
            Record(3, new AuthEvent
            {
                Source = EventSource.Entrust, ProviderEventId = "en-3", EventType = "authentication.succeeded", Milestone = Milestones.LoginComplete,
                Outcome = Outcome.Success, SessionKey = "s-2", Country = "DE", OccurredAt = T0.AddHours(3), ReceivedAt = T0.AddHours(3),
            }),
        ], CancellationToken.None);
    }

    private static NormalizedInboxRecord Record(long inboxId, AuthEvent e) => new(inboxId, e.Source, e.ProviderEventId, false, e, null);

    public void Dispose() => _host.Dispose();
}
