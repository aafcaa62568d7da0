using AuthEvents.Tests.Support;
using AuthEvents.Web.Access;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class AccessOptionsTests
{
    [Fact]
    public void Problems_NoAuthority_LocalModeWithNothingToFix()
    {
        var options = new AccessOptions();

        Assert.True(options.IsLocalMode);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Problems_AuthorityAndClient_None() =>
        Assert.Empty(Options("https://login.example.org/realms/ops").Problems());

    [Theory]
    [InlineData("not a url", "absolute https URL")]
    [InlineData("ftp://login.example.org", "absolute https URL")]
    [InlineData("http://login.example.org", "only for a provider on loopback")]
    public void Problems_BadAuthority_Named(string authority, string expected) =>
        Assert.Contains(Options(authority).Problems(), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Problems_HttpsMetadataOffForARemoteProvider_Refused()
    {
        var options = Options("https://login.example.org");
        options.Oidc.RequireHttpsMetadata = false;

        Assert.Contains(options.Problems(), p => p.Contains("RequireHttpsMetadata", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_HttpProviderOnLoopback_Allowed()
    {
        var options = Options("http://127.0.0.1:8080");
        options.Oidc.RequireHttpsMetadata = false;

        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Problems_MissingClientUnknownSecretMethodNoOpenIdScope_EachNamed()
    {
        var options = Options("https://login.example.org");
        options.Oidc.ClientId = " ";
        options.Oidc.ClientAuthentication = "private_key_jwt";
        options.Oidc.Scopes = "profile email";

        var problems = options.Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith("Auth:Oidc:ClientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Oidc:ClientAuthentication", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Oidc:Scopes", StringComparison.Ordinal));
    }

    [Fact]
    public void RolesValuesFor_UnsetOrEmpty_TheRolesOwnName()
    {
        var roles = new AccessOptions.RoleMap { Analyst = [], Admin = ["grp-admins"] };

        Assert.Equal(["Manager"], roles.ValuesFor(AccessRole.Manager));
        Assert.Equal(["Analyst"], roles.ValuesFor(AccessRole.Analyst));
        Assert.Equal(["grp-admins"], roles.ValuesFor(AccessRole.Admin));
    }

    private static AccessOptions Options(string authority) => new() { Oidc = { Authority = authority, ClientId = "dashboard" } };
}
