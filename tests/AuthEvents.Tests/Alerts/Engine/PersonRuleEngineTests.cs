using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Alerts.Engine;

/// <summary>
/// The person-keyed rules through the store: each person's window comes from the journey index, so events of one e-mail
/// at several providers are one person. Runs on SQLite here and on PostgreSQL in AuthEvents.Tests.PostgreSql.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class PersonRuleEngineTests : IDisposable
{
    private const string AttackerIp = "203.0.113.50";
    private static readonly string Victim = AlertEngineHarness.Person(1);
    private readonly AlertEngineHarness _h = new();
    private readonly MfaFatigueRule _fatigue = new(new MfaFatigueSettings());
    private readonly ImpossibleTravelRule _travel = new(new ImpossibleTravelSettings());
    private readonly AccountTakeoverChainRule _takeover = new(new AccountTakeoverChainSettings());

    public void Dispose() => _h.Dispose();

    private static TimeSpan Minutes(double m) => TimeSpan.FromMinutes(m);

    private AuthEvent Push(double minute, string? person = null) =>
        _h.Event(Minutes(minute), EventSource.OnePassword, "mfa_failed", person ?? Victim, AttackerIp,
            reason: new FailureReason("type", "duo_timeout", CanonicalReasons.MfaTimeout), authenticator: "duo");

    [Fact]
    public async Task Fatigue_NinePushesInFiveMinutes_OpensOneAlertForThePerson()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_fatigue);
        await _h.CommitAsync([.. Enumerable.Range(0, 4).Select(i => Push(i * 0.5))]);
        await _h.EvaluateAsync(_fatigue);
        Assert.Empty(await _h.AlertsAsync());
        await _h.CommitAsync([.. Enumerable.Range(4, 5).Select(i => Push(i * 0.5))]);

        await _h.EvaluateAsync(_fatigue);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.MfaFatigue, Victim, AlertKeyKind.Person, 9L), (alert.RuleId, alert.AlertKey, alert.KeyKind, alert.Count));
        Assert.Equal(9, (await _h.EvidenceAsync(alert.Id)).Count);
    }

    [Fact]
    public async Task Fatigue_PromptsAtTwoProvidersForOneEmail_AreOnePersonsPrompts()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_fatigue);
        await _h.CommitAsync([
            .. Enumerable.Range(0, 4).Select(i => _h.Event(Minutes(i), EventSource.FusionAuth, "user.two-factor.challenge", Victim, AttackerIp, authenticator: "email")),
            .. Enumerable.Range(0, 4).Select(i => _h.Event(Minutes(i + 4), EventSource.LoginGov, "mfa-login-phone-otp-sent", Victim, AttackerIp, Outcome.Success, phone: "p1", authenticator: "sms")),
        ]);

        await _h.EvaluateAsync(_fatigue);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(8L, alert.Count);
        Assert.Contains("LoginGov", alert.FiguresJson, StringComparison.Ordinal);
        Assert.Contains("FusionAuth", alert.FiguresJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fatigue_SameVolumeOverHoursOrOverManyPeople_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_fatigue);
        await _h.CommitAsync([
            .. Enumerable.Range(0, 9).Select(i => Push(i * 20)),
            .. Enumerable.Range(0, 9).Select(i => Push(i * 0.5, AlertEngineHarness.Person(100 + i))),
        ]);

        await _h.EvaluateAsync(_fatigue);

        Assert.Empty(await _h.AlertsAsync());
    }

    [Fact]
    public async Task Fatigue_MorePromptsWhileOpen_UpdateTheSameAlert()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_fatigue);
        await _h.CommitAsync([.. Enumerable.Range(0, 9).Select(i => Push(i * 0.5))]);
        await _h.EvaluateAsync(_fatigue);
        var opened = Assert.Single(await _h.AlertsAsync());

        await _h.CommitAsync(Push(30), Push(31));
        await _h.EvaluateAsync(_fatigue);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((opened.Id, 11L), (alert.Id, alert.Count));
        Assert.Single(await _h.HistoryAsync(alert.Id));
    }

    [Fact]
    public async Task Travel_NewYorkThenBucharestHalfAnHourLaterAtAnotherProvider_OpensWithBothEnds()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_travel);
        var from = _h.Event(Minutes(0), EventSource.OnePassword, "success", Victim, "198.51.100.10", country: "US");
        await _h.CommitAsync(from);
        await _h.EvaluateAsync(_travel);
        await _h.CommitAsync(_h.Event(Minutes(30), EventSource.FusionAuth, "user.login.failed", Victim, AttackerIp, country: "RO",
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials)));

        await _h.EvaluateAsync(_travel);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.ImpossibleTravel, Victim, 2L), (alert.RuleId, alert.AlertKey, alert.Count));
    }

    [Fact]
    public async Task Travel_MoreEventsInTheSamePlaceWhileOpen_AreNotEvidenceOfTheTrip()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_travel);
        await _h.CommitAsync(
            _h.Event(Minutes(0), EventSource.OnePassword, "success", Victim, "198.51.100.10", country: "US"),
            _h.Event(Minutes(30), EventSource.FusionAuth, "user.login.success", Victim, AttackerIp, country: "RO"));
        await _h.EvaluateAsync(_travel);

        // The person goes on signing in in Bucharest: located events, but no new trip.
        await _h.CommitAsync([.. Enumerable.Range(0, 5).Select(i => _h.Event(Minutes(40 + i), EventSource.FusionAuth, "user.login.success", Victim, AttackerIp, country: "RO"))]);
        await _h.EvaluateAsync(_travel);

        Assert.Equal(2L, Assert.Single(await _h.AlertsAsync()).Count);
    }

    [Fact]
    public async Task Travel_SamePlacesTwoDaysApart_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.PrepareAsync(_travel);
        await _h.CommitAsync(
            _h.Event(Minutes(0), EventSource.OnePassword, "success", Victim, "198.51.100.10", country: "US"),
            _h.Event(TimeSpan.FromDays(2), EventSource.FusionAuth, "user.login.success", Victim, AttackerIp, country: "RO"));

        await _h.EvaluateAsync(_travel);

        Assert.Empty(await _h.AlertsAsync());
    }

    /// <summary>Two weeks of the victim's 1Password sign-ins from home, before the chain.</summary>
    private AuthEvent[] Usual() =>
        [.. Enumerable.Range(1, 14).Select(d => _h.Event(-TimeSpan.FromDays(d), EventSource.OnePassword, "success", Victim, "198.51.100.10", country: "US"))];

    private AuthEvent[] Chain(string signInCountry, double signInMinute = 12) =>
    [
        _h.Event(Minutes(0), EventSource.FusionAuth, "user.password.reset.success", Victim, AttackerIp, country: "RO"),
        _h.Event(Minutes(5), EventSource.Entrust, "passkey.created", Victim, AttackerIp),
        _h.Event(Minutes(signInMinute), EventSource.OnePassword, "success", Victim, AttackerIp, country: signInCountry),
    ];

    [Fact]
    public async Task Takeover_ResetThenPasskeyThenSignInFromANewCountry_AtThreeProviders_Opens()
    {
        await _h.MigrateAsync();
        await _h.CommitAsync(Usual());
        await _h.PrepareAsync(_takeover);
        var chain = Chain("RO");
        // The steps arrive one commit at a time, as three providers would deliver them.
        foreach (var step in chain)
        {
            await _h.CommitAsync(step);
            await _h.EvaluateAsync(_takeover);
        }

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal((AlertRuleIds.AccountTakeoverChain, Victim, AlertSeverity.Critical, 3L), (alert.RuleId, alert.AlertKey, alert.Severity, alert.Count));
        Assert.Contains("\"newBy\":\"country\"", alert.FiguresJson, StringComparison.Ordinal);
        Assert.Contains("Entrust", alert.FiguresJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Takeover_SignInFromTheUsualCountryOrTwoDaysLater_OpensNothing()
    {
        await _h.MigrateAsync();
        await _h.CommitAsync(Usual());
        await _h.PrepareAsync(_takeover);
        await _h.CommitAsync(Chain("US"));
        await _h.EvaluateAsync(_takeover);
        Assert.Empty(await _h.AlertsAsync());

        using var later = new AlertEngineHarness();
        await later.MigrateAsync();
        await later.CommitAsync([.. Enumerable.Range(1, 14).Select(d => later.Event(-TimeSpan.FromDays(d), EventSource.OnePassword, "success", Victim, "198.51.100.10", country: "US"))]);
        await later.PrepareAsync(_takeover);
        await later.CommitAsync(
            later.Event(Minutes(0), EventSource.FusionAuth, "user.password.reset.success", Victim, AttackerIp, country: "RO"),
            later.Event(Minutes(5), EventSource.Entrust, "passkey.created", Victim, AttackerIp),
            later.Event(TimeSpan.FromDays(2), EventSource.OnePassword, "success", Victim, AttackerIp, country: "RO"));
        await later.EvaluateAsync(_takeover);
        Assert.Empty(await later.AlertsAsync());
    }
}
