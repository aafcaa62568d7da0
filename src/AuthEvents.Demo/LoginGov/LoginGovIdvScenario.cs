using System.Text.Json.Nodes;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// Login.gov identity proofing: document capture (with vendor failures and retries), SSN, optional address,
/// phone and its one-time code, the verification and fraud checks, then enrolment. People drop off at every
/// step (about two in three finish); some verify by mail much later or go to the post office; rate limits end
/// the stubborn cases. The bot variant fills every step within seconds from a scripted client.
/// </summary>
internal sealed class LoginGovIdvScenario
{
    private readonly LoginGovSession _session;
    private readonly Persona _persona;
    private readonly bool _bot;
    private readonly Random _random;
    private readonly Journey _journey;
    private readonly string _phone;
    private bool _inPerson;

    private LoginGovIdvScenario(LoginGovSession session, Persona persona, bool bot)
    {
        _session = session;
        _persona = persona;
        _bot = bot;
        _random = session.Random;
        _journey = session.Journey;
        _phone = bot ? "+1555010" + SimulationIds.Digits(_random, 4) : persona.Phone;
    }

    private enum PhoneOutcome
    {
        Verified,
        ByMail,
        Abandoned,
    }

    public static void Run(TrafficContext context, DateTimeOffset start)
    {
        // People proof once; only when nearly everyone has does a proofing become a reproof.
        var persona = context.People.IdentityProofers.Pick(context.Random);
        for (var i = 0; i < 8 && persona.IdentityVerified; i++)
        {
            persona = context.People.IdentityProofers.Pick(context.Random);
        }

        var session = LoginGovSession.ForPersona(context, persona, start);
        session.Visit.UserUuid = persona.LoginGovUserUuid;
        new LoginGovIdvScenario(session, persona, bot: false).Proceed();
    }

    /// <summary>An identity farm: a fresh account proofs a stolen identity from a scripted client in seconds.</summary>
    public static void BotRun(TrafficContext context, DateTimeOffset start)
    {
        var random = context.Random;
        var victim = context.People.IdentityProofers.Pick(random);
        var visit = LoginGovVisit.ForStranger(random, DeviceCatalog.Bot(random), NetworkCatalog.AttackerIp(random), start);
        visit.UserUuid = SimulationIds.UuidV4(random);
        var session = new LoginGovSession(context, context.StartJourney(start, hurried: true), visit);
        new LoginGovIdvScenario(session, victim, bot: true).Proceed();
    }

    private void Proceed()
    {
        if (!Documents() || Drops(0.05) || !Ssn() || Drops(0.04))
        {
            return;
        }

        if (_inPerson || _random.Chance(0.15))
        {
            Address();
        }

        var outcome = _inPerson ? PhoneOutcome.Verified : !_bot && _random.Chance(0.1) ? PhoneOutcome.ByMail : Phone();
        if (outcome == PhoneOutcome.Abandoned || Drops(0.04) || !Verification() || !FraudCheck())
        {
            return;
        }

        if (_inPerson)
        {
            _journey.Think(10, 60);
            _session.Emit("idv-ipp-ready-to-verify-visit");
        }
        else if (outcome == PhoneOutcome.ByMail)
        {
            VerifyByMail();
        }
        else
        {
            Complete(_session);
        }
    }

    private bool Documents()
    {
        var selfie = _random.Chance(0.4);
        var troubled = !_bot && _random.Chance(0.15); // a worn ID or a poor camera fails again and again
        for (var attempt = 1; ; attempt++)
        {
            _journey.Think(attempt == 1 ? 20 : 15, attempt == 1 ? 150 : 90);
            var images = IdvPayloads.Images(_random, selfie);
            if (!_bot && _random.Chance(0.04))
            {
                _session.Emit("idv-document-uploaded", [("success", false), .. images, ("failure_reason", IdvPayloads.UploadFailure(_random))]);
                _journey.Think(10, 40);
            }

            _session.Emit("idv-document-uploaded", [("success", true), .. images]);
            _journey.Wait(2, 8);
            var failed = _random.Chance(_bot ? 0.1 : troubled ? 0.7 : attempt == 1 ? 0.15 : 0.25);
            _session.Emit("idv-document-upload-submitted",
            [
                ("success", !failed), ("liveness_checking_required", selfie), .. IdvPayloads.DocumentPii(_persona, read: !failed),
                .. images, ("failure_reason", failed ? IdvPayloads.DocumentFailure(_random) : null),
            ]);
            if (!failed)
            {
                return true;
            }

            if (attempt >= 3)
            {
                RateLimited("idv_doc_auth", phoneNumber: null);
                return false;
            }

            if (_random.Chance(0.2))
            {
                return false;
            }

            if (!_bot && _random.Chance(0.2))
            {
                _inPerson = true;
                return true;
            }
        }
    }

    private bool Ssn()
    {
        _journey.Think(10, 60);
        _session.Emit("idv-ssn-submitted", ("success", true), ("ssn", _persona.Identity.Ssn));
        if (_random.Chance(_bot ? 0.15 : 0.005))
        {
            // The same SSN was tried on too many accounts.
            RateLimited("proof_ssn", phoneNumber: null);
            return false;
        }

        return true;
    }

