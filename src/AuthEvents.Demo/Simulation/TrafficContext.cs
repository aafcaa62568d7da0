using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;

namespace AuthEvents.Demo.Simulation;

/// <summary>What every scenario script needs: the random source, the people, and the four payload writers.</summary>
internal sealed class TrafficContext
{
    public TrafficContext(DemoTrafficOptions options)
    {
        Options = options;
        Random = new Random(options.Seed);
        People = PopulationBuilder.Build(Random, options.People);
        Queue = new DeliveryQueue(new PayloadDefects(Random, options.MalformedShare));
        LoginGov = new LoginGovWriter(Random, Queue, options.LoginGovAudience, options.LoginGovIssuer);
        OnePassword = new OnePasswordWriter(Random, Queue);
        Entrust = new EntrustWriter(Random, Queue, options.EntrustAccountId);
        FusionAuth = new FusionAuthWriter(Random, Queue, options.FusionAuthTenantId);
    }

    public DemoTrafficOptions Options { get; }
    public Random Random { get; }
    public Population People { get; }
    public DeliveryQueue Queue { get; }
    public LoginGovWriter LoginGov { get; }
    public OnePasswordWriter OnePassword { get; }
    public EntrustWriter Entrust { get; }
    public FusionAuthWriter FusionAuth { get; }

    public Journey StartJourney(DateTimeOffset start, bool hurried = false) => new(Random, start, hurried);
}
