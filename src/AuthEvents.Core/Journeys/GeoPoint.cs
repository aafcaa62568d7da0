namespace AuthEvents.Core.Journeys;

/// <summary>A place on Earth in degrees, and whether it was reported or stands in for a whole country.</summary>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
/// <param name="IsCountryCentroid">True when the provider reported only a country and its approximate centre is used.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude, bool IsCountryCentroid)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle (haversine) distance in kilometres.</summary>
    public double DistanceKm(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
