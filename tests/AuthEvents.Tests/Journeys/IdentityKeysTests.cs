using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class IdentityKeysTests
{
    [Fact]
    public void Of_EventWithEmail_EmailSubjectAndSessionKeys()
    {
        var keys = IdentityKeys.Of(EventSource.LoginGov, "login-email-and-password-auth", "email:a11ce", "U1", "S1");

        Assert.Equal(new EventIdentityKeys("email:a11ce", "logingov:U1", "session:LoginGov:S1"), keys);
    }

    [Fact]
    public void Of_EventWithoutEmail_PersonKeyIsTheSubject()
    {
        var keys = IdentityKeys.Of(EventSource.LoginGov, "mfa-login-auth-submitted", "logingov:U1", "U1", null);

        Assert.Equal(new EventIdentityKeys(null, "logingov:U1", null), keys);
    }

    [Theory]
    [InlineData("user.created")]
    [InlineData("administration.policy.updated")]
    public void Of_EntrustEventNotAboutAuthentication_NoSubjectKeyForTheActingAdministrator(string eventType)
    {
        var keys = IdentityKeys.Of(EventSource.Entrust, eventType, "email:b0b", "admin-7", null);

        Assert.Equal(new EventIdentityKeys("email:b0b", null, null), keys);
    }

    [Fact]
    public void Of_EntrustAuthenticationEvent_SubjectKey()
    {
        var keys = IdentityKeys.Of(EventSource.Entrust, "authentication.succeeded", "email:b0b", "user-9", null);

        Assert.Equal("entrust:user-9", keys.Subject);
    }

    [Fact]
    public void Of_NoValues_Empty()
    {
        var keys = IdentityKeys.Of(EventSource.OnePassword, "success", "", null, "");

        Assert.True(keys.IsEmpty);
    }
}
