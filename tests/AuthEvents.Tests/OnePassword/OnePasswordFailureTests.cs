using AuthEvents.Core.Events;
using AuthEvents.Ingest.Sources;
using AuthEvents.Ingest.Sources.OnePassword;
using AuthEvents.Tests.Normalization;

namespace AuthEvents.Tests.OnePassword;

public sealed class OnePasswordFailureTests
{
    private static readonly string Template = FixtureFiles.Read(EventSource.OnePassword, "docs-elastic-sample");

    private static List<string> Items(int count, DateTimeOffset start) =>
        Enumerable.Range(0, count).Select(n => TestOnePasswordServer.ItemFrom(Template, n, start.AddSeconds(n))).ToList();

    [Theory]
    [InlineData(401, false, "HTTP 401: the token was refused or lacks the signinattempts feature: Unauthorized: invalid token")]
    [InlineData(401, true, "HTTP 401: the token was refused or lacks the signinattempts feature: Unauthorized: invalid token")]
    [InlineData(500, false, "HTTP 500: Internal error")]
    [InlineData(503, true, "HTTP 503: Internal error")]
    public async Task PollOnce_ErrorStatusInEitherBodyShape_RecordedThenRecovered(int status, bool v1Shape, string expected)
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(3, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.FailNext(status, v1Shape: v1Shape);
        var importer = h.Importer();

        var delay = await importer.PollOnceAsync(CancellationToken.None);
        var failed = await h.StateAsync();
        await importer.PollOnceAsync(CancellationToken.None);

        Assert.Equal(expected, failed!.LastError);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.Null(failed.Cursor);
        Assert.Equal(status == 401 ? OnePasswordImporter.MaxBackoff : OnePasswordImporter.FirstBackoff, delay);
        Assert.DoesNotContain(h.Server.Token, failed.LastError, StringComparison.Ordinal);
        var recovered = await h.StateAsync();
        Assert.Null(recovered!.LastError);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(3, (await h.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task PollOnce_WrongToken_401WithClearReason()
    {
        await using var h = await OnePasswordHarness.StartAsync();

        await h.Importer(o => o.Token = TestOnePasswordServer.TokenFor("events.1password.com") + "x").PollOnceAsync(CancellationToken.None);

        Assert.StartsWith("HTTP 401: the token was refused", (await h.StateAsync())!.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollOnce_RateLimitedWithoutRetryAfter_WaitsUntilTheNextMinute()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Time.Advance(TimeSpan.FromSeconds(15));
        h.Server.FailNext(429);

        var delay = await h.Importer().PollOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(45), delay);
        Assert.Equal("HTTP 429: rate limited: Too many requests", (await h.StateAsync())!.LastError);
    }

    [Fact]
    public async Task PollOnce_RateLimitedWithRetryAfter_HonoursIt()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.FailNext(429, retryAfter: TimeSpan.FromSeconds(7));

        var delay = await h.Importer().PollOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }

    [Fact]
    public async Task PollOnce_RepeatedServerErrors_BackoffDoublesUpToTheCap()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.FailNext(500, count: 10);
        var importer = h.Importer();
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 10; i++)
        {
            delays.Add(await importer.PollOnceAsync(CancellationToken.None));
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300], delays.Select(d => d.TotalSeconds));
        Assert.Equal(10, (await h.StateAsync())!.ConsecutiveFailures);
    }

    [Fact]
    public async Task PollOnce_ServerHangs_TimesOutOnTheClockAndRecovers()
    {
        await using var h = await OnePasswordHarness.StartAsync();
        h.Server.Add(Items(2, h.Time.GetUtcNow().AddMinutes(-5)));
        h.Server.Hang = true;
        var importer = h.Importer();

        var poll = importer.PollOnceAsync(CancellationToken.None);
        while (h.Server.Requests == 0)
        {
            await Task.Delay(5);
        }

        h.Time.Advance(TimeSpan.FromSeconds(5));
        var delay = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        h.Server.Hang = false;
        var error = (await h.StateAsync())!.LastError;
        await importer.PollOnceAsync(CancellationToken.None);

        Assert.Equal(OnePasswordImporter.FirstBackoff, delay);
        Assert.Equal("no answer within 5 s", error);
        Assert.Equal(2, (await h.StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task PollOnce_ServerUnreachable_RecordedAsConnectionFailure()
    {
        await using var h = await OnePasswordHarness.StartAsync();

        await h.Importer(o => o.BaseUrl = new Uri("http://127.0.0.1:1/")).PollOnceAsync(CancellationToken.None);

        Assert.StartsWith("connection failed", (await h.StateAsync())!.LastError, StringComparison.Ordinal);
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
        using var http = new HttpClient(new PlainHttpHandler(h.Server.BaseUrl));
        var importer = h.Importer(o =>
        {
            o.BaseUrl = null;
            o.Token = h.Server.Token;
        }, http: http);

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
