using AuthEvents.Tests.Support;
using System.Security.Claims;
using AuthEvents.Web.Access;
using Microsoft.Extensions.Options;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class RoleClaimsTransformationTests
{
    [Fact]
    public async Task Transform_DefaultMapping_TheRolesOwnNamesGrantThem()
    {
        var user = await TransformAsync(new AccessOptions(), ("roles", "Analyst"), ("roles", "something-else"));

        Assert.Equal([AccessRole.Analyst], AccessPolicies.RolesOf(user));
        Assert.True(user.Allows(AccessRole.Manager));
        Assert.True(user.Allows(AccessRole.Analyst));
        Assert.False(user.Allows(AccessRole.Investigator));
    }

    [Fact]
    public async Task Transform_GroupsMapped_OnlyTheListedValuesGrantRoles()
    {
        var options = new AccessOptions { Oidc = { RoleClaim = "groups" }, Roles = { Admin = ["grp-dashboard-admins"], Analyst = ["grp-fraud", "GRP-SOC"] } };

        var analyst = await TransformAsync(options, ("groups", "grp-soc"), ("roles", "Admin"));
        var admin = await TransformAsync(options, ("groups", "grp-dashboard-admins"));
        // A provider value named like a role grants nothing once the role is mapped to something else.
        var notAdmin = await TransformAsync(options, ("groups", "Admin"));

        Assert.Equal([AccessRole.Analyst], AccessPolicies.RolesOf(analyst));
        Assert.Equal([AccessRole.Admin], AccessPolicies.RolesOf(admin));
        Assert.Empty(AccessPolicies.RolesOf(notAdmin));
        Assert.False(notAdmin.Allows(AccessRole.Manager));
    }

    [Fact]
    public async Task Transform_SeveralRoles_TheUnion()
    {
        var user = await TransformAsync(new AccessOptions(), ("roles", "Manager"), ("roles", "Investigator"));

        Assert.Equal([AccessRole.Manager, AccessRole.Investigator], AccessPolicies.RolesOf(user));
        Assert.True(user.Allows(AccessRole.Investigator));
        Assert.False(user.Allows(AccessRole.Admin));
    }

    [Fact]
    public async Task Transform_CalledAgain_AddsTheRolesOnce()
    {
        var transformation = new RoleClaimsTransformation(Options.Create(new AccessOptions()));
        var once = await transformation.TransformAsync(Principal(("roles", "Admin")));

        var twice = await transformation.TransformAsync(once);

        Assert.Single(twice.FindAll(AccessPolicies.RoleClaimType));
    }

    [Fact]
    public async Task Transform_NotSignedIn_NoRoles()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "Admin")]));

        var user = await new RoleClaimsTransformation(Options.Create(new AccessOptions())).TransformAsync(anonymous);

        Assert.Empty(AccessPolicies.RolesOf(user));
        Assert.False(user.Allows(AccessRole.Manager));
    }

    private static Task<ClaimsPrincipal> TransformAsync(AccessOptions options, params (string Type, string Value)[] claims) =>
        new RoleClaimsTransformation(Options.Create(options)).TransformAsync(Principal(claims));

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim("sub", "u1")), "oidc", "name", "roles"));
}
