using System.Security.Claims;
using AuthEvents.Tests.Support;
using AuthEvents.Tests.Web.Components;
using AuthEvents.Web.Access;
using Microsoft.AspNetCore.Components;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class PageAccessTests
{
    [Theory]
    [InlineData("", AccessRole.Manager)]
    [InlineData("/", AccessRole.Manager)]
    [InlineData("?range=1h&source=Entrust", AccessRole.Manager)]
    [InlineData("failures?group=reason", AccessRole.Manager)]
    [InlineData("journeys?funnel=sign-in&range=24h", AccessRole.Manager)]
    [InlineData("journeys/catalog?source=Entrust", AccessRole.Manager)]
    [InlineData("journeys?funnel=sign-in&dropoff=started", AccessRole.Analyst)]
    [InlineData("journeys?fast=password", AccessRole.Analyst)]
    [InlineData("journeys?DropOff=started", AccessRole.Analyst)]
    [InlineData("live?from=2026-11-21T12%3A00%3A00Z&outcome=failure", AccessRole.Analyst)]
    [InlineData("Live", AccessRole.Analyst)]
    [InlineData("api/events?format=csv", AccessRole.Analyst)]
    [InlineData("alerts?status=all&alert=4", AccessRole.Analyst)]
    [InlineData("api/alerts?format=ndjson", AccessRole.Analyst)]
    [InlineData("people", AccessRole.Investigator)]
    [InlineData("people/email%3Aa11ce?range=7d", AccessRole.Investigator)]
    [InlineData("sessions/S1", AccessRole.Investigator)]
    [InlineData("sources?quarantine=Entrust#quarantine", AccessRole.Admin)]
    [InlineData("/api/audit?format=csv", AccessRole.Admin)]
    [InlineData("audit", AccessRole.Admin)]
    [InlineData("somewhere/new", AccessRole.Admin)]
    public void RoleFor_DashboardAddress_TheRoleItsPageNeeds(string href, AccessRole expected) =>
        Assert.Equal(expected, PageAccess.RoleFor(href));

    [Fact]
    public void RoleFor_EveryPageRoute_TheRoleOfItsAuthorizeAttribute()
    {
        var pages = typeof(AccessPolicies).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(p => AccessPolicies.RequiredRole(p.Type) is not null)
            .ToList();

        Assert.True(pages.Count >= 11, $"Only {pages.Count} pages found.");
        Assert.All(pages, p => Assert.Equal((p.Type.Name, AccessPolicies.RequiredRole(p.Type)), (p.Type.Name, (AccessRole?)PageAccess.RoleFor(Example(p.Template)))));
    }

    [Theory]
    [InlineData(new AccessRole[0], "", false)]
    [InlineData(new[] { AccessRole.Manager }, "journeys?dropoff=started", false)]
    [InlineData(new[] { AccessRole.Analyst }, "journeys?dropoff=started", true)]
    [InlineData(new[] { AccessRole.Analyst }, "people/p-1", false)]
    [InlineData(new[] { AccessRole.Manager, AccessRole.Investigator }, "people/p-1", true)]
    [InlineData(new[] { AccessRole.Investigator }, "sources", false)]
    public void MayOpen_UserWithRoles_OnlyWhatThoseRolesOpen(AccessRole[] roles, string href, bool expected) =>
        Assert.Equal(expected, TestUser.With("Someone", roles).MayOpen(href));

    [Fact]
    public void MayOpen_NotSignedIn_Nothing() =>
        Assert.False(new ClaimsPrincipal(new ClaimsIdentity()).MayOpen(""));

    // A route template as a link to it: each parameter given a value.
    private static string Example(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", "x");
}
