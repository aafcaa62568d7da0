using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FunnelCatalogTests
{
    // Milestones that are not steps of any funnel: the end of a session, changes while signed in, account deletion, the
    // device risk check (a side check of proofing), an administrator's actions, and what the catalog does not know.
    private static readonly string[] OutsideFunnels =
    [
        Milestones.LoginSessionEnd, Milestones.AccountChange, Milestones.RecoveryAccountReset, Milestones.IdvDeviceRisk,
        Milestones.AccountAdmin, Milestones.Other,
    ];

    // Notifications that accompany an enrolment without being one.
    private static readonly (EventSource, string)[] Notifications =
        [(EventSource.Entrust, "grid.email.sent"), (EventSource.Entrust, "grid.password.email.sent")];

    [Fact]
    public void Entries_EveryJourneyEventType_ConcernsAFunnelStep()
    {
        var missing = MilestoneCatalog.Entries
            .Where(e => !e.IsPattern && !OutsideFunnels.Contains(e.Milestone) && !Notifications.Contains((e.Source, e.EventType)))
            .Where(e => !Funnels.All.Any(f => f.Concerns(e.Milestone, e.EventType)))
            .Select(e => $"{e.Source} {e.EventType} ({e.Milestone})")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Entries_OutsideTheFunnels_ConcernNoFunnel()
    {
        var stray = MilestoneCatalog.Entries
            .Where(e => OutsideFunnels.Contains(e.Milestone) || Notifications.Contains((e.Source, e.EventType)))
            .Where(e => Funnels.All.Any(f => f.Concerns(e.Milestone, e.EventType)))
            .Select(e => e.EventType)
            .ToList();

        Assert.Empty(stray);
    }

    // docs/protocols/login-gov.md, "Retired event types": replayed history may still carry them.
    [Theory]
    [InlineData("mfa-login-totp-submitted", Milestones.MfaVerify)]
    [InlineData("mfa-login-webauthn-roaming-submitted", Milestones.MfaVerify)]
    [InlineData("mfa-enroll-totp", Milestones.MfaEnroll)]
    [InlineData("mfa-enroll-options-selected", Milestones.MfaEnroll)]
    [InlineData("idv-phone-upload-link-sent", Milestones.IdvDocumentUpload)]
    [InlineData("idv-personal-key-generated", Milestones.IdvComplete)]
    [InlineData("forgot-password-email-rate-limited", Milestones.RecoveryRequest)]
    [InlineData("account-reset-request-submitted", Milestones.RecoveryAccountReset)]
    [InlineData("personal-key-reactivation-submitted", Milestones.RecoveryPassword)]
    [InlineData("logged-in-profile-change-reauthentication-submitted", Milestones.AccountChange)]
    public void Resolve_RetiredLoginGovType_ItsMilestone(string type, string milestone)
    {
        Assert.Equal(milestone, MilestoneCatalog.Resolve(EventSource.LoginGov, type).Milestone);
    }

    [Fact]
    public void Funnels_EveryStep_UniqueIdsAndKnownMilestones()
    {
        foreach (var funnel in Funnels.All)
        {
            var steps = funnel.AllSteps().ToList();
            Assert.Equal(steps.Count, steps.Select(s => s.Id).Distinct().Count());
            Assert.All(steps.SelectMany(s => s.Signals), s => Assert.Contains(s.Milestone, Milestones.All));
            Assert.All(funnel.Branches, b => Assert.InRange(b.FromStep, 0, funnel.LastStep - 1));
            Assert.False(funnel.Steps[0].ImpliedByLaterSteps);
            Assert.False(funnel.Steps[^1].ImpliedByLaterSteps);
        }
    }

    [Fact]
    public void SignInMfaStep_CodeSentWithSuccess_AnAttemptNotAPass()
    {
        var mfa = Funnels.SignIn.Steps[2];

        Assert.Equal(StepMatch.Attempted, mfa.Match(Milestones.MfaVerify, "mfa-login-phone-otp-sent", Outcome.Success));
        Assert.Equal(StepMatch.Reached, mfa.Match(Milestones.MfaVerify, "mfa-login-auth-submitted", Outcome.Success));
        Assert.Equal(StepMatch.Attempted, mfa.Match(Milestones.MfaVerify, "user.two-factor.failed.attempt", Outcome.Failure));
    }

    [Fact]
    public void MaskOf_SignInAndRegistrationEvents_BitsOfTheirFunnels()
    {
        var signIn = 1 << 1;
        var enrollment = 1 << 2;
        var registration = 1 << 3;

        Assert.Equal(signIn, Funnels.MaskOf(Milestones.LoginPassword, "login-email-and-password-auth"));
        Assert.Equal(enrollment | registration, Funnels.MaskOf(Milestones.MfaEnroll, "mfa-enrolled"));
        Assert.Equal(0, Funnels.MaskOf(Milestones.LoginSessionEnd, "logout-initiated"));
    }

    [Fact]
    public void MaskOf_EntrustUserCreated_NoFunnelUnderItsOldMilestoneEither()
    {
        var registration = 1 << 3;
        var milestone = MilestoneCatalog.Resolve(EventSource.Entrust, "user.created").Milestone;

        Assert.Equal(0, Funnels.MaskOf(milestone, "user.created"));
        Assert.Equal(0, Funnels.MaskOf(Milestones.RegistrationAccount, "user.created"));
        Assert.Equal(registration, Funnels.MaskOf(Milestones.RegistrationAccount, "user.registration.completed"));
    }
}
