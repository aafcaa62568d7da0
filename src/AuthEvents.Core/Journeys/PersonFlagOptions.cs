namespace AuthEvents.Core.Journeys;

/// <summary>Thresholds of the person flags; the defaults are what the person page uses.</summary>
public sealed record PersonFlagOptions
{
    /// <summary>At least this many failures (failures and rate limits) ...</summary>
    public int VelocityFailures { get; init; } = 5;

    /// <summary>... within this window raise the velocity flag.</summary>
    public TimeSpan VelocityWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A trip faster than this between consecutive located events is impossible travel (a passenger jet flies about 900 km/h).</summary>
    public double MaxSpeedKmh { get; init; } = 1000;

    /// <summary>Shorter trips are ignored: IP geolocation and country centres are not precise enough to judge them.</summary>
    public double MinDistanceKm { get; init; } = 500;

    /// <summary>A device or IP used by at least this many other people is flagged as shared.</summary>
    public int SharedWithPeople { get; init; } = 3;
}
