using System.Text.Json.Nodes;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Login.gov sign-in: password attempts (some wrong, a few until rate-limited), an MFA code sent and submitted
/// (some typos), <c>login-completed</c>, and sometimes a logout or a session timeout later on.
/// </summary>
internal static class LoginGovSignInScenario
{
    private static readonly string[] PivCacCertificateErrors = ["bad", "expired", "revoked", "unverified"];

    public static void Run(TrafficContext context, DateTimeOffset start)
    {
        var persona = context.People.LoginGovUsers.Pick(context.Random);
        var session = LoginGovSession.ForPersona(context, persona, start);
        if (!SignIn(session, persona))
        {
            return;
        }

        var random = session.Random;
        var ending = random.NextDouble();
        if (ending < 0.25)
        {
            session.Journey.Think(60, 1200);
            session.Emit("logout-initiated", ("success", true));
        }
        else if (ending < 0.4)
        {
            session.Journey.Wait(900, 1800);
            session.Emit("session-timeout");
        }
    }

    /// <summary>Password, then MFA, then completion. Returns whether the person got in.</summary>
    public static bool SignIn(LoginGovSession session, Persona persona)
    {
        var random = session.Random;
        var journey = session.Journey;
        var forgetful = random.Chance(0.02);
        var wrongPasswords = forgetful ? random.IntBetween(4, 6) : random.Chance(0.12) ? random.IntBetween(1, 2) : 0;
        for (var i = 0; i < wrongPasswords; i++)
        {
            session.Emit("login-email-and-password-auth", ("email", persona.Email), ("success", false));
            journey.Think(4, 30);
            if (!forgetful && random.Chance(0.2))
            {
                return false;
            }
        }

        if (forgetful)
        {
            session.Emit("login-rate-limited", ("email", persona.Email));
            return false;
        }

        session.Visit.UserUuid = persona.LoginGovUserUuid;
        session.Emit("login-email-and-password-auth", ("email", persona.Email), ("success", true));
        journey.Wait(0.4, 2);
        if (!Mfa(session, persona, reauthentication: random.Chance(0.05)))
        {
            return false;
        }

        journey.Wait(0.3, 1.5);
        session.Emit("login-completed");
        return true;
    }

    private static bool Mfa(LoginGovSession session, Persona persona, bool reauthentication)
    {
        var random = session.Random;
        var journey = session.Journey;
        if (random.Chance(0.12))
        {
            session.Emit("mfa-login-auth-submitted", ("mfa_device_type", "remember_device"), ("reauthentication", reauthentication), ("success", true));
            return true;
        }

        var deviceType = random.Chance(0.03) ? "backup_code" : persona.LoginGovMfa;
        if (deviceType == "otp" && !SendCode(session, persona, reauthentication))
        {
            return false;
        }

        journey.Think(8, 60);
        var failures = 0;
        while (random.Chance(failures == 0 ? 0.08 : 0.3))
        {
            failures++;
            session.Emit("mfa-login-auth-submitted", ("mfa_device_type", deviceType), ("reauthentication", reauthentication),
                ("success", false), ("failure_reason", FailureFor(random, deviceType)));
            if (failures >= 5)
            {
                journey.Wait(0.1, 0.5);
                session.Emit("mfa-submission-code-rate-limited", ("mfa_device_type", deviceType));
                return false;
            }

            if (random.Chance(0.15))
            {
                return false;
            }

            journey.Think(5, 25);
        }

        session.Emit("mfa-login-auth-submitted", ("mfa_device_type", deviceType), ("reauthentication", reauthentication), ("success", true));
        return true;
    }

    private static bool SendCode(LoginGovSession session, Persona persona, bool reauthentication)
    {
        var random = session.Random;
        if (random.Chance(0.01))
        {
            // The person once replied STOP to Login.gov's texts.
            session.Emit("mfa-login-phone-otp-sent", ("success", false), ("otp_delivery_method", persona.OtpDeliveryMethod),
                ("phone_number", persona.Phone), ("reauthentication", reauthentication),
                ("failure_reason", LoginGovWriter.Reason("telephony", "Telephony::OptOutError - Pinpoint Error: PERMANENT_FAILURE - 400")));
            return false;
        }

        var sends = random.Chance(0.07) ? random.IntBetween(2, 3) : 1;
        for (var i = 0; i < sends; i++)
        {
            if (i > 0)
            {
                session.Journey.Think(30, 90);
            }

            session.Emit("mfa-login-phone-otp-sent", ("success", true), ("otp_delivery_method", persona.OtpDeliveryMethod),
                ("phone_number", persona.Phone), ("reauthentication", reauthentication));
        }

        if (sends == 3 && random.Chance(0.3))
        {
            session.Journey.Think(20, 60);
            session.Emit("mfa-login-phone-otp-sent-rate-limited", ("phone_number", persona.Phone));
            return false;
        }

        return true;
    }

    public static JsonObject? FailureFor(Random random, string deviceType) => deviceType switch
    {
        "otp" or "totp" => LoginGovWriter.Reason("code", "code_incorrect"),
        "backup_code" => LoginGovWriter.Reason("backup_code", "invalid"),
        "piv_cac" => random.Chance(0.7)
            ? LoginGovWriter.Reason("certificate", random.Pick(PivCacCertificateErrors))
            : LoginGovWriter.Reason("token", "invalid"),
        // WebAuthn failures come without a reason, so Login.gov drops the key.
        _ => null,
    };
}
