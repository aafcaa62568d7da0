using AuthEvents.Demo.Entrust;
using AuthEvents.Demo.FusionAuth;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Someone who has a person's password goes after the rest: an MFA-fatigue or code-guessing run against one
/// person, or a sign-in from the other side of the world minutes after the person signed in at home.
/// </summary>
internal static class AccountTakeoverScenarios
{
    public static void MfaFatigue(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var origin = new ClientOrigin(DeviceCatalog.Desktop(random), NetworkCatalog.AttackerIp(random), random.Pick(PlaceCatalog.Elsewhere));
        var tries = random.IntBetween(8, 15);
        switch (random.PickWeighted<int>([(0, 35), (1, 25), (2, 25), (3, 15)]))
        {
            case 0: LoginGovCodeGuessing(context, context.StartJourney(start, hurried: true), origin, tries); break;
            case 1: OnePasswordPushFatigue(context, context.StartJourney(start), origin, tries); break;
            case 2: FusionAuthCodeGuessing(context, context.StartJourney(start, hurried: true), origin, tries); break;
            default: EntrustCodeGuessing(context, context.StartJourney(start, hurried: true), origin, tries); break;
        }
    }

    public static void ImpossibleTravel(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = random.Chance(0.5) ? context.People.OnePasswordUsers.Pick(random) : context.People.FusionAuthUsers.Pick(random);
        var journey = context.StartJourney(start);
        var home = ClientOrigin.AtHome(random, persona);
        SignIn(context, journey, persona, home);

        journey.Think(120, 900);
        var far = random.Pick(PlaceCatalog.Elsewhere);
        for (var i = 0; i < 10 && far.DistanceKm(persona.Home) < 3000; i++)
        {
            far = random.Pick(PlaceCatalog.Elsewhere);
        }

        SignIn(context, journey, persona, new ClientOrigin(DeviceCatalog.Desktop(random), NetworkCatalog.AttackerIp(random), far));
    }

    private static void SignIn(TrafficContext context, Journey journey, Persona persona, ClientOrigin origin)
    {
        var random = context.Random;
        var options = new List<int>();
        if (persona.HasOnePassword) { options.Add(0); }
        if (persona.HasFusionAuth) { options.Add(1); }
        if (persona.HasEntrust) { options.Add(2); }
        if (persona.HasLoginGov) { options.Add(3); }

        switch (random.Pick(options))
        {
            case 0:
                OnePasswordScenarios.SignIn(context, journey, new OnePasswordAttempt(persona, origin, SimulationIds.Base32Id(random)));
                break;
            case 1:
                FusionAuthScenarios.Login(context, journey, persona, origin);
                break;
            case 2:
                EntrustScenarios.SignIn(context, journey, persona, origin.Ip);
                break;
            default:
                var visit = LoginGovVisit.ForPersona(random, persona, origin.Device, origin.Ip, journey.At);
                LoginGovSignInScenario.SignIn(new LoginGovSession(context, journey, visit), persona);
                break;
        }
    }

    private static void LoginGovCodeGuessing(TrafficContext context, Journey journey, ClientOrigin origin, int tries)
    {
        var random = context.Random;
        var victim = context.People.LoginGovUsers.Pick(random);
        var session = new LoginGovSession(context, journey, LoginGovVisit.ForStranger(random, origin.Device, origin.Ip, journey.At));
        session.Visit.UserUuid = victim.LoginGovUserUuid;
        session.Emit("login-email-and-password-auth", ("email", victim.Email), ("success", true));
        var sends = 0;
        for (var i = 0; i < tries; i++)
        {
            if (i % 4 == 0 && sends < 3)
            {
                journey.Wait(0.5, 2);
                session.Emit("mfa-login-phone-otp-sent", ("success", true), ("otp_delivery_method", victim.OtpDeliveryMethod),
                    ("phone_number", victim.Phone), ("reauthentication", false));
                sends++;
            }
            else if (i % 4 == 0)
            {
                session.Emit("mfa-login-phone-otp-sent-rate-limited", ("phone_number", victim.Phone));
            }

            journey.Wait(2, 6);
            session.Emit("mfa-login-auth-submitted", ("mfa_device_type", "otp"), ("reauthentication", false),
                ("success", false), ("failure_reason", LoginGovWriter.Reason("code", "code_incorrect")));
        }

        journey.Wait(0.2, 1);
        session.Emit("mfa-submission-code-rate-limited", ("mfa_device_type", "otp"));
    }

    private static void OnePasswordPushFatigue(TrafficContext context, Journey journey, ClientOrigin origin, int tries)
    {
        var random = context.Random;
        var victim = context.People.OnePasswordUsers.Pick(random);
        var attempt = new OnePasswordAttempt(victim, origin, SimulationIds.Base32Id(random));
        for (var i = 0; i < tries; i++)
        {
            context.OnePassword.Emit(journey.At, attempt, "mfa_failed", random.Chance(0.7) ? "duo_timeout" : "duo_bad");
            journey.Wait(15, 45);
        }

        // Worn down, the person finally approves the push.
        if (random.Chance(0.25))
        {
            context.OnePassword.Emit(journey.At, attempt, "success", "mfa_ok");
        }
    }

    private static void FusionAuthCodeGuessing(TrafficContext context, Journey journey, ClientOrigin origin, int tries)
    {
        var random = context.Random;
        var victim = context.People.FusionAuthUsers.Pick(random);
        for (var i = 0; i < 10 && victim.FusionAuthMethods.Count == 0; i++)
        {
            victim = context.People.FusionAuthUsers.Pick(random);
        }

        if (victim.FusionAuthMethods.Count == 0)
        {
            EntrustCodeGuessing(context, journey, origin, tries);
            return;
        }

        FusionAuthScenarios.TwoFactor(context, journey, victim, origin, "HIGH", misses: tries);
    }

    private static void EntrustCodeGuessing(TrafficContext context, Journey journey, ClientOrigin origin, int tries)
    {
        var random = context.Random;
        var victim = context.People.EntrustUsers.Pick(random);
        for (var i = 0; i < tries; i++)
        {
            journey.Wait(2, 6);
            context.Entrust.Authentication(journey.At, victim, succeeded: false, EntrustWriter.UserPortal, origin.Ip, "OTP");
        }
    }
}
