namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Where the synthetic people live: mostly the United States, some Canada, the UK, Germany, France, Brazil and
/// India. <see cref="Elsewhere"/> holds the far-away places used for travel and impossible-travel sign-ins.
/// </summary>
internal static class PlaceCatalog
{
    public static IReadOnlyList<(Place Item, double Weight)> Homes { get; } =
    [
        (new Place("New York", "NY", "US", "United States", 40.7128, -74.0060, "10001"), 9),
        (new Place("Los Angeles", "CA", "US", "United States", 34.0522, -118.2437, "90012"), 7),
        (new Place("Chicago", "IL", "US", "United States", 41.8781, -87.6298, "60601"), 6),
        (new Place("Houston", "TX", "US", "United States", 29.7604, -95.3698, "77002"), 5),
        (new Place("Phoenix", "AZ", "US", "United States", 33.4484, -112.0740, "85004"), 4),
        (new Place("Philadelphia", "PA", "US", "United States", 39.9526, -75.1652, "19107"), 4),
        (new Place("San Antonio", "TX", "US", "United States", 29.4241, -98.4936, "78205"), 3),
        (new Place("San Diego", "CA", "US", "United States", 32.7157, -117.1611, "92101"), 3),
        (new Place("Dallas", "TX", "US", "United States", 32.7767, -96.7970, "75201"), 3),
        (new Place("Denver", "CO", "US", "United States", 39.7392, -104.9903, "80202"), 3),
        (new Place("Seattle", "WA", "US", "United States", 47.6062, -122.3321, "98101"), 3),
        (new Place("Boston", "MA", "US", "United States", 42.3601, -71.0589, "02108"), 3),
        (new Place("Atlanta", "GA", "US", "United States", 33.7490, -84.3880, "30303"), 3),
        (new Place("Miami", "FL", "US", "United States", 25.7617, -80.1918, "33130"), 3),
        (new Place("Washington", "DC", "US", "United States", 38.9072, -77.0369, "20001"), 4),
        (new Place("Baltimore", "MD", "US", "United States", 39.2904, -76.6122, "21202"), 2),
        (new Place("Detroit", "MI", "US", "United States", 42.3314, -83.0458, "48226"), 2),
        (new Place("Minneapolis", "MN", "US", "United States", 44.9778, -93.2650, "55401"), 2),
        (new Place("Portland", "OR", "US", "United States", 45.5152, -122.6784, "97204"), 2),
        (new Place("Nashville", "TN", "US", "United States", 36.1627, -86.7816, "37201"), 2),
        (new Place("Kansas City", "MO", "US", "United States", 39.0997, -94.5786, "64106"), 2),
        (new Place("Albuquerque", "NM", "US", "United States", 35.0844, -106.6504, "87102"), 1),
        (new Place("Anchorage", "AK", "US", "United States", 61.2181, -149.9003, "99501"), 1),
        (new Place("Honolulu", "HI", "US", "United States", 21.3069, -157.8583, "96813"), 1),
        (new Place("Toronto", "ON", "CA", "Canada", 43.6532, -79.3832, "M5H"), 2),
        (new Place("Vancouver", "BC", "CA", "Canada", 49.2827, -123.1207, "V6B"), 1),
        (new Place("London", "ENG", "GB", "United Kingdom", 51.5074, -0.1278, "EC1A"), 2),
        (new Place("Manchester", "ENG", "GB", "United Kingdom", 53.4808, -2.2426, "M1"), 1),
        (new Place("Berlin", "BE", "DE", "Germany", 52.5200, 13.4050, "10117"), 1.5),
        (new Place("Munich", "BY", "DE", "Germany", 48.1351, 11.5820, "80331"), 1),
        (new Place("Paris", "IDF", "FR", "France", 48.8566, 2.3522, "75001"), 1.5),
        (new Place("Lyon", "ARA", "FR", "France", 45.7640, 4.8357, "69002"), 0.5),
        (new Place("São Paulo", "SP", "BR", "Brazil", -23.5505, -46.6333, "01001-000"), 1),
        (new Place("Rio de Janeiro", "RJ", "BR", "Brazil", -22.9068, -43.1729, "20010-000"), 0.5),
        (new Place("Bengaluru", "KA", "IN", "India", 12.9716, 77.5946, "560001"), 1),
        (new Place("Mumbai", "MH", "IN", "India", 19.0760, 72.8777, "400001"), 1),
    ];

    public static IReadOnlyList<Place> Elsewhere { get; } =
    [
        new Place("Bucharest", "B", "RO", "Romania", 44.4268, 26.1025, "010011"),
        new Place("Lagos", "LA", "NG", "Nigeria", 6.5244, 3.3792, "100001"),
        new Place("Singapore", "SG", "SG", "Singapore", 1.3521, 103.8198, "049145"),
        new Place("Jakarta", "JK", "ID", "Indonesia", -6.2088, 106.8456, "10110"),
        new Place("Kyiv", "30", "UA", "Ukraine", 50.4501, 30.5234, "01001"),
        new Place("Hanoi", "HN", "VN", "Vietnam", 21.0278, 105.8342, "100000"),
        new Place("Frankfurt", "HE", "DE", "Germany", 50.1109, 8.6821, "60311"),
        new Place("Amsterdam", "NH", "NL", "Netherlands", 52.3676, 4.9041, "1012"),
        new Place("Tokyo", "13", "JP", "Japan", 35.6762, 139.6503, "100-0001"),
        new Place("Sydney", "NSW", "AU", "Australia", -33.8688, 151.2093, "2000"),
    ];
}
