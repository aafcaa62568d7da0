using Microsoft.Extensions.Configuration;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AuthEvents.Alerts;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Ingest.Feed;
using AuthEvents.Store.Alerts;
using AuthEvents.Store.Audit;
using AuthEvents.Store.Leases;
using AuthEvents.Tests.Alerts.Engine;
using AuthEvents.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Alerts.Notify;

/// <summary>
/// Alert notifications end to end against a test receiver: each change enqueued once in its own transaction, each
/// message received once with a valid signature, a retry after a 500 (same delivery id), no retry after a refusal. The
/// HttpClient is the host's, with its resilience handler, whose delays run on the test clock.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertNotifierTests : IDisposable
{
    private const string Secret = "a-test-secret-of-at-least-thirty-two-characters";
    private static readonly Uri Receiver = new("https://receiver.example/hooks/alerts");
    private readonly AlertEngineHarness _h;
    private readonly TestReceiver _receiver = new();
    private readonly ServiceProvider _services;
    private readonly CredentialStuffingRule _stuffing = new(new CredentialStuffingSettings());
    private readonly AlertNotifyOptions _options = new() { Webhook = { Url = Receiver, Secret = Secret }, DashboardUrl = new Uri("https://dash.example/") };

    public AlertNotifierTests()
    {
        _h = new AlertEngineHarness(new AlertWriterOptions { Notify = _options.Policy });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_h.Clock);
        services.AddHttpClient(AlertNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _receiver)
            .AddResilienceHandler("alerts", pipeline => AlertNotifier.ConfigureResilience(pipeline));
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _h.Dispose();
    }

    private AlertNotifier Notifier() => new(_h.Database.Contexts, _services.GetRequiredService<IHttpClientFactory>(), Options.Create(_options),
        new EventFeed(_h.Clock, NullLogger<EventFeed>.Instance), new NodeIdentity("node-a"), _h.Clock, NullLogger<AlertNotifier>.Instance);

    private async Task<long> RaiseAsync(TimeSpan at)
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_stuffing);
        await _h.CommitAsync([.. Enumerable.Range(0, 20).Select(i => _h.PasswordFailure(at + TimeSpan.FromSeconds(i), EventSource.LoginGov, AlertEngineHarness.Person(i), "203.0.113.7"))]);
        await _h.EvaluateAsync(_stuffing);
        return Assert.Single(await _h.AlertsAsync()).Id;
    }

    private async Task<List<AlertOutboxRecord>> OutboxAsync()
    {
        await using var db = await _h.Database.Contexts.CreateDbContextAsync();
        return await db.Set<AlertOutboxRecord>().AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task Opened_SentOnceWithAValidSignatureAndTheTimestampInsideTheSignedBody()
    {
        var id = await RaiseAsync(TimeSpan.FromMinutes(50));
        var notifier = Notifier();

        Assert.Equal(1, await notifier.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await notifier.SendDueAsync(CancellationToken.None));

        var request = Assert.Single(_receiver.Requests);
        Assert.True(AlertWebhookMessage.Verify(Secret, request.Body, request.Headers[AlertWebhookMessage.SignatureHeader]));
        Assert.False(AlertWebhookMessage.Verify("another-secret-of-at-least-thirty-two-chars", request.Body, request.Headers[AlertWebhookMessage.SignatureHeader]));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(root.GetProperty("sentAt").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers[AlertWebhookMessage.TimestampHeader]);
        Assert.Equal(root.GetProperty("deliveryId").GetString(), request.Headers[AlertWebhookMessage.DeliveryHeader]);
        Assert.Equal("alert.opened", request.Headers[AlertWebhookMessage.EventHeader]);
        Assert.Equal(("opened", "credential-stuffing", "high", "open", "203.0.113.7"),
            (root.GetProperty("change").GetString(), root.GetProperty("alert").GetProperty("rule").GetString(), root.GetProperty("alert").GetProperty("severity").GetString(),
             root.GetProperty("alert").GetProperty("status").GetString(), root.GetProperty("alert").GetProperty("key").GetString()));
        Assert.Equal($"https://dash.example/alerts?alert={id}", root.GetProperty("alert").GetProperty("url").GetString());
        var row = Assert.Single(await OutboxAsync());
        Assert.NotNull(row.DeliveredAtTicks);
        Assert.Equal((1, 200), (row.Attempts, row.LastStatus));
    }

    [Fact]
    public async Task Answer500_RetriedWithTheSameDeliveryIdUntilTaken()
    {
        await RaiseAsync(TimeSpan.FromMinutes(50));
        _receiver.Answers.Enqueue(HttpStatusCode.InternalServerError);
        var notifier = Notifier();

        var sending = notifier.SendDueAsync(CancellationToken.None);
        // The retry waits on the clock: advance it by the backoff the resilience handler chose (not the 10 s attempt timeout).
        await _h.Clock.AdvanceToTimerAsync(d => d < TimeSpan.FromSeconds(10));
        Assert.Equal(1, await sending.WaitAsync(Patience.HangGuard));

        Assert.Equal(2, _receiver.Requests.Count);
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK], _receiver.Requests.Select(r => r.Answer));
        Assert.Single(_receiver.Requests.Select(r => r.Headers[AlertWebhookMessage.DeliveryHeader]).Distinct());
        Assert.All(_receiver.Requests, r => Assert.True(AlertWebhookMessage.Verify(Secret, r.Body, r.Headers[AlertWebhookMessage.SignatureHeader])));
        Assert.NotNull(Assert.Single(await OutboxAsync()).DeliveredAtTicks);
    }

    [Fact]
    public async Task Answer400_GivenUpAtOnceAndShownOnTheChannel()
    {
        await RaiseAsync(TimeSpan.FromMinutes(50));
        _receiver.Answers.Enqueue(HttpStatusCode.BadRequest);

        await Notifier().SendDueAsync(CancellationToken.None);

        Assert.Single(_receiver.Requests);
        var row = Assert.Single(await OutboxAsync());
        Assert.Equal((null, 400, "HTTP 400"), (row.DeliveredAtTicks, row.LastStatus, row.LastError));
        Assert.NotNull(row.GaveUpAtTicks);
        await using var db = await _h.Database.Contexts.CreateDbContextAsync();
        var channel = await db.Set<AlertChannelRecord>().SingleAsync(c => c.Channel == AlertOutbox.Webhook);
        Assert.Equal((1, "HTTP 400"), (channel.ConsecutiveFailures, channel.LastError));
    }

    [Fact]
    public async Task Acknowledged_EnqueuedWithTheChangeAndSentAfterTheOpening()
    {
        var id = await RaiseAsync(TimeSpan.FromMinutes(50));
        var audit = new AuditStore(_h.Database.Contexts, _h.Gate, AuditChain.FromPayloadKey(new byte[32]), _h.Clock);
        var store = new AlertStore(_h.Database.Contexts, _h.Gate, audit, _h.Clock, _options.Policy);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.True((await store.ChangeAsync(id, alert.Version, AlertTriage.Acknowledge, new AlertActor("sub-1", "Ana", "Analyst", "127.0.0.1", "test"), CancellationToken.None)).Changed);
        // A note is not a state change: nothing to send.
        Assert.True((await store.ChangeAsync(id, alert.Version + 1, AlertTriage.AddNote("looked at it"), new AlertActor("sub-1", "Ana", "Analyst", "127.0.0.1", "test"), CancellationToken.None)).Changed);

        await Notifier().SendDueAsync(CancellationToken.None);

        Assert.Equal(["alert.opened", "alert.acknowledged"], _receiver.Requests.Select(r => r.Headers[AlertWebhookMessage.EventHeader]));
        using var json = JsonDocument.Parse(_receiver.Requests[1].Body);
        Assert.Equal(("acknowledged", "Ana"), (json.RootElement.GetProperty("alert").GetProperty("status").GetString(), json.RootElement.GetProperty("actor").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Opened_OnEventsOlderThanMaxAge_NotSent()
    {
        // Events from seven hours before the clock's now: history (a backlog, a re-evaluation), not news.
        await RaiseAsync(-TimeSpan.FromHours(6));

        Assert.Empty(await OutboxAsync());
        Assert.Equal(0, await Notifier().SendDueAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("http://receiver.example/x", Secret, "https")]
    [InlineData("https://receiver.example/x", "short", "Secret")]
    public void Options_Invalid_NamedAtStart(string url, string secret, string expected)
    {
        var options = new AlertNotifyOptions { Webhook = { Url = new Uri(url), Secret = secret } };

        Assert.Contains(options.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_ExampleSettingsWithEmptyUrls_SendNothingAndStart()
    {
        var options = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Alerts:Notify:Webhook:Url"] = "", ["Alerts:Notify:Webhook:Secret"] = "", ["Alerts:Notify:DashboardUrl"] = "" })
            .Build().GetSection(AlertNotifyOptions.SectionName).Get<AlertNotifyOptions>()!;

        Assert.Empty(options.Errors());
        Assert.Empty(options.Policy.Channels);
        Assert.Null(options.Policy.DashboardUrl);
    }

    private sealed class TestReceiver : HttpMessageHandler
    {
        public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

        public List<(byte[] Body, Dictionary<string, string> Headers, HttpStatusCode Answer)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var answer = Answers.TryDequeue(out var queued) ? queued : HttpStatusCode.OK;
            lock (Requests)
            {
                Requests.Add((body, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), answer));
            }

            return new HttpResponseMessage(answer);
        }
    }
}