    private void Address()
    {
        _journey.Think(15, 90);
        var id = _persona.Identity;
        var home = _persona.Home;
        if (_random.Chance(0.05))
        {
            _session.Emit("idv-address-submitted", ("success", false), ("address1", id.Address1), ("address2", id.Address2),
                ("address_edited", true), ("city", home.City), ("state", home.Region), ("zip", home.Zip[..3]), ("country", "US"),
                ("failure_reason", LoginGovWriter.Reason("zipcode", "pattern_mismatch")));
            _journey.Think(5, 30);
        }

        _session.Emit("idv-address-submitted", ("success", true), ("address1", id.Address1), ("address2", id.Address2),
            ("address_edited", !_inPerson), ("city", home.City), ("state", home.Region), ("zip", home.Zip), ("country", "US"));
    }

    private PhoneOutcome Phone()
    {
        _journey.Think(10, 45);
        if (_random.Chance(0.05))
        {
            _session.Emit("idv-phone-submitted", ("success", false), ("phone_number", _phone),
                ("failure_reason", LoginGovWriter.Reason("phone", "improbable_phone")));
            _journey.Think(5, 30);
        }

        _session.Emit("idv-phone-submitted", ("success", true), ("phone_number", _phone));
        _journey.Wait(0.5, 2);
        _session.Emit("idv-phone-otp-sent", ("success", true), ("phone_number", _phone), ("otp_delivery_method", _persona.OtpDeliveryMethod));
        if (Drops(0.05))
        {
            return PhoneOutcome.Abandoned;
        }

        _journey.Think(10, 60);
        for (var failures = 0; _random.Chance(failures == 0 ? 0.1 : 0.3);)
        {
            _session.Emit("idv-phone-otp-submitted", ("success", false), ("phone_number", _phone));
            if (++failures >= 3)
            {
                RateLimited("phone_confirmation", _phone);
                return PhoneOutcome.Abandoned;
            }

            _journey.Think(5, 30);
        }

        _session.Emit("idv-phone-otp-submitted", ("success", true), ("phone_number", _phone));
        _journey.Wait(0.3, 1.5);
        if (!_bot && _random.Chance(0.06))
        {
            // The phone is not on record for this person; Login.gov offers a letter instead.
            _session.Emit("idv-phone-verified", ("success", false), ("phone_number", _phone));
            return PhoneOutcome.ByMail;
        }

        _session.Emit("idv-phone-verified", ("success", true), ("phone_number", _phone));
        return PhoneOutcome.Verified;
    }

    private bool Verification()
    {
        _journey.Think(15, 120);
        for (var attempt = 1; ; attempt++)
        {
            var failed = _random.Chance(attempt == 1 ? (_bot ? 0.05 : 0.09) : 0.35);
            _session.Emit("idv-verification-submitted",
                [("success", !failed), ("failure_reason", failed ? IdvPayloads.VerificationFailure(_random) : null), .. IdvPayloads.VerificationPii(_persona)]);
            if (!failed)
            {
                return true;
            }

            if (attempt == 2)
            {
                RateLimited("idv_resolution", phoneNumber: null);
                return false;
            }

            if (_random.Chance(0.5))
            {
                return false;
            }

            _journey.Think(30, 180);
        }
    }

    private bool FraudCheck()
    {
        _journey.Wait(1, 4);
        var failed = _random.Chance(_bot ? 0.5 : 0.05);
        _session.Emit("idv-tmx-fraud-check", ("success", !failed), ("failure_reason", failed ? IdvPayloads.TmxFailure(_random, _bot) : null));
        return !failed;
    }

    private void VerifyByMail()
    {
        _journey.Think(5, 30);
        _session.Emit("idv-verify-by-mail-letter-requested", ("resend", false));
        if (Drops(0.2))
        {
            return;
        }

        // Letters take days; the demo compresses that to tens of minutes so the return visit shows up.
        _journey.Wait(20 * 60, 150 * 60);
        var context = _session.Context;
        var origin = ClientOrigin.AtHome(_random, _persona);
        var visit = LoginGovVisit.ForPersona(_random, _persona, origin.Device, origin.Ip, _journey.At);
        var later = new LoginGovSession(context, _journey, visit);
        if (!LoginGovSignInScenario.SignIn(later, _persona))
        {
            return;
        }

        _journey.Think(10, 60);
        if (_random.Chance(0.15))
        {
            later.Emit("idv-verify-by-mail-enter-code-submitted", ("success", false),
                ("failure_reason", LoginGovWriter.Reason("otp", "confirmation_code_incorrect")));
            _journey.Think(10, 60);
        }

        later.Emit("idv-verify-by-mail-enter-code-submitted", ("success", true));
        Complete(later);
    }

    private void Complete(LoginGovSession session)
    {
        _journey.Think(10, 60);
        var reproof = !_bot && _persona.IdentityVerified;
        if (reproof)
        {
            session.Emit("idv-reproof");
        }

        if (!_bot)
        {
            _persona.IdentityVerified = true;
        }

        session.Emit("idv-enrollment-complete", ("reproof", reproof));
    }

    private void RateLimited(string limiter, string? phoneNumber)
    {
        _journey.Wait(0.2, 1);
        _session.Emit("idv-rate-limited", ("limiter_type", limiter), ("phone_number", phoneNumber));
    }

    private bool Drops(double probability) => !_bot && _random.Chance(probability);
}
