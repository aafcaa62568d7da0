using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Journeys.JourneyScript;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FunnelAttemptBuilderTests
{
    private static readonly FunnelDefinition Idv = Funnels.IdentityVerification;
    private static readonly FunnelDefinition SignIn = Funnels.SignIn;

    private static JourneyScript IdvByPhone() => new JourneyScript()
        .LoginGov(S(0), "idv-document-uploaded", true)
        .LoginGov(S(5), "idv-document-upload-submitted", true)
        .LoginGov(S(40), "idv-ssn-submitted", true)
        .LoginGov(S(80), "idv-phone-submitted", true)
        .LoginGov(S(81), "idv-phone-otp-sent", true)
        .LoginGov(S(120), "idv-phone-otp-submitted", true)
        .LoginGov(S(121), "idv-phone-verified", true)
        .LoginGov(S(200), "idv-verification-submitted", true)
        .LoginGov(S(203), "idv-tmx-fraud-check", true)
        .LoginGov(S(240), "idv-enrollment-complete");

    [Fact]
    public void Build_IdvByPhone_OneCompletedAttemptWithEveryStepTimed()
    {
        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, IdvByPhone().Ordered()));

        Assert.Equal([Ticks(S(0)), Ticks(S(5)), Ticks(S(40)), Ticks(S(80)), Ticks(S(80)), Ticks(S(120)), Ticks(S(200)), Ticks(S(203)), Ticks(S(240))], attempt.StepTicks);
        Assert.True(attempt.Completed);
        Assert.Equal(Ticks(S(240)), attempt.CompletedTicks);
        Assert.Equal(Ticks(S(240)), attempt.DeadlineTicks);
        Assert.Equal(-1, attempt.Branch);
        Assert.Equal(1 << 3, attempt.ImpliedMask);
        Assert.Equal((1 << 3) | (1 << 4), attempt.UnmeasuredMask);
        Assert.Equal(0, attempt.Failures);
        Assert.Equal(EventSource.LoginGov, attempt.Source);
    }

    [Fact]
    public void Build_EventsArrivedReversed_SameAttemptOnceOrdered()
    {
        var script = IdvByPhone();
        var reversed = script.Events.Reverse().Order(JourneyEvent.Order).ToList();

        var expected = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));
        var actual = Assert.Single(FunnelAttemptBuilder.Build(Idv, reversed));

        Assert.Equal(expected.StepTicks, actual.StepTicks);
        Assert.Equal(expected.CompletedTicks, actual.CompletedTicks);
        Assert.Equal(expected.UnmeasuredMask, actual.UnmeasuredMask);
    }

    [Fact]
    public void Build_SameInstantDeliveredCompletionFirst_OrderedByCatalogStep()
    {
        // login-completed was delivered (and stored) before the password event of the same instant.
        var script = new JourneyScript()
            .LoginGov(S(10), "login-completed")
            .LoginGov(S(10), "login-email-and-password-auth", true)
            .LoginGov(S(10), "mfa-login-auth-submitted", true);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(SignIn, script.Ordered()));

        Assert.True(attempt.Completed);
        Assert.Equal(0, attempt.ImpliedMask);
    }

    [Fact]
    public void Build_RepeatedSuccessesOfAStep_FirstSuccessCounts()
    {
        var script = new JourneyScript()
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", true)
            .LoginGov(S(30), "idv-ssn-submitted", false, reason: CanonicalReasons.InvalidInput)
            .LoginGov(S(40), "idv-ssn-submitted", true)
            .LoginGov(S(50), "idv-ssn-submitted", true)
            .LoginGov(S(55), "idv-document-upload-submitted", true);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal(Ticks(S(5)), attempt.StepTicks[1]);
        Assert.Equal(Ticks(S(40)), attempt.StepTicks[2]);
        Assert.Equal(3, attempt.MainReached);
        Assert.Equal(1, attempt.Failures);
        Assert.Equal(CanonicalReasons.InvalidInput, attempt.LastFailure!.Canonical);
        Assert.Equal("idv-ssn-submitted", attempt.LastFailure.EventType);
    }

    [Fact]
    public void Build_DocumentVerifiedAfterItsWindow_NotReachedUntilARetryWithinIt()
    {
        var script = new JourneyScript()
            .LoginGov(M(0), "idv-document-uploaded", true)
            .LoginGov(M(31), "idv-document-upload-submitted", true)
            .LoginGov(M(50), "idv-document-uploaded", true)
            .LoginGov(M(52), "idv-document-upload-submitted", true);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal(Ticks(M(0)), attempt.StepTicks[0]);
        Assert.Equal(Ticks(M(52)), attempt.StepTicks[1]);
    }

    [Fact]
    public void Build_DocumentNeverVerifiedInTime_AttemptStopsAtUploadAndLaterStepsDoNotCount()
    {
        var script = new JourneyScript()
            .LoginGov(M(0), "idv-document-uploaded", true)
            .LoginGov(M(45), "idv-document-upload-submitted", true)
            .LoginGov(M(46), "idv-ssn-submitted", true);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal(1, attempt.MainReached);
        // Still open for the in-person branch, which may follow within an hour of the upload.
        Assert.Equal(Ticks(TimeSpan.FromHours(1)), attempt.DeadlineTicks);
    }

    [Fact]
    public void Build_NoProgressForAnHourOnline_AttemptStoppedAndTheReturnIsANewAttempt()
    {
        var script = new JourneyScript()
            .LoginGov(M(0), "idv-document-uploaded", true)
            .LoginGov(M(1), "idv-document-upload-submitted", true)
            .LoginGov(M(3), "idv-ssn-submitted", true)
            .LoginGov(M(70), "idv-verification-submitted", true)
            .LoginGov(TimeSpan.FromDays(2), "idv-document-uploaded", true);

        var attempts = FunnelAttemptBuilder.Build(Idv, script.Ordered());

        Assert.Equal(2, attempts.Count);
        Assert.Equal((3, Ticks(M(63))), (attempts[0].MainReached, attempts[0].DeadlineTicks));
        Assert.Equal(Ticks(TimeSpan.FromDays(2)), attempts[1].StartTicks);
    }

    [Fact]
    public void Build_SignInPastTheConversionWindow_SecondAttempt()
    {
        var script = new JourneyScript()
            .LoginGov(M(0), "login-email-and-password-auth", false, reason: CanonicalReasons.InvalidCredentials)
            .LoginGov(M(31), "login-email-and-password-auth", true)
            .LoginGov(M(32), "mfa-login-auth-submitted", true)
            .LoginGov(M(32.5), "login-completed");

        var attempts = FunnelAttemptBuilder.Build(SignIn, script.Ordered());

        Assert.Equal(2, attempts.Count);
        Assert.Equal(1, attempts[0].MainReached);
        Assert.Equal(Ticks(M(30)), attempts[0].DeadlineTicks);
        Assert.Equal(CanonicalReasons.InvalidCredentials, attempts[0].LastFailure!.Canonical);
        Assert.Equal(Ticks(M(31)), attempts[1].StartTicks);
        Assert.True(attempts[1].Completed);
        Assert.Equal(0, attempts[1].Failures);
    }

    [Fact]
    public void Build_SignInAgainAfterCompleting_NewAttempt()
    {
        var script = new JourneyScript()
            .Add(M(0), EventSource.FusionAuth, "user.login.success")
            .Add(M(5), EventSource.FusionAuth, "user.login.new-device")
            .Add(M(6), EventSource.FusionAuth, "user.login.success");

        var attempts = FunnelAttemptBuilder.Build(SignIn, script.Ordered());

        Assert.Equal([Ticks(M(0)), Ticks(M(6))], attempts.Select(a => a.StartTicks));
        Assert.All(attempts, a => Assert.True(a.Completed));
    }

    [Fact]
    public void Build_SecondCompletionAtTheSameInstant_PartOfTheCompletedAttempt()
    {
        // Entrust's eventTime has whole seconds: a success and another sign-in event can share an instant.
        var script = new JourneyScript()
            .Add(S(3), EventSource.Entrust, "authentication.succeeded")
            .Add(S(3), EventSource.Entrust, "authentication.succeeded")
            .Add(S(4), EventSource.Entrust, "authentication.succeeded");

        var attempts = FunnelAttemptBuilder.Build(SignIn, script.Ordered());

        Assert.Equal([Ticks(S(3)), Ticks(S(4))], attempts.Select(a => a.StartTicks));
    }

    [Fact]
    public void Build_OnePasswordSuccess_EarlierStepsImpliedAndUnmeasured()
    {
        var script = new JourneyScript().Add(S(0), EventSource.OnePassword, "success", country: "US", authenticator: "totp");

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(SignIn, script.Ordered()));

        Assert.True(attempt.Completed);
        Assert.Equal(0b0110, attempt.ImpliedMask);
        Assert.Equal(0b1110, attempt.UnmeasuredMask);
        Assert.Equal("US", attempt.Country);
        Assert.Equal("totp", attempt.Authenticator);
    }

    [Fact]
    public void Build_OnePasswordMfaFailed_PasswordImpliedMfaNotReached()
    {
        var script = new JourneyScript().Add(S(0), EventSource.OnePassword, "mfa_failed", reason: CanonicalReasons.MfaTimeout);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(SignIn, script.Ordered()));

        Assert.Equal(2, attempt.MainReached);
        Assert.True(attempt.IsImplied(1));
        Assert.False(attempt.Completed);
        Assert.Equal(CanonicalReasons.MfaTimeout, attempt.LastFailure!.Canonical);
    }

    [Fact]
    public void Build_EntrustOtpFailureThenSuccess_MfaFailureRecordedAndCompleted()
    {
        var script = new JourneyScript()
            .Add(S(0), EventSource.Entrust, "authentication.failed", context: "OTP", reason: CanonicalReasons.MfaInvalid)
            .Add(S(20), EventSource.Entrust, "authentication.succeeded", authenticator: "OTP");

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(SignIn, script.Ordered()));

        Assert.True(attempt.Completed);
        Assert.Equal(Ticks(S(0)), attempt.StepTicks[1]);
        Assert.Equal(Ticks(S(20)), attempt.StepTicks[2]);
        Assert.Equal(1, attempt.Failures);
    }

    [Fact]
    public void Build_VerifyByMail_BranchTakenAndCompletedDaysLater()
    {
        var script = new JourneyScript()
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", true)
            .LoginGov(S(40), "idv-ssn-submitted", true)
            .LoginGov(S(200), "idv-verification-submitted", true)
            .LoginGov(S(203), "idv-tmx-fraud-check", true)
            .LoginGov(S(260), "idv-verify-by-mail-letter-requested")
            .LoginGov(TimeSpan.FromDays(3), "idv-verify-by-mail-enter-code-submitted", false, reason: CanonicalReasons.TokenInvalid)
            .LoginGov(TimeSpan.FromDays(3) + S(30), "idv-verify-by-mail-enter-code-submitted", true)
            .LoginGov(TimeSpan.FromDays(3) + S(60), "idv-enrollment-complete");

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal(0, attempt.Branch);
        Assert.Equal(8, attempt.MainReached);
        Assert.Equal([Ticks(S(260)), Ticks(TimeSpan.FromDays(3) + S(30))], attempt.BranchTicks);
        Assert.Equal(Ticks(TimeSpan.FromDays(3) + S(60)), attempt.CompletedTicks);
        Assert.Equal(0, attempt.StepTicks[8]);
        Assert.Equal(1, attempt.Failures);
    }

    [Fact]
    public void Build_InPersonAfterFailedDocuments_BranchFromTheUploadStillOpen()
    {
        var script = new JourneyScript()
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", false, reason: CanonicalReasons.DocumentRejected)
            .LoginGov(S(60), "idv-ssn-submitted", true)
            .LoginGov(S(300), "idv-ipp-ready-to-verify-visit");

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal(1, attempt.Branch);
        Assert.Equal(1, attempt.MainReached);
        Assert.Equal([Ticks(S(300))], attempt.BranchTicks);
        Assert.False(attempt.Completed);
        Assert.Equal(Ticks(TimeSpan.FromDays(30)), attempt.DeadlineTicks);
    }

    [Fact]
    public void Build_LaterStepWithoutEntry_NoAttempt()
    {
        var script = new JourneyScript()
            .LoginGov(S(0), "idv-ssn-submitted", true)
            .LoginGov(S(30), "idv-verification-submitted", true);

        Assert.Empty(FunnelAttemptBuilder.Build(Idv, script.Ordered()));
    }

    [Fact]
    public void Build_RateLimited_FirstLimiterKeptAsBreakdownValue()
    {
        var script = new JourneyScript()
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-rate-limited", context: "idv_doc_auth", reason: CanonicalReasons.RateLimited)
            .LoginGov(S(9), "idv-rate-limited", context: "idv_send_link", reason: CanonicalReasons.RateLimited);

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Idv, script.Ordered()));

        Assert.Equal("idv_doc_auth", attempt.RateLimitType);
        Assert.Equal(2, attempt.Failures);
        Assert.Equal(1, attempt.MainReached);
    }

    [Fact]
    public void Build_EntrustAccountCreatedByAnAdministrator_NoRegistrationAttempt()
    {
        var script = new JourneyScript()
            .Add(S(0), EventSource.Entrust, "user.created")
            .Add(M(10), EventSource.Entrust, "passkey.created");

        Assert.Empty(FunnelAttemptBuilder.Build(Funnels.Registration, script.Ordered()));
    }

    [Fact]
    public void Build_EntrustUserCreatedStoredAsRegistration_NoRegistrationAttempt()
    {
        // Classified registration.account before the catalog knew it as an administrator's action; the index is rebuilt
        // from the stored milestone, so the funnel itself must leave it out.
        var stored = new JourneyEvent(1, Ticks(S(0)), 41, EventSource.Entrust, Milestones.RegistrationAccount, "user.created", Outcome.Info);

        Assert.Empty(FunnelAttemptBuilder.Build(Funnels.Registration, [stored]));
    }

    [Fact]
    public void Build_EntrustSelfRegistration_RegistrationStarted()
    {
        var script = new JourneyScript().Add(S(0), EventSource.Entrust, "user.registration.completed");

        var attempt = Assert.Single(FunnelAttemptBuilder.Build(Funnels.Registration, script.Ordered()));

        Assert.Equal(1, attempt.MainReached);
        Assert.Equal(EventSource.Entrust, attempt.Source);
    }
}
