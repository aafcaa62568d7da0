using System.Text.Json.Nodes;
using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// A credential-stuffing burst: one attacker IP and one scripted client try a leaked list of e-mail addresses
/// and passwords against one provider, about one attempt a second for a minute or so. At Login.gov the burst
/// ends in rate limits; a rare hit gets past the password and stalls at MFA.
/// </summary>
internal static class CredentialStuffingScenario
{
    public static void Run(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var origin = new ClientOrigin(DeviceCatalog.Bot(random), NetworkCatalog.AttackerIp(random), random.Pick(PlaceCatalog.Elsewhere));
        var journey = context.StartJourney(start, hurried: true);
        var attempts = random.IntBetween(25, 70);
        switch (random.PickWeighted<int>([(0, 50), (1, 20), (2, 20), (3, 10)]))
        {
            case 0: LoginGov(context, journey, origin, attempts); break;
            case 1: OnePassword(context, journey, origin, attempts); break;
            case 2: FusionAuth(context, journey, origin, attempts); break;
            default: Entrust(context, journey, origin, attempts); break;
        }
    }

    private static void LoginGov(TrafficContext context, Journey journey, ClientOrigin origin, int attempts)
    {
        var random = context.Random;
        var limitedFrom = attempts - random.IntBetween(3, 6);
        for (var i = 0; i < attempts; i++)
        {
            journey.Wait(0.2, 1.8);
            var known = random.Chance(0.6) ? context.People.LoginGovUsers.Pick(random) : null;
            var email = known?.Email ?? LeakedEmail(random);
            var session = new LoginGovSession(context, journey, LoginGovVisit.ForStranger(random, origin.Device, origin.Ip, journey.At));
            if (i >= limitedFrom)
            {
                session.Emit("login-rate-limited", ("email", email));
            }
            else if (known is not null && random.Chance(0.03))
            {
                session.Visit.UserUuid = known.LoginGovUserUuid;
                session.Emit("login-email-and-password-auth", ("email", email), ("success", true));
                if (known.LoginGovMfa == "otp")
                {
                    journey.Wait(0.3, 1);
                    session.Emit("mfa-login-phone-otp-sent", ("success", true), ("otp_delivery_method", known.OtpDeliveryMethod),
                        ("phone_number", known.Phone), ("reauthentication", false));
                }
            }
            else
            {
                session.Emit("login-email-and-password-auth", ("email", email), ("success", false));
            }
        }
    }

    private static void OnePassword(TrafficContext context, Journey journey, ClientOrigin origin, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            journey.Wait(0.2, 1.8);
            var victim = context.People.OnePasswordUsers.Pick(context.Random);
            var attempt = new OnePasswordAttempt(victim, origin, SimulationIds.Base32Id(context.Random));
            context.OnePassword.Emit(journey.At, attempt, "credentials_failed", "password_secret_bad");
        }
    }

    private static void FusionAuth(TrafficContext context, Journey journey, ClientOrigin origin, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            journey.Wait(0.2, 1.8);
            var victim = context.People.FusionAuthUsers.Pick(context.Random);
            context.FusionAuth.Emit(journey.At, "user.login.failed", victim, origin, ("applicationId", FusionAuthWriter.ApplicationId),
                ("authenticationType", "PASSWORD"), ("reason", new JsonObject { ["code"] = "credentials" }));
        }
    }

    private static void Entrust(TrafficContext context, Journey journey, ClientOrigin origin, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            journey.Wait(0.2, 1.8);
            var victim = context.People.EntrustUsers.Pick(context.Random);
            context.Entrust.Authentication(journey.At, victim, succeeded: false, EntrustWriter.UserPortal, origin.Ip, "PASSWORD");
        }
    }

    /// <summary>An address from a breach list that belongs to nobody here.</summary>
    private static string LeakedEmail(Random random)
    {
        var (first, last) = NameCatalog.Pick(random, "US");
        var local = (first + "." + last).Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return local + SimulationIds.Digits(random, 4) + (random.Chance(0.5) ? "@example.net" : "@example.org");
    }
}
