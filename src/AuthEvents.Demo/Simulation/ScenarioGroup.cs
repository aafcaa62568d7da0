namespace AuthEvents.Demo.Simulation;

/// <summary>
/// A family of journeys that together make up a fixed share of the traffic. Journeys start as a Poisson
/// process; the start rate is the group's event rate divided by the number of events a journey has produced so
/// far on average, so the group keeps its share whatever its scripts do.
/// </summary>
internal sealed class ScenarioGroup(string name, double share, double expectedEventsPerJourney, IReadOnlyList<(Scenario Item, double Weight)> scenarios)
{
    // How many journeys the prior guess counts for until real averages take over.
    private const double PriorWeight = 20;

    private long _journeys;
    private long _events;

    public string Name => name;

    public double Share => share;

    public double EventsPerJourney => (_events + (expectedEventsPerJourney * PriorWeight)) / (_journeys + PriorWeight);

    /// <summary>Starts this second's journeys at random instants strictly inside (<paramref name="second"/>, +1 s).</summary>
    public void StartJourneys(TrafficContext context, DateTimeOffset second, double eventsPerSecond)
    {
        var random = context.Random;
        var starts = random.Poisson(eventsPerSecond * share / EventsPerJourney);
        for (var i = 0; i < starts; i++)
        {
            var at = second.AddTicks(random.NextInt64(1, TimeSpan.TicksPerSecond));
            var before = context.Queue.Scheduled;
            random.PickWeighted(scenarios)(context, at);
            _events += context.Queue.Scheduled - before;
            _journeys++;
        }
    }
}
