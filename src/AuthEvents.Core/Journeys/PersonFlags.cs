using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// Velocity and geography checks over one person's events (pure). Shared devices and IPs need counts across people
/// and are judged by <see cref="IsShared"/> on counts the store provides.
/// </summary>
/// <remarks>
/// Locations: reported latitude and longitude where both are present, otherwise the country's approximate centre
/// (<see cref="CountryCentroids"/>); events with neither are skipped. Consecutive located events (in occurred order)
/// more than <see cref="PersonFlagOptions.MinDistanceKm"/> apart that would need more than
/// <see cref="PersonFlagOptions.MaxSpeedKmh"/> are flagged; simultaneous events in two such places always are.
/// </remarks>
public static class PersonFlags
{
    /// <summary>The window with the most failures when it reaches the threshold, else null.</summary>
    public static VelocityFlag? Velocity(IEnumerable<PersonEvent> events, PersonFlagOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var failures = events.Where(e => e.Outcome is Outcome.Failure or Outcome.RateLimited).Select(e => e.OccurredAt).Order().ToList();
        VelocityFlag? busiest = null;
        var first = 0;
        for (var last = 0; last < failures.Count; last++)
        {
            while (failures[last] - failures[first] > options.VelocityWindow)
            {
                first++;
            }

            var count = last - first + 1;
            if (count >= options.VelocityFailures && (busiest is null || count > busiest.Failures))
            {
                busiest = new VelocityFlag(count, failures[first], failures[last]);
            }
        }

        return busiest;
    }

    /// <summary>Every impossible trip between consecutive located events, in time order.</summary>
    public static IReadOnlyList<TravelFlag> ImpossibleTravel(IEnumerable<PersonEvent> events, PersonFlagOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var located = events
            .Select(e => (Event: e, Point: CountryCentroids.Locate(e.Latitude, e.Longitude, e.Country)))
            .Where(x => x.Point is not null)
            .OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Event.EventId)
            .ToList();
        var flags = new List<TravelFlag>();
        for (var i = 1; i < located.Count; i++)
        {
            var (from, a) = located[i - 1];
            var (to, b) = located[i];
            var km = a!.Value.DistanceKm(b!.Value);
            var flag = new TravelFlag(from, to, km, to.OccurredAt - from.OccurredAt, a.Value.IsCountryCentroid || b.Value.IsCountryCentroid);
            if (km >= options.MinDistanceKm && flag.SpeedKmh > options.MaxSpeedKmh)
            {
                flags.Add(flag);
            }
        }

        return flags;
    }

    /// <summary>True when a device or IP seen with <paramref name="otherPeople"/> other people counts as shared.</summary>
    public static bool IsShared(int otherPeople, PersonFlagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return otherPeople >= options.SharedWithPeople;
    }
}
