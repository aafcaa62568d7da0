using AuthEvents.Core.Alerts;
using AuthEvents.Core.Alerts.Rules;
using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Alerts.AlertScript;

namespace AuthEvents.Tests.Alerts.Rules;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ImpossibleTravelRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Traveller = Person("traveller@example.com");
    private readonly AlertScript _script = new(T0);
    private readonly ImpossibleTravelRule _rule = new(new ImpossibleTravelSettings());

    private AlertInput NewYork(double minute) =>
        _script.Event(Minutes(minute), EventSource.OnePassword, "success", Traveller, "198.51.100.10", country: "US", latitude: 40.7128, longitude: -74.0060);

    private AlertInput Bucharest(double minute) =>
        _script.Event(Minutes(minute), EventSource.FusionAuth, "user.login.failed", Traveller, "203.0.113.50",
            reason: new FailureReason("reason", "credentials", CanonicalReasons.InvalidCredentials), country: "RO", latitude: 44.4268, longitude: 26.1025);

    [Fact]
    public void Decide_OnePasswordNewYorkThenFusionAuthBucharestHalfAnHourLater_FiresWithBothEnds()
    {
        var newYork = NewYork(0);
        var bucharest = Bucharest(30);

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, [newYork], [bucharest]));

        Assert.Equal((Traveller, AlertKeyKind.Person, AlertSeverity.Medium), (decision.Key, decision.KeyKind, decision.Severity));
        Assert.Equal([new AlertEvidence(newYork.EventId, newYork.OccurredAt, 1), new AlertEvidence(bucharest.EventId, bucharest.OccurredAt, 2)], decision.Evidence);
        Assert.Equal(new[] { "OnePassword", "FusionAuth" }, (string[])decision.Figures["providers"]);
        Assert.Equal(new[] { "US", "RO" }, (string[])decision.Figures["countries"]);
    }

    [Fact]
    public void Decide_SameTrip_SameFiguresAsThePersonPagesFlag()
    {
        var events = new[] { NewYork(0), Bucharest(30) };
        var flag = Assert.Single(PersonFlags.ImpossibleTravel(
            events.Select(e => new PersonEvent(e.EventId, e.OccurredAt, e.Source, e.EventType, e.Outcome, e.Country, null, e.Latitude, e.Longitude)),
            new PersonFlagOptions()));

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, events));

        Assert.Equal(Math.Round(flag.DistanceKm), decision.Figures["distanceKm"]);
        Assert.Equal(Math.Round(flag.SpeedKmh), decision.Figures["speedKmh"]);
    }

    [Fact]
    public void Decide_SamePlacesTwoDaysApart_DoesNotFire()
    {
        Assert.Empty(PersonRuleDriver.Deliver(_rule, [NewYork(0)], [Bucharest(2 * 24 * 60)]));
    }

    [Fact]
    public void Decide_TwoPlacesThreeHundredKilometresApartAnHourApart_DoesNotFire()
    {
        var boston = _script.Event(TimeSpan.Zero, EventSource.OnePassword, "success", Traveller, country: "US", latitude: 42.3601, longitude: -71.0589);
        var newYork = NewYork(60);

        Assert.Empty(PersonRuleDriver.Deliver(_rule, [boston], [newYork]));
    }

    [Fact]
    public void Decide_LaterEventArrivesFirst_FiresWhenTheEarlierArrives()
    {
        Assert.Single(PersonRuleDriver.Deliver(_rule, [Bucharest(30)], [NewYork(0)]));
    }

    [Fact]
    public void Decide_NewEventNotPartOfTheTrip_DoesNotRaiseTheOldTripAgain()
    {
        var decisions = PersonRuleDriver.Deliver(_rule, [NewYork(0), Bucharest(30)], [Bucharest(90)]);

        Assert.Single(decisions);
    }

    [Fact]
    public void Decide_CountriesOnly_UsesCountryCentresAsThePersonPageDoes()
    {
        var us = _script.Event(TimeSpan.Zero, EventSource.OnePassword, "success", Traveller, country: "US");
        var gb = _script.Event(Minutes(60), EventSource.OnePassword, "success", Traveller, country: "GB");

        var decision = Assert.Single(PersonRuleDriver.Deliver(_rule, [us], [gb]));

        Assert.Equal(true, decision.Figures["usesCountryCentroid"]);
    }

    [Fact]
    public void Decide_MinimumDistanceLongerThanTheTrip_DoesNotFire()
    {
        var rule = new ImpossibleTravelRule(new ImpossibleTravelSettings { MinDistanceKm = 8_000 });

        Assert.Empty(PersonRuleDriver.Deliver(rule, [NewYork(0)], [Bucharest(30)]));
    }
}
