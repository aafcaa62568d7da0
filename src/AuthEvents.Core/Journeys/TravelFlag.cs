namespace AuthEvents.Core.Journeys;

/// <summary>Two consecutive located events too far apart for the time between them.</summary>
/// <param name="From">The earlier event.</param>
/// <param name="To">The later event.</param>
/// <param name="DistanceKm">Great-circle distance.</param>
/// <param name="Elapsed">Time between them.</param>
/// <param name="UsesCountryCentroid">True when either place is a country's centre rather than reported coordinates.</param>
public sealed record TravelFlag(PersonEvent From, PersonEvent To, double DistanceKm, TimeSpan Elapsed, bool UsesCountryCentroid)
{
    /// <summary>The speed the trip would need, in km/h; infinite for simultaneous events.</summary>
    public double SpeedKmh => Elapsed <= TimeSpan.Zero ? double.PositiveInfinity : DistanceKm / Elapsed.TotalHours;
}
