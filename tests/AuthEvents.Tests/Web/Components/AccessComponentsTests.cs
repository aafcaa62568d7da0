using AuthEvents.Tests.Support;
using AuthEvents.Store.Audit;
using AuthEvents.Web.Access;
using AuthEvents.Web.Components.Controls;
using AuthEvents.Web.Components.Layout;
using AuthEvents.Web.Components.Pages.Account;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;

namespace AuthEvents.Tests.Web.Components;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AccessComponentsTests : PageTestContext
{
    public static TheoryData<AccessRole[], string[]> NavByRoles() => new()
    {
        { [AccessRole.Manager], ["overview", "failures", "journeys"] },
        { [AccessRole.Analyst], ["overview", "live", "alerts", "failures", "journeys"] },
        { [AccessRole.Investigator], ["overview", "live", "alerts", "failures", "journeys", "people", "sessions"] },
        { [AccessRole.Admin], ["overview", "live", "alerts", "failures", "journeys", "people", "sessions", "sources", "audit"] },
        { [AccessRole.Manager, AccessRole.Investigator], ["overview", "live", "alerts", "failures", "journeys", "people", "sessions"] },
        { [], [] },
    };

    [Theory]
    [MemberData(nameof(NavByRoles))]
    public void NavMenu_SignedInWithRoles_OnlyThePagesTheyOpen(AccessRole[] roles, string[] expected)
    {
        SignInAs("Someone", roles);

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<NavMenu>());

        Assert.Equal(expected, cut.FindAll("[data-testid^=nav-]").Select(a => a.GetAttribute("data-testid")!["nav-".Length..]));
    }

    [Fact]
    public async Task AccessDenied_SignedInWithoutTheRole_NamesTheRoleAndTheirOwnAndRecordsIt()
    {
        await MigrateAsync();
        SignInAs("Max Manager", AccessRole.Manager);
        Navigation.NavigateTo("live?range=1h");

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<AccessDenied>(d => d
            .Add(x => x.User, TestUser.With("Max Manager", AccessRole.Manager)).Add(x => x.Required, AccessRole.Analyst)));

        Assert.Equal("This page needs the Analyst role. You are signed in as Max Manager with the role Manager.",
            Normalize(cut.Find("[data-testid=access-denied]").TextContent));
        Assert.NotNull(cut.Find("a[href='/']"));
        var row = await SingleAuditRowAsync();
        Assert.Equal(("max-manager", "Max Manager", "Manager", "access-denied", "/live", "needs Analyst"), (row.Subject, row.UserName, row.Roles, row.Action, row.Target, row.Detail));
    }

    [Fact]
    public void AccessDenied_NoRoleAtAll_SaysSoWithNoLinkBack()
    {
        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<AccessDenied>(d => d
            .Add(x => x.User, TestUser.With("Nobody")).Add(x => x.Required, AccessRole.Manager)));

        Assert.EndsWith("signed in as Nobody with no role on this dashboard.", Normalize(cut.Find("[data-testid=access-denied]").TextContent), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("a[href='/']"));
    }

    [Fact]
    public async Task AuditOnce_RenderedAgainForTheSameThenAnother_RecordedOncePerThing()
    {
        await MigrateAsync();
        SignInAs("Ivy Investigator", AccessRole.Investigator);
        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<AuditOnce>(a => a.Add(x => x.Action, AuditActions.PersonOpened).Add(x => x.Target, "p-1")));
        var once = cut.FindComponent<AuditOnce>();

        once.Render(a => a.Add(x => x.Action, AuditActions.PersonOpened).Add(x => x.Target, "p-1"));
        once.Render(a => a.Add(x => x.Action, AuditActions.PersonOpened).Add(x => x.Target, "p-2"));

        var rows = await Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None);
        Assert.Equal(["p-2", "p-1"], rows.Select(r => r.Target));
        Assert.All(rows, r => Assert.Equal(("ivy-investigator", "Investigator", AuditActions.PersonOpened), (r.Subject, r.Roles, r.Action)));
    }

    [Fact]
    public void SessionTimer_TheSignInSessionEnds_TheCircuitsUserIsNobodyFromThen()
    {
        SignInAs("Ana Analyst", AccessRole.Analyst);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent(builder =>
        {
            builder.OpenComponent<SessionTimer>(0);
            builder.AddComponentParameter(1, nameof(SessionTimer.Ends), Now.AddHours(8));
            builder.CloseComponent();
            builder.OpenComponent<NavMenu>(2);
            builder.CloseComponent();
        }));
        Assert.Equal(5, cut.FindAll("[data-testid^=nav-]").Count);

        Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Equal(5, cut.FindAll("[data-testid^=nav-]").Count);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid^=nav-]")), Patience.HangGuard);
    }

    private async Task<AuthEvents.Store.Entities.AuditRecord> SingleAuditRowAsync() =>
        Assert.Single(await Audit.ListAsync(new AuditQuery(), null, 10, CancellationToken.None));

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
