namespace AuthEvents.Demo.Simulation;

/// <summary>
/// The synthetic people and who of them has an account where. Pools pick people in proportion to how active
/// they are, so some people show up far more often than others, as in real traffic.
/// </summary>
internal sealed class Population
{
    private readonly List<Persona> _people;
    private readonly HashSet<string> _emails;
    private readonly List<Persona> _withoutLoginGov;

    public Population(List<Persona> people, HashSet<string> emails)
    {
        _people = people;
        _emails = emails;
        Anyone = new WeightedPool<Persona>(people, p => p.Activity);
        LoginGovUsers = Pool(people.Where(p => p.HasLoginGov));
        IdentityProofers = Pool(people.Where(p => p.HasLoginGov && p.IsUsResident));
        OnePasswordUsers = Pool(people.Where(p => p.HasOnePassword));
        EntrustUsers = Pool(people.Where(p => p.HasEntrust));
        FusionAuthUsers = Pool(people.Where(p => p.HasFusionAuth));
        EntrustAdmins = people.Where(p => p.HasEntrust && p.IsEntrustAdmin).ToArray();
        _withoutLoginGov = people.Where(p => !p.HasLoginGov).ToList();
    }

    /// <summary>Everyone, including people who arrived later to register.</summary>
    public IReadOnlyList<Persona> People => _people;
    public WeightedPool<Persona> Anyone { get; }
    public WeightedPool<Persona> LoginGovUsers { get; }
    public WeightedPool<Persona> IdentityProofers { get; }
    public WeightedPool<Persona> OnePasswordUsers { get; }
    public WeightedPool<Persona> EntrustUsers { get; }
    public WeightedPool<Persona> FusionAuthUsers { get; }
    public IReadOnlyList<Persona> EntrustAdmins { get; }

    /// <summary>Someone about to create a Login.gov account; once everybody has one, a new person arrives.</summary>
    public Persona PickNewcomer(Random random)
    {
        if (_withoutLoginGov.Count > 0)
        {
            return _withoutLoginGov[random.Next(_withoutLoginGov.Count)];
        }

        var persona = PopulationBuilder.CreateNewcomer(random, _people.Count, _emails);
        _people.Add(persona);
        _withoutLoginGov.Add(persona);
        return persona;
    }

    public void MarkRegistered(Persona persona)
    {
        persona.HasLoginGov = true;
        _withoutLoginGov.Remove(persona);
    }

    private static WeightedPool<Persona> Pool(IEnumerable<Persona> people) => new(people, p => p.Activity);
}
