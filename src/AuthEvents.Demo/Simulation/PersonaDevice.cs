namespace AuthEvents.Demo.Simulation;

/// <summary>
/// A browser or phone a person uses. One device reads the same to every provider: the same user agent, the same
/// Login.gov <c>device_id</c> cookie, the same 1Password client.
/// </summary>
internal sealed record PersonaDevice(
    string UserAgent,
    string BrowserName,
    string BrowserVersion,
    string OsName,
    string OsVersion,
    string DeviceType,
    string DeviceName,
    string LoginGovDeviceId,
    string OnePasswordAppName,
    string OnePasswordAppVersion)
{
    /// <summary>The operating system as FusionAuth's <c>info.os</c> names it.</summary>
    public string FusionAuthOs => OsName switch
    {
        "MacOSX" => "macOS",
        _ => OsName,
    };
}
