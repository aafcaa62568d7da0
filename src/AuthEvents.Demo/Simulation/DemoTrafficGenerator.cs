using AuthEvents.Core.Events;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Built-in simulator for when no identity provider is configured: a population of synthetic people whose
/// sign-ins, registrations, identity proofing, recoveries and the attacks against them come out as the four
/// providers' native payloads, to travel the same normalizers and store as real traffic.
/// </summary>
/// <remarks>
/// The generator has no clock and does no I/O: time is passed in. It is deterministic for a given
/// <see cref="DemoTrafficOptions.Seed"/> and sequence of calls, and splitting the same span into different calls
/// yields the same deliveries. Journeys are scheduled whole when they start, so their later steps come out of
/// later calls. Not thread-safe: call it from one loop.
/// </remarks>
public sealed class DemoTrafficGenerator
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(15);

    private readonly TrafficContext _context;
    private readonly IReadOnlyList<ScenarioGroup> _groups;
    private readonly LoadCurve _load = new();
    private DateTimeOffset? _cursor;
    private DateTimeOffset _generatedUntil;

    /// <summary>Creates the population and the traffic mix from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, a share or the number of people is out of range.</exception>
    public DemoTrafficGenerator(DemoTrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.EventsPerSecond > 0 && options.EventsPerSecond <= 10_000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EventsPerSecond, "EventsPerSecond must be above 0 and at most 10000.");
        }

        if (options.People < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.People, "People must be at least 4.");
        }

        if (!(options.MalformedShare >= 0 && options.MalformedShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MalformedShare, "MalformedShare must be between 0 and 1.");
        }

        // A snapshot: changing the options object later must not change a running, reproducible simulation.
        _context = new TrafficContext(new DemoTrafficOptions
        {
            Seed = options.Seed,
            EventsPerSecond = options.EventsPerSecond,
            People = options.People,
            MalformedShare = options.MalformedShare,
            LoginGovAudience = options.LoginGovAudience,
            LoginGovIssuer = options.LoginGovIssuer,
            EntrustAccountId = options.EntrustAccountId,
            FusionAuthTenantId = options.FusionAuthTenantId,
        });
        _groups = TrafficMix.Create();
    }

    /// <summary>
    /// The deliveries whose occurred time lies after the previous call's <paramref name="now"/> and at or before
    /// this one, ordered roughly as they would arrive (pulled providers a little later than pushed ones). The
    /// first call sets the starting instant and returns nothing; traffic is already in its steady state there.
    /// A <paramref name="now"/> that does not move forward returns nothing.
    /// </summary>
    public IReadOnlyList<SimulatedDelivery> Advance(DateTimeOffset now)
    {
        if (_cursor is null)
        {
            // Start in a steady state: journeys begun during a silent warm-up are already under way at the
            // first instant, so there is no ramp-up; what they did before it is discarded.
            _generatedUntil = now - WarmUp;
            GenerateUntil(now);
            _context.Queue.DrainThrough(now, []);
            _cursor = now;
            return [];
        }

        if (now <= _cursor.Value)
        {
            return [];
        }

        GenerateUntil(now);
        var due = new List<SimulatedDelivery>();
        _context.Queue.DrainThrough(now, due);
        _cursor = now;
        return due.OrderBy(d => d.OccurredAt + DeliveryLag(d.Source)).ToArray();
    }

    /// <summary>
    /// History for a first start: the deliveries from <paramref name="from"/> to <paramref name="to"/>, generated
    /// as if the simulator had been running since <paramref name="from"/>. <see cref="Advance"/> continues from
    /// <paramref name="to"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator has already been advanced.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<SimulatedDelivery> Backfill(DateTimeOffset from, DateTimeOffset to)
    {
        if (_cursor is not null)
        {
            throw new InvalidOperationException("Backfill is only possible before the first Advance.");
        }

        if (to < from)
        {
            throw new ArgumentException("The end of the backfill must not be before its start.", nameof(to));
        }

        Advance(from);
        return Advance(to);
    }

    // Whole seconds are generated ahead of now, so how a span is split into calls does not change the output.
    private void GenerateUntil(DateTimeOffset now)
    {
        while (_generatedUntil < now)
        {
            var load = _load.Next(_context.Random);
            foreach (var group in _groups)
            {
                group.StartJourneys(_context, _generatedUntil, _context.Options.EventsPerSecond * load);
            }

            _generatedUntil = _generatedUntil.AddSeconds(1);
        }
    }

    // Webhooks arrive at once; the pulled APIs are read on a polling interval.
    private static TimeSpan DeliveryLag(EventSource source) => source switch
    {
        EventSource.LoginGov => TimeSpan.FromSeconds(3),
        EventSource.OnePassword => TimeSpan.FromSeconds(1.5),
        EventSource.FusionAuth => TimeSpan.FromSeconds(0.2),
        _ => TimeSpan.Zero,
    };
}
