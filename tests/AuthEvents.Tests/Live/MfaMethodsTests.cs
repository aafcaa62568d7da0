using AuthEvents.Core.Events;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Live;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class MfaMethodsTests
{
    [Theory]
    [InlineData("totp", "app")]
    [InlineData("authenticator", "app")]
    [InlineData("webauthn_platform", "passkey")]
    [InlineData("u2f", "passkey")]
    [InlineData("FIDO", "passkey")]
    [InlineData("PASSKEY", "passkey")]
    [InlineData("otp", "phone")]
    [InlineData("voice", "phone")]
    [InlineData("OTP", "passcode")]
    [InlineData("recoveryCode", "backup")]
    [InlineData("personal_key", "backup")]
    public void Of_AProviderName_TheMethodItBelongsTo(string raw, string method) => Assert.Equal(method, MfaMethods.Of(raw).Id);

    [Fact]
    public void Of_UnlistedOrDifferentlyCased_StandsForItself()
    {
        var pigeon = MfaMethods.Of("carrier-pigeon");

        Assert.Equal(("carrier-pigeon", "carrier-pigeon"), (pigeon.Id, pigeon.Label));
        Assert.Equal(["carrier-pigeon"], pigeon.Raw);
        Assert.Equal("TOTP", MfaMethods.Of("TOTP").Id);
    }

    [Fact]
    public void Known_EveryProviderNameInOneMethodOnly()
    {
        var names = MfaMethods.Known.SelectMany(m => m.Raw).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(MfaMethods.Known.Count, MfaMethods.Known.Select(m => m.Label).Distinct(StringComparer.Ordinal).Count());
    }
}
