using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// Signing in through a real OpenID provider (code + PKCE), what each role then sees, signing out of both, and programs
/// with a client-credentials token: the dashboard as it runs with <c>Auth:Oidc:Authority</c> set.
/// </summary>
[Collection(SignInTestGroup.Name)]
public sealed class SignInBrowserTests(SignInFixture fixture)
{
    private static readonly string[] NavItems = ["overview", "live", "alerts", "failures", "journeys", "people", "sessions", "sources"];

    /// <summary>
    /// Per user: the name in the header, the nav items their roles open, one page they may open (and its h1), one they
    /// may not (and the role it names), and the text after "You are signed in as …".
    /// </summary>
    public static TheoryData<string, string, string, string, string, string?, string?> RoleUsers() => new()
    {
        { OidcTestUsers.Manager, "Max Manager", "overview failures journeys", "failures", "Failure reasons", "live", "Analyst" },
        { OidcTestUsers.Analyst, "Ada Analyst", "overview live alerts failures journeys", "live", "Live traffic", "people", "Investigator" },
        { OidcTestUsers.Investigator, "Ivan Investigator", "overview live alerts failures journeys people sessions", "people", "People", "sources", "Admin" },
        { OidcTestUsers.Admin, "Alice Admin", "overview live alerts failures journeys people sessions sources", "sources", "Sources", null, null },
        // Investigator includes Analyst: /live opens though no Analyst role came from the provider.
        { OidcTestUsers.Multi, "Mia Multi", "overview live alerts failures journeys people sessions", "live", "Live traffic", "sources", "Admin" },
    };

    [Theory]
    [MemberData(nameof(RoleUsers))]
    public async Task SignIn_RoleUser_HeaderNamesThemAndOnlyTheirRolesPagesOpen(
        string login, string name, string nav, string allowedPath, string allowedTitle, string? deniedPath, string? deniedRole)
    {
        var page = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, "/", login);

