using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Journeys.JourneyScript;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FunnelAggregatorTests
{
    private static readonly FunnelDefinition SignIn = Funnels.SignIn;
    private static readonly long Now = Ticks(TimeSpan.FromHours(1));

    /// <summary>Six people signing in across the four providers; see each comment for where they end.</summary>
    private static List<PersonAttempt> SignInPeople() =>
    [
        // 1: Login.gov, clean: password, MFA after 20 s, signed in 1 s later.
        .. Attempts(1, new JourneyScript(100)
            .LoginGov(S(0), "login-email-and-password-auth", true)
            .LoginGov(S(20), "mfa-login-auth-submitted", true)
            .LoginGov(S(21), "login-completed")),
        // 2: Login.gov, one wrong password, then a code: MFA 31 s after the password, signed in 1 s later.
        .. Attempts(2, new JourneyScript(200)
            .LoginGov(S(0), "login-email-and-password-auth", false, reason: CanonicalReasons.InvalidCredentials)
            .LoginGov(S(30), "login-email-and-password-auth", true)
            .LoginGov(S(31), "mfa-login-phone-otp-sent", true)
            .LoginGov(S(61), "mfa-login-auth-submitted", true)
            .LoginGov(S(62), "login-completed")),
        // 3: 1Password, wrong password: stopped at the start.
        .. Attempts(3, new JourneyScript(300).Add(S(5), EventSource.OnePassword, "credentials_failed", reason: CanonicalReasons.InvalidCredentials)),
        // 4: 1Password, MFA timed out: stopped after the (implied) password.
        .. Attempts(4, new JourneyScript(400).Add(S(7), EventSource.OnePassword, "mfa_failed", reason: CanonicalReasons.MfaTimeout)),
        // 5: FusionAuth without MFA: signed in, every earlier step implied.
        .. Attempts(5, new JourneyScript(500).Add(S(9), EventSource.FusionAuth, "user.login.success")),
        // 6: Entrust, a wrong password 15 minutes ago: still in progress.
        .. Attempts(6, new JourneyScript(600).Add(M(45), EventSource.Entrust, "authentication.failed", context: "PASSWORD", reason: CanonicalReasons.InvalidCredentials)),
    ];

    private static IEnumerable<PersonAttempt> Attempts(long person, JourneyScript script, FunnelDefinition? funnel = null) =>
        FunnelAttemptBuilder.Build(funnel ?? SignIn, script.Ordered()).Select(a => new PersonAttempt(person, a));

    [Fact]
    public void Summarize_SignInAcrossProviders_ExactCountsPerStep()
    {
        var report = FunnelAggregator.Summarize(SignIn, SignInPeople(), new FunnelReportOptions(Now));

        Assert.Equal((6, 3, 1), (report.Entered, report.Completed, report.InProgress));
        Assert.Equal(
            [(6, 4, 0, 1, 1, 0), (4, 3, 0, 0, 1, 2), (3, 3, 0, 0, 0, 1), (3, 0, 0, 0, 0, 0)],
            report.Steps.Select(s => (s.Entered, s.Converted, s.Branched, s.InProgress, s.Dropped, s.Implied)));
        Assert.Equal(4 / 6.0, report.Steps[0].ConversionRate);
        Assert.Equal(0.5, report.CompletionRate);
    }

    [Fact]
    public void Summarize_SignInAcrossProviders_MedianAndP90OverMeasuredConversionsOnly()
    {
        var report = FunnelAggregator.Summarize(SignIn, SignInPeople(), new FunnelReportOptions(Now));

        // Started -> password: only person 2 was measured (30 s); the others were one event or implied.
        Assert.Equal((S(30), S(30), 1), (report.Steps[0].MedianToNext, report.Steps[0].P90ToNext, report.Steps[0].Measured));
        // Password -> MFA: 20 s and 31 s; nearest rank gives the lower middle as median.
        Assert.Equal((S(20), S(31), 2), (report.Steps[1].MedianToNext, report.Steps[1].P90ToNext, report.Steps[1].Measured));
        Assert.Equal((S(1), S(1), 2), (report.Steps[2].MedianToNext, report.Steps[2].P90ToNext, report.Steps[2].Measured));
        Assert.Null(report.Steps[3].MedianToNext);
    }

    [Fact]
    public void DropOffs_SignInAcrossProviders_PeopleWhoStoppedWithTheirLastFailure()
    {
        var options = new FunnelReportOptions(Now);

        var atStart = FunnelAggregator.DropOffs(SignIn, SignInPeople(), 0, options);
        var atPassword = FunnelAggregator.DropOffs(SignIn, SignInPeople(), 1, options);

        Assert.Equal([3L], atStart.Select(p => p.PersonId));
        Assert.Equal(CanonicalReasons.InvalidCredentials, atStart[0].Attempt.LastFailure!.Canonical);
        Assert.Equal([4L], atPassword.Select(p => p.PersonId));
        Assert.Equal(("mfa_failed", CanonicalReasons.MfaTimeout, Ticks(S(7))),
            (atPassword[0].Attempt.LastFailure!.EventType, atPassword[0].Attempt.LastFailure!.Canonical, atPassword[0].Attempt.LastEventTicks));
        Assert.Empty(FunnelAggregator.DropOffs(SignIn, SignInPeople(), 2, options));
    }

    [Fact]
    public void Summarize_BreakdownBySource_PeopleAndCompletionsPerSource()
    {
        var report = FunnelAggregator.Summarize(SignIn, SignInPeople(), new FunnelReportOptions(Now, Breakdown: FunnelBreakdown.Source));

        Assert.Equal(
            [("LoginGov", 2, 2), ("OnePassword", 2, 0), ("Entrust", 1, 0), ("FusionAuth", 1, 1)],
            report.Segments.Select(s => (s.Value, s.Entered, s.Completed)));
        Assert.Equal([2, 1, 0, 0], report.Segments[1].Reached);
    }

    [Fact]
    public void Summarize_BreakdownByAuthenticator_ProvidersNamesForOneMethodInOneSegment()
    {
        List<PersonAttempt> people =
        [
            .. Attempts(1, new JourneyScript(100).Add(S(0), EventSource.LoginGov, "login-email-and-password-auth", Outcome.Success)
                .Add(S(20), EventSource.LoginGov, "mfa-login-auth-submitted", Outcome.Success, authenticator: "totp").Add(S(21), EventSource.LoginGov, "login-completed")),
            .. Attempts(2, new JourneyScript(200).Add(S(3), EventSource.FusionAuth, "user.login.success", authenticator: "authenticator")),
            .. Attempts(3, new JourneyScript(300).Add(S(5), EventSource.Entrust, "authentication.failed", context: "OTP", reason: CanonicalReasons.MfaInvalid, authenticator: "OTP")),
            .. Attempts(4, new JourneyScript(400).Add(S(7), EventSource.OnePassword, "credentials_failed", reason: CanonicalReasons.InvalidCredentials)),
        ];

        var report = FunnelAggregator.Summarize(SignIn, people, new FunnelReportOptions(Now, Breakdown: FunnelBreakdown.Authenticator));

        Assert.Equal(
            [("Authenticator app", 2, 2), ("One-time passcode (SMS, e-mail or voice)", 1, 0), (FunnelAggregator.NoAuthenticator, 1, 0)],
            report.Segments.Select(s => (s.Value, s.Entered, s.Completed)).OrderByDescending(s => s.Entered).ThenBy(s => s.Value, StringComparer.Ordinal));
    }

    [Fact]
    public void Summarize_ShorterWindow_LaterStepsNotCounted()
    {
        var report = FunnelAggregator.Summarize(SignIn, SignInPeople(), new FunnelReportOptions(Now, Window: S(25)));

        // Person 2 needed 62 s and now stops at the start; person 1 (21 s) and the single-event sign-ins still count;
        // person 6, 15 minutes in, can no longer convert within 25 s.
        Assert.Equal((2, 0), (report.Completed, report.InProgress));
        Assert.Equal([6, 3, 2, 2], report.Steps.Select(s => s.Entered));
        Assert.Equal([2L, 3L, 6L], FunnelAggregator.DropOffs(SignIn, SignInPeople(), 0, new FunnelReportOptions(Now, Window: S(25))).Select(p => p.PersonId).Order());
    }

    [Fact]
    public void Summarize_PersonWithSeveralAttempts_CountedOnceByTheFurthest()
    {
        var attempts = Attempts(7, new JourneyScript()
            .LoginGov(M(0), "login-email-and-password-auth", false)
            .LoginGov(M(40), "login-email-and-password-auth", true)
            .LoginGov(M(41), "mfa-login-auth-submitted", false)
            .LoginGov(M(80), "login-email-and-password-auth", false)).ToList();

        var report = FunnelAggregator.Summarize(SignIn, attempts, new FunnelReportOptions(Ticks(TimeSpan.FromDays(1))));

        Assert.Equal(3, attempts.Count);
        Assert.Equal(1, report.Entered);
        Assert.Equal([1, 1, 0, 0], report.Steps.Select(s => s.Entered));
        Assert.Equal(Ticks(M(40)), Assert.Single(FunnelAggregator.DropOffs(SignIn, attempts, 1, new FunnelReportOptions(Ticks(TimeSpan.FromDays(1))))).Attempt.StartTicks);
    }

    [Fact]
    public void FastConversions_ScriptedIdvBot_FlaggedAtTheHumanSteps()
    {
        var idv = Funnels.IdentityVerification;
        var bot = new JourneyScript(1)
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(4), "idv-document-upload-submitted", true)
            .LoginGov(S(5), "idv-ssn-submitted", true)
            .LoginGov(S(6.5), "idv-verification-submitted", true);
        var human = new JourneyScript(100)
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(4), "idv-document-upload-submitted", true)
            .LoginGov(S(50), "idv-ssn-submitted", true);
        var attempts = Attempts(1, bot, idv).Concat(Attempts(2, human, idv)).ToList();
        var options = new FunnelReportOptions(Ticks(TimeSpan.FromDays(60)));

        var report = FunnelAggregator.Summarize(idv, attempts, options);
        var fastSsn = FunnelAggregator.FastConversions(idv, attempts, 2, options);

        Assert.Equal([0, 0, 1, 0, 0, 0, 0, 0, 0], report.Steps.Select(s => s.Fast));
        Assert.Equal(1, report.FastPeople);
        Assert.Equal((1L, S(1)), (Assert.Single(fastSsn).PersonId, fastSsn[0].Duration));
        // The verification came 1.5 s after the SSN, but the phone steps between were implied: not measured, not flagged.
        Assert.Empty(FunnelAggregator.FastConversions(idv, attempts, 6, options));
        // A vendor check has no threshold.
        Assert.Empty(FunnelAggregator.FastConversions(idv, attempts, 1, options));
    }

    [Fact]
    public void Summarize_IdvBranches_CountedOnTheBranchAndInTheCompletions()
    {
        var idv = Funnels.IdentityVerification;
        var byMail = new JourneyScript(1)
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", true)
            .LoginGov(S(40), "idv-ssn-submitted", true)
            .LoginGov(S(200), "idv-verification-submitted", true)
            .LoginGov(S(203), "idv-tmx-fraud-check", true)
            .LoginGov(S(263), "idv-verify-by-mail-letter-requested")
            .LoginGov(TimeSpan.FromDays(2), "idv-verify-by-mail-enter-code-submitted", true)
            .LoginGov(TimeSpan.FromDays(2) + S(40), "idv-enrollment-complete");
        var inPerson = new JourneyScript(100)
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", false)
            .LoginGov(S(600), "idv-ipp-ready-to-verify-visit");
        var attempts = Attempts(1, byMail, idv).Concat(Attempts(2, inPerson, idv)).ToList();

        var report = FunnelAggregator.Summarize(idv, attempts, new FunnelReportOptions(Ticks(TimeSpan.FromDays(3))));

        Assert.Equal((2, 1, 1), (report.Entered, report.Completed, report.InProgress));
        Assert.Equal((2, 1, 1, 0), (report.Steps[0].Entered, report.Steps[0].Converted, report.Steps[0].Branched, report.Steps[0].Dropped));
        Assert.Equal((1, 0, 1), (report.Steps[7].Entered, report.Steps[7].Converted, report.Steps[7].Branched));
        Assert.Equal((1, 1), (report.Steps[8].Entered, report.Steps[8].CompletedViaBranches));
        var mail = report.Branches[0];
        Assert.Equal((1, 1, 0, 0), (mail.Took, mail.Completed, mail.InProgress, mail.Dropped));
        Assert.Equal([1, 1], mail.Reached);
        Assert.Equal([S(60), TimeSpan.FromDays(2) - S(263)], mail.MedianToStep);
        Assert.Equal(S(40), mail.MedianToComplete);
        Assert.Equal((1, 0, 1), (report.Branches[1].Took, report.Branches[1].Completed, report.Branches[1].InProgress));
    }
}
