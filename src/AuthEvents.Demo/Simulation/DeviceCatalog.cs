using System.Globalization;

namespace AuthEvents.Demo.Simulation;

/// <summary>Plausible desktop and phone user agents, and the scripted clients attackers use.</summary>
internal static class DeviceCatalog
{
    private static readonly string[] ExtensionVersions = ["2081016", "2081105", "2081212", "2090105"];

    public static PersonaDevice Desktop(Random random)
    {
        var chrome = random.IntBetween(136, 141).ToString(CultureInfo.InvariantCulture);
        var firefox = random.IntBetween(139, 144).ToString(CultureInfo.InvariantCulture);
        var safari = "18." + random.IntBetween(3, 6).ToString(CultureInfo.InvariantCulture);
        var kind = random.PickWeighted<int>([(0, 40), (1, 15), (2, 14), (3, 12), (4, 8), (5, 6)]);
        return kind switch
        {
            0 => Make(random, $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome}.0.0.0 Safari/537.36",
                "Chrome", chrome + ".0.0.0", "Windows", "10.0", "BROWSER", "Windows Chrome", desktopApp: true),
            1 => Make(random, $"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome}.0.0.0 Safari/537.36",
                "Chrome", chrome + ".0.0.0", "MacOSX", "15.5", "BROWSER", "macOS Chrome", desktopApp: true),
            2 => Make(random, $"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{safari} Safari/605.1.15",
                "Safari", safari, "MacOSX", "15.5", "BROWSER", "macOS Safari", desktopApp: true),
            3 => Make(random, $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome}.0.0.0 Safari/537.36 Edg/{chrome}.0.0.0",
                "Edge", chrome + ".0.0.0", "Windows", "10.0", "BROWSER", "Windows Edge", desktopApp: true),
            4 => Make(random, $"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0",
                "Firefox", firefox + ".0", "Windows", "10.0", "BROWSER", "Windows Firefox", desktopApp: true),
            _ => Make(random, $"Mozilla/5.0 (X11; Linux x86_64; rv:{firefox}.0) Gecko/20100101 Firefox/{firefox}.0",
                "Firefox", firefox + ".0", "Linux", "6.8", "BROWSER", "Linux Firefox", desktopApp: true),
        };
    }

    public static PersonaDevice Phone(Random random)
    {
        if (random.Chance(0.55))
        {
            var ios = random.IntBetween(3, 6).ToString(CultureInfo.InvariantCulture);
            return Make(random, $"Mozilla/5.0 (iPhone; CPU iPhone OS 18_{ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{ios} Mobile/15E148 Safari/604.1",
                "Safari", "18." + ios, "iOS", "18." + ios, "MOBILE", "iPhone Safari", desktopApp: false);
        }

        var chrome = random.IntBetween(136, 141).ToString(CultureInfo.InvariantCulture);
        var android = random.IntBetween(13, 15).ToString(CultureInfo.InvariantCulture);
        return Make(random, $"Mozilla/5.0 (Linux; Android {android}; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome}.0.0.0 Mobile Safari/537.36",
            "Chrome", chrome + ".0.0.0", "Android", android, "MOBILE", "Android Chrome", desktopApp: false);
    }

    /// <summary>The scripted clients of credential-stuffing and identity-farming bots.</summary>
    public static PersonaDevice Bot(Random random)
    {
        var kind = random.Next(3);
        return kind switch
        {
            0 => Make(random, "python-requests/2.32.3", "python-requests", "2.32.3", "Linux", "5.15", "OTHER", "Linux python-requests", desktopApp: true),
            1 => Make(random, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
                "HeadlessChrome", "131.0.0.0", "Linux", "5.15", "BROWSER", "Linux HeadlessChrome", desktopApp: true),
            _ => Make(random, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Chrome", "120.0.0.0", "Windows", "10.0", "BROWSER", "Windows Chrome", desktopApp: true),
        };
    }

    private static PersonaDevice Make(
        Random random, string userAgent, string browser, string browserVersion, string os, string osVersion,
        string deviceType, string deviceName, bool desktopApp)
    {
        var (appName, appVersion) = desktopApp
            ? random.Chance(0.7)
                ? ("1Password Browser Extension", random.Pick(ExtensionVersions))
                : ("1Password for Web", random.IntBetween(1960, 2010).ToString(CultureInfo.InvariantCulture))
            : (os == "iOS" ? "1Password for iOS" : "1Password for Android", "811" + SimulationIds.Digits(random, 5));
        return new PersonaDevice(userAgent, browser, browserVersion, os, osVersion, deviceType, deviceName,
            SimulationIds.Hex(random, 64), appName, appVersion);
    }
}