        await Assertions.Expect(page.GetByTestId("signed-in-user").Locator(".ae-user-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("sign-out-form").GetByTestId("sign-out")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("local-mode")).ToHaveCountAsync(0);
        await AssertNavAsync(page, nav.Split(' '));

        var allowed = await page.GotoAsync(allowedPath);
        Assert.Equal(200, allowed!.Status);
        await SignInFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(allowedTitle);
        await fixture.ScreenshotBothThemesAsync(page, $"signin-{login}-{allowedPath}");

        if (deniedPath is not null)
        {
            var denied = await page.GotoAsync(deniedPath);
            Assert.Equal(403, denied!.Status);
            await SignInFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
            await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync($"This page needs the {deniedRole} role.");
            await Assertions.Expect(page.GetByTestId("access-denied").Locator("strong")).ToHaveTextAsync(deniedRole!);
            await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync($"You are signed in as {name}");
            await fixture.ScreenshotBothThemesAsync(page, $"signin-{login}-denied-{deniedPath}");
        }

        fixture.AssertCleanConsole(page, deniedPath is null ? [] : [fixture.Url(deniedPath)]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_UserWithNoRole_OverviewAnswers403NamingManagerAndTheNavIsEmpty()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var overview = await page.RunAndWaitForResponseAsync(
            () => fixture.Provider.SignInAsync(page, OidcTestUsers.Nobody),
            response => response.Url == fixture.Url("/"));
        await page.WaitForURLAsync(fixture.Url("/"));
        await SignInFixture.WaitForInteractiveAsync(page);

        Assert.Equal(403, overview.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync("This page needs the Manager role.");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync("You are signed in as Nora Nobody with no role on this dashboard.");
        await Assertions.Expect(page.GetByTestId("signed-in-user").Locator(".ae-user-name")).ToHaveTextAsync("Nora Nobody");
        await AssertNavAsync(page, []);
        await fixture.ScreenshotBothThemesAsync(page, "signin-nobody-denied-overview");
        fixture.AssertCleanConsole(page, fixture.Url("/"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_Clicked_EndsTheProviderSessionTooAndSigningInAgainWorks()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "live", OidcTestUsers.Analyst);

        // The dashboard names the session it ends with the id token it kept (some providers require id_token_hint).
        var endSession = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(fixture.Provider.Authority + "/session/end?", StringComparison.Ordinal))
            {
                endSession.Add(request.Url);
            }
        };

        // Dashboard POST, provider's end-session page (which submits itself), its callback, then the signed-out page
        // (static: no circuit for a visitor who is not signed in).
        var signedOut = await fixture.UnlessCspRefusesAsync(page, page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("sign-out").ClickAsync(),
            response => response.Url == fixture.Url("signed-out")));
        await page.WaitForURLAsync(fixture.Url("signed-out"));

        Assert.Equal(200, signedOut.Status);
        Assert.Contains(endSession, url => url.Contains("id_token_hint=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are signed out");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "authevents.session");
        await fixture.ScreenshotBothThemesAsync(page, "signin-signed-out");

        // Had the provider kept its session, either way back would return signed in at once; both ask who you are.
        await page.GetByTestId("sign-in-again").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.Provider.Authority + "/interaction/", StringComparison.Ordinal));
        await page.GotoAsync("live");
        Assert.StartsWith(fixture.Provider.Authority + "/interaction/", page.Url, StringComparison.Ordinal);
        await fixture.Provider.SignInAsync(page, OidcTestUsers.Analyst);
        await page.WaitForURLAsync(fixture.Url("live"));
        await SignInFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user").Locator(".ae-user-name")).ToHaveTextAsync("Ada Analyst");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Live traffic");

        // Sign-out leaves for the provider after a form POST, which form-action must allow.
        fixture.AssertCleanConsole(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_FromADeepLink_ReturnsToThatSameUrlWithItsFilters()
    {
        const string deepLink = "live?outcome=failure&q=credentials_failed";
        var page = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, deepLink, OidcTestUsers.Analyst);

        await Assertions.Expect(page.GetByTestId("filter-text")).ToHaveValueAsync("credentials_failed");
        Assert.Equal(fixture.Url(deepLink), page.Url);
        fixture.AssertCleanConsole(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_GroupsMappedToRolesAndClientSecretBasic_AnalystGroupOpensLiveAndUnmappedGroupsNothing()
    {
        using var guard = new CancellationTokenSource(BrowserFixture.HangGuard);
        // This provider refuses a secret in the form body from this client: only the Basic header gets it a token.
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { TokenEndpointAuthMethod = "client_secret_basic" }, guard.Token);
        await using var server = SignInFixture.StartDashboard(provider, new Dictionary<string, string?>
        {
            ["Auth:Oidc:ClientAuthentication"] = "client_secret_basic",
            ["Auth:Oidc:RoleClaim"] = "groups",
            ["Auth:Roles:Analyst:0"] = "grp-analysts",
        });

        var analyst = await fixture.NewPageAsync(server);
        await fixture.SignInAsync(analyst, "live", OidcTestUsers.Analyst, server, provider);
        await Assertions.Expect(analyst.Locator("h1")).ToHaveTextAsync("Live traffic");
        await Assertions.Expect(analyst.GetByTestId("signed-in-user").Locator(".ae-user-name")).ToHaveTextAsync("Ada Analyst");
        await AssertNavAsync(analyst, ["overview", "live", "alerts", "failures", "journeys"]);
        fixture.AssertCleanConsole(analyst);
        await analyst.Context.CloseAsync();

        // The manager's provider role is "Manager", but roles are read from groups now, and grp-managers is not mapped.
        var manager = await fixture.NewPageAsync(server);
        await manager.GotoAsync("/");
        var overview = await manager.RunAndWaitForResponseAsync(
            () => provider.SignInAsync(manager, OidcTestUsers.Manager),
            response => response.Url == fixture.Url("/", server));
        await SignInFixture.WaitForInteractiveAsync(manager);
        Assert.Equal(403, overview.Status);
        await Assertions.Expect(manager.GetByTestId("access-denied")).ToContainTextAsync("You are signed in as Max Manager with no role on this dashboard.");
        await AssertNavAsync(manager, []);
        fixture.AssertCleanConsole(manager, fixture.Url("/", server));
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task EventsApi_ClientCredentialsToken_AnswersByTheServiceClientsRole()
    {
        using var guard = new CancellationTokenSource(BrowserFixture.HangGuard);
        using var http = new HttpClient { BaseAddress = fixture.Server.Proxy.Address };
        var analystToken = await fixture.Provider.GetClientCredentialsTokenAsync(guard.Token);
        var managerToken = await fixture.Provider.GetClientCredentialsTokenAsync(SignInFixture.ManagerServiceClient, guard.Token);

        using (var response = await GetEventsAsync(http, analystToken, guard.Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        }

        using (var response = await GetEventsAsync(http, managerToken, guard.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("This needs the Analyst role.", await response.Content.ReadAsStringAsync(guard.Token), StringComparison.Ordinal);
        }

        using (var response = await GetEventsAsync(http, token: null, guard.Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    private static async Task<HttpResponseMessage> GetEventsAsync(HttpClient http, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/events?format=ndjson", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // Headers only: the export streams every stored event, which the status and type are enough to judge.
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Exactly <paramref name="expected"/> of the nav items are there; every other one is absent.</summary>
    private static async Task AssertNavAsync(IPage page, IReadOnlyCollection<string> expected)
    {
        foreach (var item in NavItems)
        {
            await Assertions.Expect(page.GetByTestId("nav-" + item)).ToHaveCountAsync(expected.Contains(item) ? 1 : 0);
        }

        Assert.Empty(expected.Except(NavItems));
    }
}
