using AuthEvents.Core.Events;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Simulation;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class DemoTrafficGeneratorTests(SimulatedTrafficFixture traffic) : IClassFixture<SimulatedTrafficFixture>
{
    private static readonly DateTimeOffset Start = SimulatedTrafficFixture.Start;

    [Fact]
    public void Advance_SameSeedAndCalls_IdenticalPayloads()
    {
        var first = Run(new DemoTrafficOptions { Seed = 7 }, TimeSpan.FromMinutes(5));
        var second = Run(new DemoTrafficOptions { Seed = 7 }, TimeSpan.FromMinutes(5));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Advance_DifferentSeed_DifferentPayloads()
    {
        var first = Run(new DemoTrafficOptions { Seed = 7 }, TimeSpan.FromMinutes(5)).Select(d => d.Payload).ToHashSet();
        var second = Run(new DemoTrafficOptions { Seed = 8 }, TimeSpan.FromMinutes(5)).Select(d => d.Payload);

        Assert.DoesNotContain(second, first.Contains);
    }

    [Fact]
    public void Advance_SameSpanSplitDifferently_SameDeliveries()
    {
        var whole = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 11 });
        whole.Advance(Start);
        var inOneCall = whole.Advance(Start.AddMinutes(15));
        var split = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 11 });
        split.Advance(Start);
        var steps = new Random(3);
        var inManyCalls = new List<SimulatedDelivery>();
        for (var now = Start; now < Start.AddMinutes(15);)
        {
            now = Min(now.AddMilliseconds(steps.Next(1, 7_000)), Start.AddMinutes(15));
            inManyCalls.AddRange(split.Advance(now));
        }

        Assert.Equal(inOneCall.OrderBy(d => d.Payload, StringComparer.Ordinal), inManyCalls.OrderBy(d => d.Payload, StringComparer.Ordinal));
    }

    [Fact]
    public void Advance_FirstCall_ReturnsNothing()
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions());

        Assert.Empty(generator.Advance(Start));
        Assert.NotEmpty(generator.Advance(Start.AddSeconds(30)));
    }

    [Fact]
    public void Advance_FirstMinute_AlreadyAtSteadyRate()
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 4 });
        generator.Advance(Start);
        var firstMinute = generator.Advance(Start.AddMinutes(1));

        Assert.InRange(firstMinute.Count / 60.0, 4 * 0.5, 4 * 1.6);
        Assert.Contains(firstMinute, d => d.Source == EventSource.LoginGov && DeliveryFacts.Read(d).Type is "login-completed" or "idv-ssn-submitted");
    }

    [Fact]
    public void Advance_TimeDoesNotMoveForward_ReturnsNothing()
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions());
        generator.Advance(Start);
        generator.Advance(Start.AddMinutes(1));

        Assert.Empty(generator.Advance(Start.AddMinutes(1)));
        Assert.Empty(generator.Advance(Start.AddSeconds(10)));
    }

    [Fact]
    public void Advance_EveryCall_OccurredAtInsideThatCallsWindow()
    {
        foreach (var (from, to, deliveries) in traffic.Calls)
        {
            Assert.All(deliveries, d => Assert.InRange(d.OccurredAt, from.AddTicks(1), to));
        }
    }

    [Fact]
    public void Advance_OneSecondSteps_JourneysContinueAcrossCalls()
    {
        var sessions = traffic.WellFormed
            .Where(f => f.Source == EventSource.LoginGov && f.Time > Start.AddHours(2))
            .GroupBy(f => f.SessionId)
            .Where(g => g.Count() >= 3);

        Assert.Contains(sessions, g => g.Max(f => f.Time) - g.Min(f => f.Time) > TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Advance_TenMinutes_AllFourSourcesInRoughShares()
    {
        var window = traffic.All.Where(d => d.OccurredAt > Start.AddHours(2)).ToArray();
        double Share(EventSource source) => window.Count(d => d.Source == source) / (double)window.Length;

        Assert.InRange(Share(EventSource.LoginGov), 0.35, 0.60);
        Assert.InRange(Share(EventSource.OnePassword), 0.10, 0.28);
        Assert.InRange(Share(EventSource.Entrust), 0.07, 0.23);
        Assert.InRange(Share(EventSource.FusionAuth), 0.10, 0.27);
    }

    [Theory]
    [InlineData(4.0, 1)]
    [InlineData(4.0, 2)]
    [InlineData(12.0, 3)]
    public void Backfill_OneHour_RateNearEventsPerSecond(double eventsPerSecond, int seed)
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = seed, EventsPerSecond = eventsPerSecond });
        var measured = generator.Backfill(Start, Start.AddHours(1)).Count / 3600.0;

        Assert.InRange(measured, eventsPerSecond * 0.8, eventsPerSecond * 1.2);
    }

    [Fact]
    public void Backfill_ThenAdvance_ContinuesWithoutGapOrDuplicate()
    {
        var perMinute = traffic.All.GroupBy(d => (int)(d.OccurredAt - Start).TotalMinutes).ToDictionary(g => g.Key, g => g.Count());
        var minutes = (int)(SimulatedTrafficFixture.End - Start).TotalMinutes;

        Assert.All(Enumerable.Range(1, minutes - 1), minute => Assert.True(perMinute.GetValueOrDefault(minute) > 60, $"minute {minute}"));
        var acrossSeam = traffic.All.Where(d => d.OccurredAt > Start.AddHours(2).AddSeconds(-5) && d.OccurredAt <= Start.AddHours(2).AddSeconds(5));
        Assert.Contains(acrossSeam, d => d.OccurredAt <= Start.AddHours(2));
        Assert.Contains(acrossSeam, d => d.OccurredAt > Start.AddHours(2));
        Assert.Equal(traffic.All.Count, traffic.All.Distinct().Count());
    }

    [Fact]
    public void Backfill_AfterAdvance_Throws()
    {
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions());
        generator.Advance(Start);

        Assert.Throws<InvalidOperationException>(() => generator.Backfill(Start.AddHours(-1), Start));
    }

    [Fact]
    public void Generate_AllWellFormedDeliveries_IdsUniquePerSource()
    {
        var duplicates = traffic.WellFormed.GroupBy(f => (f.Source, f.Id)).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData(0, 4, 0.005)]
    [InlineData(250, 0, 0.005)]
    [InlineData(250, 4, 1.5)]
    public void Constructor_OutOfRangeOptions_Throws(int people, double eventsPerSecond, double malformedShare)
    {
        var options = new DemoTrafficOptions { People = people, EventsPerSecond = eventsPerSecond, MalformedShare = malformedShare };

        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoTrafficGenerator(options));
    }

    [Fact]
    public void Constructor_SmallPopulation_StillServesEveryProvider()
    {
        var deliveries = Run(new DemoTrafficOptions { People = 4, Seed = 5 }, TimeSpan.FromMinutes(10));

        Assert.Equal(4, deliveries.Select(d => d.Source).Distinct().Count());
    }

    private static List<SimulatedDelivery> Run(DemoTrafficOptions options, TimeSpan span)
    {
        var generator = new DemoTrafficGenerator(options);
        generator.Advance(Start);
        var deliveries = new List<SimulatedDelivery>();
        for (var now = Start.AddSeconds(2); now <= Start + span; now = now.AddSeconds(2))
        {
            deliveries.AddRange(generator.Advance(now));
        }

        return deliveries;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
