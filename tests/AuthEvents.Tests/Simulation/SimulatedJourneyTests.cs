using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Simulation;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Simulation;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class SimulatedJourneyTests(SimulatedTrafficFixture traffic) : IClassFixture<SimulatedTrafficFixture>
{
    private static readonly string[] IdvStepOrder =
    [
        "idv-document-uploaded", "idv-document-upload-submitted", "idv-ssn-submitted", "idv-phone-submitted",
        "idv-phone-otp-sent", "idv-phone-otp-submitted", "idv-phone-verified", "idv-verification-submitted",
        "idv-tmx-fraud-check", "idv-enrollment-complete",
    ];

    private static readonly string[] ImageKeyFields =
    [
        "document_front_image_encryption_key", "document_back_image_encryption_key",
    ];

    private static readonly string[] DocumentFields =
    [
        "date_of_birth", "document_number", "document_issued", "document_expiration", "first_name", "last_name",
        "address1", "city", "state", "zip", "document_front_image_file_id", "document_back_image_file_id",
    ];

    [Fact]
    public void LoginGov_IdvSessions_StepsInOrder()
    {
        // Without defects, so that no step of a session is missing because it was damaged.
        var generator = new DemoTrafficGenerator(new DemoTrafficOptions { Seed = 42, MalformedShare = 0 });
        var facts = generator.Backfill(SimulatedTrafficFixture.Start, SimulatedTrafficFixture.Start.AddHours(1)).Select(DeliveryFacts.Read);
        var sessions = IdvSessions(facts);

        Assert.True(sessions.Count > 50);
        Assert.All(sessions, steps =>
        {
            var firsts = IdvStepOrder.Select(step => steps.IndexOf(step)).Where(index => index >= 0).ToArray();
            Assert.Equal(firsts.Order(), firsts);
        });
    }

    [Fact]
    public void LoginGov_IdvSessions_SomeCompleteAndSomeDropOff()
    {
        var sessions = IdvSessions(traffic.WellFormed).Where(steps => steps[0] == "idv-document-uploaded").ToArray();
        var completed = sessions.Count(steps => steps.Contains("idv-enrollment-complete"));
        var routedElsewhere = sessions.Count(steps => steps[^1] is "idv-verify-by-mail-letter-requested" or "idv-ipp-ready-to-verify-visit");

        Assert.InRange(completed / (double)sessions.Length, 0.4, 0.75);
        Assert.InRange((completed + routedElsewhere) / (double)sessions.Length, 0.55, 0.85);
        Assert.Contains(sessions, steps => steps[^1] == "idv-document-upload-submitted");
        Assert.Contains(sessions, steps => steps[^1] == "idv-rate-limited");
        Assert.Contains(sessions, steps => steps[^1] == "idv-ipp-ready-to-verify-visit");
        Assert.Contains(sessions, steps => steps[^1] == "idv-verify-by-mail-letter-requested");
    }

    [Fact]
    public void LoginGov_IdvRateLimits_UseTheDocumentedLimiterTypes()
    {
        var limiters = traffic.WellFormed.Where(f => f.Type == "idv-rate-limited").Select(f => f.Text("limiter_type")).Distinct();

        Assert.All(limiters, limiter => Assert.Contains(limiter, new[] { "idv_doc_auth", "idv_resolution", "proof_ssn", "phone_confirmation" }));
        Assert.Contains("idv_doc_auth", limiters);
    }

    [Fact]
    public void LoginGov_VerifyByMail_CodeEnteredMuchLaterInANewSession()
    {
        var letters = traffic.WellFormed.Where(f => f.Type == "idv-verify-by-mail-letter-requested").ToArray();
        var codes = traffic.WellFormed.Where(f => f.Type == "idv-verify-by-mail-enter-code-submitted" && f.Success == true).ToArray();

        Assert.Contains(codes, code => letters.Any(letter =>
            letter.Text("user_uuid") == code.Text("user_uuid")
            && letter.SessionId != code.SessionId
            && code.Time - letter.Time > TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void LoginGov_IdvPayloads_CarrySyntheticSensitiveFields()
    {
        var ssns = traffic.WellFormed.Where(f => f.Type is "idv-ssn-submitted" or "idv-verification-submitted").Select(f => f.Text("ssn")).ToArray();
        var documents = traffic.WellFormed.Where(f => f.Type == "idv-document-upload-submitted" && f.Success == true).ToArray();

        Assert.NotEmpty(ssns);
        Assert.All(ssns, ssn => Assert.Matches(@"^9\d{2}-\d{2}-\d{4}$", ssn!));
        Assert.NotEmpty(documents);
        Assert.All(documents, f =>
        {
            Assert.All(DocumentFields, name => Assert.False(string.IsNullOrEmpty(f.Text(name)), name));
            Assert.All(ImageKeyFields, name => Assert.Equal(32, Convert.FromBase64String(f.Text(name)!).Length));
        });
        Assert.Contains(traffic.WellFormed, f => f.Type == "idv-document-upload-submitted" && f.Success == false
            && f.Data.GetProperty("failure_reason").EnumerateObject().Any(r => r.Value[0].GetString() == "We couldn't read the barcode on the back of your ID. Try taking a new picture."));
    }

    [Fact]
    public void Attacks_CredentialStuffing_OneIpManyAccountsWithinMinutesThenRateLimited()
    {
        var bursts = traffic.WellFormed
            .Where(f => f.Type == "login-email-and-password-auth" && f.Success == false)
            .GroupBy(f => f.Text("user_ip_address"))
            .Select(g => (Emails: g.Select(f => f.Text("email")).Distinct().Count(), Span: g.Max(f => f.Time) - g.Min(f => f.Time), Ip: g.Key))
            .Where(b => b.Emails >= 15 && b.Span < TimeSpan.FromMinutes(3))
            .ToArray();

        Assert.NotEmpty(bursts);
        Assert.Contains(bursts, b => traffic.WellFormed.Any(f => f.Type == "login-rate-limited" && f.Text("user_ip_address") == b.Ip));
    }

    [Fact]
    public void Attacks_MfaGuessing_OnePersonManyFailuresWithinMinutes()
    {
        var loginGov = traffic.WellFormed
            .Where(f => f.Type == "mfa-login-auth-submitted" && f.Success == false)
            .GroupBy(f => f.SessionId)
            .Any(g => g.Count() >= 8 && g.Max(f => f.Time) - g.Min(f => f.Time) < TimeSpan.FromMinutes(5));
        var elsewhere = traffic.WellFormed
            .Where(f => f.Type is "user.two-factor.failed.attempt" or "mfa_failed/duo_timeout" or "mfa_failed/duo_bad"
                || (f.Type == "authentication.failed" && f.Text("token") == "OTP"))
            .GroupBy(f => (f.Source, Subject(f)))
            .Any(g => g.Count() >= 8 && g.Max(f => f.Time) - g.Min(f => f.Time) < TimeSpan.FromMinutes(15));

        Assert.True(loginGov || elsewhere);
    }

    [Fact]
    public void Attacks_BotIdentityProofing_AllStepsWithinAMinute()
    {
        var fast = traffic.WellFormed
            .Where(f => f.Source == EventSource.LoginGov && f.Type.StartsWith("idv-", StringComparison.Ordinal))
            .GroupBy(f => f.SessionId)
            .Where(g => g.Any(f => f.Type == "idv-document-uploaded") && g.Any(f => f.Type == "idv-tmx-fraud-check"))
            .Where(g => g.Max(f => f.Time) - g.Min(f => f.Time) < TimeSpan.FromMinutes(1));

        Assert.NotEmpty(fast);
    }

    [Fact]
    public void Attacks_ImpossibleTravel_OnePersonTwoCountriesMinutesApart()
    {
        var located = traffic.WellFormed
            .Where(f => f.Type is "success/credentials_ok" or "success/mfa_ok" or "user.login.success")
            .Select(f => (Email: Email(f), Country: Country(f), f.Time))
            .Where(s => s.Country is not null)
            .GroupBy(s => s.Email);

        Assert.Contains(located, g => g.Any(a => g.Any(b => a.Country != b.Country && b.Time > a.Time && b.Time - a.Time < TimeSpan.FromMinutes(20))));
    }

    [Fact]
    public void People_SameEmail_UsedAcrossProviders()
    {
        var loginGov = traffic.WellFormed.Where(f => f.Source == EventSource.LoginGov).Select(f => f.Text("email")).ToHashSet();
        var onePassword = traffic.WellFormed.Where(f => f.Source == EventSource.OnePassword).Select(Email).ToHashSet();
        var fusionAuth = traffic.WellFormed.Where(f => f.Source == EventSource.FusionAuth).Select(Email).ToHashSet();

        Assert.Contains(loginGov, email => email is not null && onePassword.Contains(email) && fusionAuth.Contains(email));
    }

    private static List<List<string>> IdvSessions(IEnumerable<DeliveryFacts> facts) => facts
        .Where(f => f.Source == EventSource.LoginGov && f.Type.StartsWith("idv-", StringComparison.Ordinal))
        .Where(f => f.Time < SimulatedTrafficFixture.Start.AddHours(2))
        .GroupBy(f => f.SessionId)
        .Select(g => g.OrderBy(f => f.Time).Select(f => f.Type).ToList())
        .ToList();

    private static string? Subject(DeliveryFacts f) => f.Source switch
    {
        EventSource.OnePassword => f.Data.GetProperty("target_user").GetProperty("uuid").GetString(),
        EventSource.Entrust => f.Text("subject"),
        _ => f.Text("linkedObjectId"),
    };

    private static string? Email(DeliveryFacts f) => f.Source == EventSource.OnePassword
        ? f.Data.GetProperty("target_user").GetProperty("email").GetString()
        : f.Data.GetProperty("user").GetProperty("email").GetString();

    private static string? Country(DeliveryFacts f)
    {
        var location = f.Source == EventSource.OnePassword ? f.Data.GetProperty("location") : f.Data.GetProperty("info").GetProperty("location");
        return location.ValueKind == JsonValueKind.Object ? location.GetProperty("country").GetString() : null;
    }
}
