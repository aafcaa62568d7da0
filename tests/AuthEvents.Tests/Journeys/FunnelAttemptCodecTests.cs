using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;
using static AuthEvents.Tests.Journeys.JourneyScript;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class FunnelAttemptCodecTests
{
    private static IEnumerable<FunnelAttempt> Attempts()
    {
        var idv = Funnels.IdentityVerification;
        yield return FunnelAttemptBuilder.Build(idv, new JourneyScript()
            .LoginGov(S(0), "idv-document-uploaded", true)
            .LoginGov(S(5), "idv-document-upload-submitted", true)
            .LoginGov(S(40), "idv-ssn-submitted", true)
            .LoginGov(S(200), "idv-verification-submitted", true)
            .LoginGov(S(203), "idv-tmx-fraud-check", true)
            .LoginGov(S(260), "idv-verify-by-mail-letter-requested")
            .LoginGov(TimeSpan.FromDays(3), "idv-verify-by-mail-enter-code-submitted", false)
            .LoginGov(TimeSpan.FromDays(3) + S(30), "idv-verify-by-mail-enter-code-submitted", true)
            .LoginGov(TimeSpan.FromDays(3) + S(60), "idv-enrollment-complete").Ordered())[0];
        yield return FunnelAttemptBuilder.Build(Funnels.SignIn, new JourneyScript()
            .LoginGov(S(0), "login-email-and-password-auth", true)
            .LoginGov(S(20), "mfa-login-auth-submitted", true)
            .LoginGov(S(21), "login-completed").Ordered())[0];
        yield return FunnelAttemptBuilder.Build(Funnels.SignIn, new JourneyScript()
            .Add(S(0), Core.Events.EventSource.OnePassword, "mfa_failed").Ordered())[0];
    }

    [Fact]
    public void Decode_EncodedAttempt_SameProgressAndTimes()
    {
        foreach (var attempt in Attempts())
        {
            var decoded = FunnelAttemptCodec.Decode(FunnelAttemptCodec.Encode(attempt));

            Assert.Equal(attempt.StepTicks, decoded.StepTicks);
            Assert.Equal(attempt.BranchTicks, decoded.BranchTicks);
            Assert.Equal(
                (attempt.StartTicks, attempt.Branch, attempt.ImpliedMask, attempt.UnmeasuredMask, attempt.CompletedTicks, attempt.DeadlineTicks, attempt.LastEventTicks, attempt.Source),
                (decoded.StartTicks, decoded.Branch, decoded.ImpliedMask, decoded.UnmeasuredMask, decoded.CompletedTicks, decoded.DeadlineTicks, decoded.LastEventTicks, decoded.Source));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10.0)]
    [InlineData(30.0)]
    [InlineData(250.0)]
    [InlineData(300_000.0)]
    public void Rank_EncodedAttempt_SameAsTheDecodedProgress(double? windowSeconds)
    {
        long? window = windowSeconds is { } w ? TimeSpan.FromSeconds(w).Ticks : null;
        foreach (var attempt in Attempts())
        {
            Assert.Equal(FunnelProgress.Of(attempt, 0, window).Rank, FunnelAttemptCodec.Rank(FunnelAttemptCodec.Encode(attempt), window));
        }
    }

    [Fact]
    public void Decode_NotAnAttempt_FormatException()
    {
        Assert.Throws<FormatException>(() => FunnelAttemptCodec.Decode(new byte[12]));
    }
}
