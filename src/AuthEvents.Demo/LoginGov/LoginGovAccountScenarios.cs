namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Login.gov account life cycle: registration (e-mail, confirmation, password, MFA enrolment), password
/// recovery, a password change while signed in, and the odd <c>test-event</c> the API may also deliver.
/// </summary>
internal static class LoginGovAccountScenarios
{
    public static void Registration(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        if (random.Chance(0.06))
        {
            RegistrationOfKnownEmail(context, start);
            return;
        }

        var newcomer = context.People.PickNewcomer(random);
        var session = LoginGovSession.ForPersona(context, newcomer, start);
        var journey = session.Journey;
        if (random.Chance(0.04))
        {
            var typo = newcomer.Email[..newcomer.Email.LastIndexOf('.')];
            session.Emit("user-registration-email-submitted", ("success", false), ("email", typo),
                ("failure_reason", LoginGovWriter.Reason("email", "invalid")));
            journey.Think(5, 20);
        }

        session.Emit("user-registration-email-submitted", ("success", true), ("email", newcomer.Email));
        if (random.Chance(0.08))
        {
            return;
        }

        journey.Think(30, 900);
        if (random.Chance(0.05))
        {
            session.Emit("user-registration-email-confirmed", ("success", false), ("email", newcomer.Email),
                ("failure_reason", LoginGovWriter.Reason("confirmation_token", "expired")));
            return;
        }

        session.Emit("user-registration-email-confirmed", ("success", true), ("email", newcomer.Email));
        if (random.Chance(0.06))
        {
            return;
        }

        journey.Think(10, 60);
        while (random.Chance(0.15))
        {
            session.Emit("user-registration-password-submitted", ("success", false),
                ("failure_reason", LoginGovWriter.Reason("password", random.Chance(0.6) ? "pwned" : "too_short")));
            journey.Think(5, 30);
        }

        session.Emit("user-registration-password-submitted", ("success", true));
        if (random.Chance(0.05) || !EnrollMfa(session, newcomer))
        {
            return;
        }

        context.People.MarkRegistered(newcomer);
        journey.Think(3, 20);
        session.Visit.UserUuid = newcomer.LoginGovUserUuid;
        session.Emit("login-completed");
    }

    public static void Recovery(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.LoginGovUsers.Pick(random);
        var session = LoginGovSession.ForPersona(context, persona, start);
        var journey = session.Journey;
        session.Emit("forgot-password-email-sent", ("email", persona.Email));
        if (random.Chance(0.1))
        {
            return;
        }

        journey.Think(20, 900);
        if (random.Chance(0.06))
        {
            session.Emit("forgot-password-email-confirmed", ("success", false), ("email", persona.Email),
                ("failure_reason", LoginGovWriter.Reason("user", "token_expired")));
            return;
        }

        session.Emit("forgot-password-email-confirmed", ("success", true), ("email", persona.Email));
        journey.Think(15, 90);
        while (random.Chance(0.12))
        {
            session.Emit("forgot-password-new-password-submitted", ("success", false),
                ("failure_reason", LoginGovWriter.Reason("password", random.Chance(0.5) ? "pwned" : "too_short")));
            journey.Think(5, 30);
        }

        session.Emit("forgot-password-new-password-submitted", ("success", true));
        if (random.Chance(0.6))
        {
            journey.Think(5, 40);
            LoginGovSignInScenario.SignIn(session, persona);
        }
    }

    public static void PasswordChange(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var persona = context.People.LoginGovUsers.Pick(random);
        var session = LoginGovSession.ForPersona(context, persona, start);
        if (!LoginGovSignInScenario.SignIn(session, persona))
        {
            return;
        }

        session.Journey.Think(30, 300);
        while (random.Chance(0.1))
        {
            var reason = random.Chance(0.5)
                ? LoginGovWriter.Reason("password", "pwned")
                : LoginGovWriter.Reason("password_confirmation", "mismatch");
            session.Emit("logged-in-password-change", ("success", false), ("failure_reason", reason));
            session.Journey.Think(5, 30);
        }

        session.Emit("logged-in-password-change", ("success", true));
    }

    /// <summary>An event type no normalizer knows; Login.gov's own tests send <c>test-event</c>.</summary>
    public static void TestEvent(TrafficContext context, DateTimeOffset start)
    {
        var persona = context.People.LoginGovUsers.Pick(context.Random);
        LoginGovSession.ForPersona(context, persona, start).Emit("test-event", ("success", true));
    }

    private static bool EnrollMfa(LoginGovSession session, Persona persona)
    {
        var random = session.Random;
        session.Journey.Think(10, 60);
        if (persona.LoginGovMfa != "otp")
        {
            session.Journey.Think(10, 90);
            session.Emit("mfa-enrolled", ("success", true), ("mfa_device_type", persona.LoginGovMfa),
                ("otp_delivery_method", null), ("phone_number", null));
            return true;
        }

        session.Emit("mfa-enroll-phone-otp-sent", ("success", true), ("otp_delivery_method", persona.OtpDeliveryMethod), ("phone_number", persona.Phone));
        if (random.Chance(0.02))
        {
            session.Journey.Think(30, 90);
            session.Emit("mfa-enroll-phone-otp-sent-rate-limited", ("phone_number", persona.Phone));
            return false;
        }

        session.Journey.Think(10, 60);
        session.Emit("mfa-enrolled", ("success", true), ("mfa_device_type", "otp"),
            ("otp_delivery_method", persona.OtpDeliveryMethod), ("phone_number", persona.Phone));
        return true;
    }

    /// <summary>Someone who forgot they have an account keeps submitting the same e-mail address.</summary>
    private static void RegistrationOfKnownEmail(TrafficContext context, DateTimeOffset start)
    {
        var persona = context.People.LoginGovUsers.Pick(context.Random);
        var session = LoginGovSession.ForPersona(context, persona, start);
        var attempts = context.Random.IntBetween(2, 4);
        for (var i = 0; i < attempts; i++)
        {
            session.Emit("user-registration-email-submitted", ("success", true), ("email", persona.Email));
            session.Journey.Think(20, 120);
        }

        if (attempts >= 3)
        {
            session.Emit("user-registration-email-submission-rate-limited", ("email", persona.Email), ("email_already_registered", true));
        }
    }
}
