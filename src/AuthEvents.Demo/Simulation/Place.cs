namespace AuthEvents.Demo.Simulation;

/// <summary>A city a synthetic person lives in or travels to, with what the providers' geo lookups report.</summary>
internal sealed record Place(
    string City,
    string Region,
    string Country,
    string CountryName,
    double Latitude,
    double Longitude,
    string Zip)
{
    public string DisplayString => $"{City}, {Region}, {Country}";

    /// <summary>Great-circle distance, to pick destinations no one could reach in minutes.</summary>
    public double DistanceKm(Place other)
    {
        const double EarthRadiusKm = 6371;
        var dLat = ToRadians(other.Latitude - Latitude);
        var dLon = ToRadians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(ToRadians(Latitude)) * Math.Cos(ToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
