using AuthEvents.Demo.Simulation;


namespace AuthEvents.Tests.Simulation;

/// <summary>
/// Two hours of backfill and ten minutes of one-second advances from one seed, generated once and shared by
/// the tests that only read traffic.
/// </summary>
public sealed class SimulatedTrafficFixture
{
    public static readonly DateTimeOffset Start = new(2025, 11, 3, 14, 0, 0, TimeSpan.Zero);

    public SimulatedTrafficFixture()
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 42 });
        var backfillEnd = Start.AddHours(2);
        var calls = new List<(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SimulatedDelivery> Deliveries)>
        {
            (Start, backfillEnd, generator.Backfill(Start, backfillEnd)),
        };
        for (var previous = backfillEnd; previous < backfillEnd.AddMinutes(10); previous = previous.AddSeconds(1))
        {
            calls.Add((previous, previous.AddSeconds(1), generator.Advance(previous.AddSeconds(1))));
        }

        Calls = calls;
        All = calls.SelectMany(c => c.Deliveries).ToArray();
        WellFormed = All.Where(d => !d.IsMalformed).Select(DeliveryFacts.Read).ToArray();
    }

    public static DateTimeOffset End => Start.AddHours(2).AddMinutes(10);

    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SimulatedDelivery> Deliveries)> Calls { get; }

    public IReadOnlyList<SimulatedDelivery> All { get; }

    internal IReadOnlyList<DeliveryFacts> WellFormed { get; }
}
