using System.Net.Http.Headers;
using System.Text.Json;
using AuthEvents.Core.Alerts;
using AuthEvents.Tests.Support;
using AuthEvents.Tests.Web.Access;
using AuthEvents.Web.Hubs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Alerts;

/// <summary>
/// <c>SubscribeAlerts</c> on <c>/hubs/events</c>: an alert the host's evaluator raises reaches each subscribed connection
/// whose filter it matches, as the client method <c>alert</c>; a bad filter is refused naming the value.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AlertHubTests : IDisposable
{
    private const string Attacker = "203.0.113.7";
    private readonly SignInTestHost _signIn;
    private readonly HostAlerts _alerts;

    public AlertHubTests()
    {
        _signIn = new SignInTestHost(HostAlerts.Settings, services => services.Configure<HubOptions>(o =>
        {
            o.HandshakeTimeout = Patience.HangGuard;
            o.ClientTimeoutInterval = Patience.HangGuard;
        }));
        _alerts = new HostAlerts(_signIn.Host);
    }

    public void Dispose() => _signIn.Dispose();

    private AlertHubBroadcaster Broadcaster => _signIn.Host.Services.GetRequiredService<AlertHubBroadcaster>();

    private async Task<HubSocket> ConnectAsync(string subject = "ana") =>
        await HubSocket.ConnectAsync(_signIn.Host.Server, _signIn.Token(subject, ["Analyst"]));

    [Fact]
    public async Task SubscribeAlerts_AlertRaised_SentAsAlertWithItsStateAndLink()
    {
        await Broadcaster.Following;
        using var hub = await ConnectAsync();
        Assert.Null(await hub.InvokeAsync("SubscribeAlerts", new { }));

        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);
        var alert = await hub.NextAsync(EventsHub.AlertMethod);

        Assert.Equal(raised.Id, alert.GetProperty("id").GetInt64());
        Assert.Equal(
            (AlertRuleIds.CredentialStuffing, "high", "open", Attacker, "ip", 20L, false, $"alerts?alert={raised.Id}"),
            (alert.GetProperty("rule").GetString(), alert.GetProperty("severity").GetString(), alert.GetProperty("status").GetString(),
                alert.GetProperty("key").GetString(), alert.GetProperty("keyKind").GetString(), alert.GetProperty("count").GetInt64(),
                alert.GetProperty("isDemo").GetBoolean(), alert.GetProperty("url").GetString()));
        Assert.Equal(HostAlerts.Start, alert.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(HostAlerts.Start + TimeSpan.FromSeconds(190), alert.GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("assignee").ValueKind);
        Assert.Equal(raised.ChangeSeq, alert.GetProperty("change").GetInt64());
        Assert.Contains("20 people failed the password step from 203.0.113.7", alert.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAlerts_FilterTheAlertMisses_NothingSentToThatConnection()
    {
        await Broadcaster.Following;
        var sent = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Broadcaster.Sent += bookmark => sent.TrySetResult(bookmark);
        using var everything = await ConnectAsync();
        using var critical = await ConnectAsync();
        using var otherRule = await ConnectAsync();
        using var resolved = await ConnectAsync();
        using var events = await ConnectAsync();
        Assert.Null(await everything.InvokeAsync("SubscribeAlerts", new { rules = new[] { "credential-stuffing" }, minSeverity = "high", statuses = new[] { "open" } }));
        Assert.Null(await critical.InvokeAsync("SubscribeAlerts", new { minSeverity = "critical" }));
        Assert.Null(await otherRule.InvokeAsync("SubscribeAlerts", new { rules = new[] { "mfa-fatigue,password-spray" } }));
        Assert.Null(await resolved.InvokeAsync("SubscribeAlerts", new { statuses = new[] { "resolved", "false-positive" } }));
        Assert.Null(await events.InvokeAsync("Subscribe", new { }));

        var raised = await _alerts.RaiseStuffingAsync(Attacker, TimeSpan.Zero);
        // The broadcaster has handed this change to every matching connection.
        Assert.Equal(raised.ChangeSeq, await sent.Task.WaitAsync(Patience.HangGuard));

        Assert.Equal(raised.Id, (await everything.NextAsync(EventsHub.AlertMethod)).GetProperty("id").GetInt64());
        foreach (var missed in (HubSocket[])[critical, otherRule, resolved, events])
        {
            // A connection's messages arrive in order: an alert sent to it would come before this round trip's completion.
            var before = new List<JsonElement>();
            Assert.Null(await missed.InvokeAsync("SubscribeAlerts", new { minSeverity = "critical" }, before));
            Assert.DoesNotContain(before, m => m.TryGetProperty("target", out var target) && target.GetString() == EventsHub.AlertMethod);
        }
    }

    [Theory]
    [InlineData("""{"rules":["credential-stuffin"]}""", "unknown rule 'credential-stuffin'")]
    [InlineData("""{"minSeverity":"severe"}""", "unknown severity 'severe' (expected one of critical, high, medium, low)")]
    [InlineData("""{"statuses":["open","closed"]}""", "unknown status 'closed' (expected one of open, acknowledged, resolved, false-positive)")]
    public async Task SubscribeAlerts_UnknownValue_RefusedNamingIt(string filter, string reason)
    {
        using var hub = await ConnectAsync();

        var error = await hub.InvokeAsync("SubscribeAlerts", JsonDocument.Parse(filter).RootElement);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.True(_signIn.Host.Services.GetRequiredService<HubAlertSubscriptions>().IsEmpty);
    }

    [Fact]
    public async Task SubscribeAlerts_Accepted_AuditedAsHubSubscribedWithTheFilter()
    {
        using (var hub = await ConnectAsync())
        {
            Assert.Null(await hub.InvokeAsync("SubscribeAlerts", new { rules = new[] { "credential-stuffing", "mfa-fatigue" }, minSeverity = "high" }));
        }

        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/audit?format=ndjson&action=hub-subscribed", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token("auditor", ["Admin"]));
        using var response = await client.SendAsync(request);
        var row = JsonDocument.Parse(Assert.Single((await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;

        Assert.Equal(("ana", "hub-subscribed", "alerts: rules=credential-stuffing,mfa-fatigue; minSeverity=high; statuses=all"),
            (row.GetProperty("subject").GetString(), row.GetProperty("action").GetString(), row.GetProperty("target").GetString()));
    }
}
