using System.Globalization;
using System.Text;
using AuthEvents.Demo.FusionAuth;

namespace AuthEvents.Demo.Simulation;

/// <summary>Creates the synthetic people from the seeded random source.</summary>
internal static class PopulationBuilder
{
    private static readonly string[] Streets =
    [
        "Maple", "Oak", "Cedar", "Pine", "Elm", "Willow", "Birch", "Chestnut", "Sycamore", "Magnolia",
        "Juniper", "Hawthorn", "Aspen", "Cypress", "Laurel", "Poplar",
    ];

    private static readonly string[] StreetKinds = ["St", "Ave", "Rd", "Ln", "Dr", "Ct", "Way", "Pl"];
    private static readonly string[] Plans = ["standard", "premium", "trial", "family"];

    // FusionAuth account creation times spread over a few years before the demo starts.
    private static readonly long FusionAuthFirstInsert = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long FusionAuthLastInsert = new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static Population Build(Random random, int count)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Persona>(count);
        for (var index = 0; index < count; index++)
        {
            people.Add(Create(random, index, emails));
        }

        return new Population(people, emails);
    }

    /// <summary>Someone new to every provider, arriving to register once the original newcomers have.</summary>
    public static Persona CreateNewcomer(Random random, int index, HashSet<string> emails)
    {
        var persona = Create(random, index, emails);
        persona.HasLoginGov = false;
        return persona;
    }

    private static Persona Create(Random random, int index, HashSet<string> emails)
    {
        // The first few people have every account, so each provider has users even in a tiny population.
        var everywhere = index < 4;
        var home = index == 0 ? PlaceCatalog.Homes[0].Item : random.PickWeighted(PlaceCatalog.Homes);
        var (first, last) = NameCatalog.Pick(random, home.Country);
        var email = UniqueEmail(random, first, last, emails);
        var devices = new List<PersonaDevice> { random.Chance(0.7) ? DeviceCatalog.Desktop(random) : DeviceCatalog.Phone(random) };
        if (random.Chance(0.55))
        {
            devices.Add(devices[0].DeviceType == "MOBILE" ? DeviceCatalog.Desktop(random) : DeviceCatalog.Phone(random));
        }

        var us = home.Country == "US";
        var insert = FusionAuthFirstInsert + (long)(random.NextDouble() * (FusionAuthLastInsert - FusionAuthFirstInsert));
        return new Persona
        {
            Index = index,
            FirstName = first,
            LastName = last,
            Email = email,
            Home = home,
            HomeIp = NetworkCatalog.HomeIp(random),
            Phone = "+1555010" + SimulationIds.Digits(random, 4),
            Devices = devices,
            Language = Language(random, home.Country),
            Activity = Math.Exp(0.8 * random.StandardNormal()),
            Identity = Identity(random, us ? home.Region : "DC"),
            HasLoginGov = everywhere || random.Chance(us ? 0.9 : 0.35),
            LoginGovUserUuid = SimulationIds.UuidV4(random),
            LoginGovMfa = random.PickWeighted<string>([("otp", 45), ("totp", 18), ("webauthn_platform", 14), ("webauthn", 10), ("piv_cac", 6), ("backup_code", 7)]),
            OtpDeliveryMethod = random.Chance(0.88) ? "sms" : "voice",
            HasOnePassword = everywhere || random.Chance(0.4),
            OnePasswordUuid = SimulationIds.Base32Id(random),
            OnePasswordMfa = random.PickWeighted<string?>([("totp", 50), ("duo", 25), ("u2f", 15), (null, 10)]),
            HasEntrust = everywhere || random.Chance(0.35),
            EntrustSubject = SimulationIds.UuidV4(random),
            EntrustUserName = random.Chance(0.55) ? email : Ascii($"{first}.{last}").ToLowerInvariant(),
            EntrustToken = random.PickWeighted<string>([("OTP", 35), ("FIDO", 20), ("PASSKEY", 20), ("GRID", 15), ("PASSWORD", 10)]),
            IsEntrustAdmin = index == 1 || random.Chance(0.05),
            HasFusionAuth = everywhere || random.Chance(0.55),
            FusionAuthUserId = SimulationIds.UuidV4(random),
            FusionAuthRegistrationId = SimulationIds.UuidV4(random),
            FusionAuthMethods = FusionAuthMethods(random),
            FusionAuthInsertInstant = insert,
            FusionAuthPasswordUpdatedInstant = insert + random.Next(200, 900),
            FusionAuthPlan = random.Pick(Plans),
        };
    }

    private static string UniqueEmail(Random random, string first, string last, HashSet<string> taken)
    {
        var local = Ascii($"{first}.{last}").ToLowerInvariant();
        while (true)
        {
            var domain = random.PickWeighted<string>([("example.com", 70), ("example.org", 20), ("example.net", 10)]);
            var email = $"{local}{random.IntBetween(1, 999).ToString(CultureInfo.InvariantCulture)}@{domain}";
            if (taken.Add(email))
            {
                return email;
            }
        }
    }

    private static string Language(Random random, string country) => country switch
    {
        "US" => random.PickWeighted<string>([("en", 88), ("es", 10), ("zh", 2)]),
        "FR" => "fr",
        _ => "en",
    };

    private static PersonaIdentity Identity(Random random, string state)
    {
        var birth = new DateOnly(1945, 1, 1).AddDays(random.Next(0, 365 * 61));
        // Area numbers 900-999 are never issued, so these can never be someone's real SSN.
        var ssn = string.Create(CultureInfo.InvariantCulture,
            $"{random.IntBetween(900, 999)}-{random.IntBetween(1, 99):D2}-{random.IntBetween(1, 9999):D4}");
        var issued = new DateOnly(2018, 1, 1).AddDays(random.Next(0, 365 * 7));
        var address1 = string.Create(CultureInfo.InvariantCulture,
            $"{random.IntBetween(10, 9899)} {random.Pick(Streets)} {random.Pick(StreetKinds)}");
        var address2 = random.Chance(0.2) ? "Apt " + random.IntBetween(1, 40).ToString(CultureInfo.InvariantCulture) : null;
        var documentNumber = (char)('A' + random.Next(26)) + SimulationIds.Digits(random, 8);
        return new PersonaIdentity(birth, ssn, state, documentNumber, issued, issued.AddYears(8), address1, address2);
    }

    private static List<FusionAuthMethod> FusionAuthMethods(Random random)
    {
        var method = random.PickWeighted<string?>([(null, 35), ("authenticator", 35), ("sms", 20), ("email", 10)]);
        return method is null ? [] : [new FusionAuthMethod(SimulationIds.ShortBase32(random, 4), method)];
    }

    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c) || c == '.')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
