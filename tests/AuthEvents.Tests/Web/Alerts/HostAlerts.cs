using AuthEvents.Alerts;
using AuthEvents.Core.Alerts;
using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Store;
using AuthEvents.Store.Alerts;
using AuthEvents.Tests.Alerts.Engine;
using AuthEvents.Tests.Journeys;
using AuthEvents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Alerts;

/// <summary>
/// Raises alerts in a running host whose evaluator is not hosted (<see cref="Settings"/>): events are committed through
/// its <see cref="EventStore"/> and evaluated by its own <see cref="AlertEvaluator"/>, which announces the changes on the
/// feed as the hosted one does, so nothing races the test.
/// </summary>
internal sealed class HostAlerts(TestHost host)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly StoredJourney _journey = new(Start);
    private int _nextId;
    private bool _prepared;

    /// <summary>The host's settings for this: the rules' defaults, the evaluator and scheduler not started.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Alerts:Enabled"] = "false" };

    /// <summary>Twenty people failing the password step at Login.gov from <paramref name="ip"/>: one credential-stuffing alert (high).</summary>
    public async Task<AlertRow> RaiseStuffingAsync(string ip, TimeSpan at)
    {
        var evaluator = host.Services.GetRequiredService<AlertEvaluator>();
        if (!_prepared)
        {
            await evaluator.PrepareAsync(CancellationToken.None);
            _prepared = true;
        }

        var events = Enumerable.Range(0, 20).Select(i => _journey.Event(
            "e" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), at + TimeSpan.FromSeconds(i * 10), EventSource.LoginGov,
            "login-email-and-password-auth", Outcome.Failure, person: AlertEngineHarness.Person(i), ip: ip,
            reason: new FailureReason("credentials", "success_false", CanonicalReasons.InvalidCredentials))).ToArray();
        await _journey.CommitAsync(host.Services.GetRequiredService<EventStore>(), events);
        await evaluator.CatchUpAsync(CancellationToken.None);

        var page = await host.Services.GetRequiredService<AlertQueries>().PageAsync(
            new AlertFilter { Rules = new HashSet<string> { AlertRuleIds.CredentialStuffing } }, 0, AlertQueries.MaxPage, CancellationToken.None);
        return Assert.Single(page.Rows, r => r.Key == ip);
    }
}
