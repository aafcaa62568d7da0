using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PersonFlagsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonFlagOptions Defaults = new();
    private long _id;

    private PersonEvent At(double minutes, Outcome outcome = Outcome.Failure, string? country = null, double? lat = null, double? lon = null) =>
        new(++_id, T0.AddMinutes(minutes), EventSource.OnePassword, "credentials_failed", outcome, country, null, lat, lon);

    [Fact]
    public void Velocity_FiveFailuresInNineMinutes_BusiestWindowFlagged()
    {
        var events = new[] { At(0), At(2), At(20), At(21), At(23), At(25), At(29), At(29.5, Outcome.Success) };

        var flag = PersonFlags.Velocity(events, Defaults);

        Assert.Equal(new VelocityFlag(5, T0.AddMinutes(20), T0.AddMinutes(29)), flag);
    }

    [Fact]
    public void Velocity_FailuresSpreadOut_NotFlagged()
    {
        var events = Enumerable.Range(0, 8).Select(i => At(i * 4)).ToList();

        Assert.Null(PersonFlags.Velocity(events, Defaults));
        Assert.NotNull(PersonFlags.Velocity(events, Defaults with { VelocityFailures = 3 }));
    }

    [Fact]
    public void ImpossibleTravel_NewYorkThenBucharestTwoHoursLater_Flagged()
    {
        var newYork = At(0, Outcome.Success, "US", 40.7128, -74.0060);
        var boston = At(10, Outcome.Success, "US", 42.3601, -71.0589);
        var bucharest = At(130, Outcome.Failure, "RO", 44.4268, 26.1025);

        var flag = Assert.Single(PersonFlags.ImpossibleTravel([bucharest, newYork, boston], Defaults));

        Assert.Equal((boston.EventId, bucharest.EventId, false), (flag.From.EventId, flag.To.EventId, flag.UsesCountryCentroid));
        Assert.InRange(flag.DistanceKm, 7_300, 7_400);
        Assert.InRange(flag.SpeedKmh, 3_600, 3_800);
    }

    [Fact]
    public void ImpossibleTravel_LongTripInTime_NotFlagged()
    {
        var events = new[] { At(0, Outcome.Success, "US", 40.7128, -74.0060), At(600, Outcome.Success, "RO", 44.4268, 26.1025) };

        Assert.Empty(PersonFlags.ImpossibleTravel(events, Defaults));
    }

    [Fact]
    public void ImpossibleTravel_CountriesWithoutCoordinates_CentroidsUsedAndMarked()
    {
        var events = new[] { At(0, Outcome.Success, "US"), At(60, Outcome.Success, "GB"), At(61, Outcome.Success, null) };

        var flag = Assert.Single(PersonFlags.ImpossibleTravel(events, Defaults));

        Assert.True(flag.UsesCountryCentroid);
        Assert.InRange(flag.DistanceKm, 6_500, 7_000);
    }

    [Fact]
    public void DistanceKm_NewYorkToLondon_KnownGreatCircle()
    {
        var km = new GeoPoint(40.7128, -74.0060, false).DistanceKm(new GeoPoint(51.5074, -0.1278, false));

        Assert.InRange(km, 5_560, 5_580);
    }

    [Fact]
    public void IsShared_AtTheThreshold_True()
    {
        Assert.False(PersonFlags.IsShared(2, Defaults));
        Assert.True(PersonFlags.IsShared(3, Defaults));
    }
}
