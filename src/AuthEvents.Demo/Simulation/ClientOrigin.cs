namespace AuthEvents.Demo.Simulation;

/// <summary>Where a request came from: the device, its IP address and the place a geo lookup would report.</summary>
internal sealed record ClientOrigin(PersonaDevice Device, string Ip, Place Place)
{
    public static ClientOrigin AtHome(Random random, Persona persona)
    {
        var device = random.Pick(persona.Devices);
        var ip = device.DeviceType == "MOBILE" && random.Chance(0.6) ? NetworkCatalog.RoamingIp(random) : persona.HomeIp;
        return new ClientOrigin(device, ip, persona.Home);
    }
}
