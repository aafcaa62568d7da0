using AuthEvents.Core.Events;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.OnePassword;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class OnePasswordFailureTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private static List<string> Items(int count, DateTimeOffset start) =>
        Enumerable.Range(0, count).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunOnce_401InEitherBodyShape_NotRetriedRecordedThenRecovered(bool v1Shape)
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(3, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.FailNext(401, v1Shape: v1Shape);
        var importer = h.Importer();

        var (_, next) = await h.RunOnceAsync(importer);
        var failed = await h.StateAsync();
        await h.RunOnceAsync(importer);

        Assert.Equal("HTTP 401: the token was refused or lacks the signinattempts feature: Unauthorized: invalid token", failed!.LastError);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Null(failed.Cursor);
        Assert.Equal(PollInterval, next);
        Assert.Equal(2, h.Server.Requests);
        Assert.DoesNotContain(h.Server.Token, failed.LastError, StringComparison.Ordinal);
        var recovered = await h.StateAsync();
        Assert.Null(recovered!.LastError);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(3, (await h.StoredIdsAsync()).Count);
    }

    [Theory]
    [InlineData(500, false, "HTTP 500: Internal error")]
    [InlineData(503, true, "HTTP 503: Internal error")]
    public async Task RunOnce_ServerErrorOnEveryAttempt_RetriedWithJitteredBackoffThenRecorded(int status, bool v1Shape, string expected)
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(3, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.FailNext(status, count: SourceResilience.MaxRetryAttempts + 1, v1Shape: v1Shape);
        var importer = h.Importer();

        var (delays, next) = await h.RunOnceAsync(importer, retries: SourceResilience.MaxRetryAttempts);
        var failed = await h.StateAsync();
        await h.RunOnceAsync(importer);

        Assert.Equal(expected, failed!.LastError);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Equal(PollInterval, next);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), SourceResilience.MaxRetryDelay));
        Assert.Equal(delays.Count, delays.Distinct().Count());
        Assert.Equal(SourceResilience.MaxRetryAttempts + 2, h.Server.Requests);
        Assert.Equal(3, (await h.StoredIdsAsync()).Count);
        Assert.Equal(0, (await h.StateAsync())!.ConsecutiveFailures);
    }

    [Fact]
    public async Task RunOnce_ServerErrorThenAnswers_RetriedWithinThePollAndNothingRecorded()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(2, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.FailNext(502, count: 2);

        var (delays, next) = await h.RunOnceAsync(h.Importer(), retries: 2);

        Assert.Equal(2, delays.Count);
        Assert.Equal(PollInterval, next);
        Assert.Equal(2, (await h.StoredIdsAsync()).Count);
        Assert.Equal(0, (await h.StateAsync())!.ConsecutiveFailures);
    }

    [Fact]
    public async Task RunOnce_WrongToken_401WithClearReason()
    {
        await using var h = await OnePasswordHarness.StartAsync();

        await h.RunOnceAsync(h.Importer(o => o.Token = TestOnePasswordServer.TokenFor("events.1password.com") + "x"));

        Assert.StartsWith("HTTP 401: the token was refused", (await h.StateAsync())!.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_RateLimitedWithoutRetryAfter_RetriesOnTheNextMinute()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(1, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Time.Advance(TimeSpan.FromSeconds(15));
        h.Server.FailNext(429);

        var (delays, _) = await h.RunOnceAsync(h.Importer(), retries: 1);

        Assert.Equal([TimeSpan.FromSeconds(45)], delays);
        Assert.Single(await h.StoredIdsAsync());
    }

    [Fact]
    public async Task RunOnce_RateLimitedWithRetryAfter_HonoursIt()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(1, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.FailNext(429, retryAfter: TimeSpan.FromSeconds(7));

        var (delays, _) = await h.RunOnceAsync(h.Importer(), retries: 1);

        Assert.Equal([TimeSpan.FromSeconds(7)], delays);
        Assert.Single(await h.StoredIdsAsync());
    }

    [Fact]
    public async Task RunOnce_ServerHangs_EachAttemptTimesOutOnTheClockThenRecovers()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        var requestTimeout = h.Options().RequestTimeout;
        h.Server.Add(Items(2, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.Hang = true;
        var importer = h.Importer();

        var run = importer.RunOnceAsync(CancellationToken.None);
        for (var attempt = 0; attempt <= SourceResilience.MaxRetryAttempts; attempt++)
        {
            await h.Time.AdvanceToTimerAsync(requestTimeout);
            if (attempt < SourceResilience.MaxRetryAttempts)
            {
                await h.Time.AdvanceToTimerAsync(h.IsRetryDelay);
            }
        }

        var next = await run;
        h.Server.Hang = false;
        var error = (await h.StateAsync())!.LastError;
        await h.RunOnceAsync(importer);

        Assert.Equal(PollInterval, next);
        Assert.Equal("no answer within 5 s", error);
        Assert.Equal(2, (await h.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task RunOnce_ServerUnreachable_RetriedThenRecordedAsConnectionFailure()
    {
        await using var h = await OnePasswordHarness.StartAsync();

        await h.RunOnceAsync(h.Importer(o => o.BaseUrl = new Uri("http://127.0.0.1:1/")), retries: SourceResilience.MaxRetryAttempts);

        Assert.StartsWith("connection failed", (await h.StateAsync())!.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(15, 45)]
    [InlineData(59.5, 0.5)]
    public void UntilNextMinute_AnySecond_TheRestOfTheMinute(double second, double expected)
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).AddSeconds(second);

        Assert.Equal(TimeSpan.FromSeconds(expected), OnePasswordClient.UntilNextMinute(now));
    }

    [Theory]
    [InlineData("events.ent.1password.com", null, "https://events.ent.1password.com/")]
    [InlineData("events.1password.eu", "https://override.example/base", "https://override.example/base/")]
    public void ResolveBaseUrl_TokenAudience_UsedUnlessOverridden(string audience, string? configured, string expected)
    {
        var options = new OnePasswordSourceOptions { Token = TestOnePasswordServer.TokenFor(audience), BaseUrl = configured is null ? null : new Uri(configured) };

        Assert.Equal(new Uri(expected), OnePasswordClient.ResolveBaseUrl(options));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("")]
    public void ResolveBaseUrl_TokenWithoutReadableAudience_DefaultHost(string token)
    {
        Assert.Equal(new Uri("https://events.1password.com/"), OnePasswordClient.ResolveBaseUrl(new OnePasswordSourceOptions { Token = token }));
    }

    [Fact]
    public async Task PollOnce_NoBaseUrl_RequestsGoToTheTokensAudienceHost()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(1, h.Time.GetUtcNow().AddMinutes(-5)));
        var importer = h.Importer(o =>
        {
            o.BaseUrl = null;
            o.Token = h.Server.Token;
        }, handler: new PlainHttpHandler(h.Server.BaseUrl));

        await importer.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, h.Server.Requests);
        Assert.Equal(new Uri("https://events.1password.com/"), OnePasswordClient.ResolveBaseUrl(h.Options(o => o.BaseUrl = null)));
        Assert.Single(await h.StoredIdsAsync());
    }

    /// <summary>Sends what was addressed to <c>https://events.1password.com</c> to the loopback fake instead, over plain HTTP.</summary>
    private sealed class PlainHttpHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("events.1password.com", request.RequestUri!.Host);
            Assert.Equal("https", request.RequestUri.Scheme);
            request.RequestUri = new Uri(target, request.RequestUri.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
