using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthEvents.BrowserTests;

/// <summary>
/// The test OpenID provider's own tests: no dashboard, a Chromium of their own. Not run beside the dashboard's browser
/// group (parallelization off), so that two Chromiums never share the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OidcProviderTestGroup
{
    public const string Name = "oidc-provider";
}

/// <summary>The harness the sign-in browser tests rely on: discovery, client credentials, and a real browser sign-in.</summary>
[Collection(OidcProviderTestGroup.Name)]
public sealed class OidcProviderTests
{
    // As BrowserFixture launches Debian's Chromium.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Discovery_AndClientCredentials_GiveAJwtForTheApiWithTheClientsRoles()
    {
        using var guard = new CancellationTokenSource(BrowserFixture.HangGuard);
        var service = new OidcServiceClient("reporting-job", "job-secret", ["Analyst"]) { TokenEndpointAuthMethod = "client_secret_basic" };
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { ApiAudience = "api://authevents-test", ServiceClients = [service] }, guard.Token);
        using var http = new HttpClient();

        using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(provider.Issuer, "/.well-known/openid-configuration"), guard.Token));
        var metadata = discovery.RootElement;
        Assert.Equal(provider.Authority, metadata.GetProperty("issuer").GetString());
        Assert.Equal(provider.TokenEndpoint.AbsoluteUri, metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(provider.EndSessionEndpoint.AbsoluteUri, metadata.GetProperty("end_session_endpoint").GetString());
        Assert.Contains("S256", Strings(metadata.GetProperty("code_challenge_methods_supported")));
        Assert.Contains("client_credentials", Strings(metadata.GetProperty("grant_types_supported")));

        var token = await provider.GetClientCredentialsTokenAsync(guard.Token);

        var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var payload = OidcProvider.DecodeJwtPayload(token);
        Assert.Equal("api://authevents-test", payload.GetProperty("aud").GetString());
        Assert.Equal(provider.Authority, payload.GetProperty("iss").GetString());
        Assert.Equal("reporting-job", payload.GetProperty("client_id").GetString());
        Assert.Equal(["Analyst"], Strings(payload.GetProperty("roles")));
    }

    [Fact]
    public async Task Start_ConfigurationRefused_FailsWithTheProvidersReason()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => OidcProvider.StartAsync(new OidcProviderOptions { TokenEndpointAuthMethod = "private_key_jwt" }));

        Assert.Contains("tokenEndpointAuthMethod must be one of client_secret_post, client_secret_basic", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCodeWithPkce_AnalystSignsInAndOut_IdTokenCarriesTheRoles()
    {
        using var guard = new CancellationTokenSource(BrowserFixture.HangGuard);
        await using var client = await RedirectTarget.StartAsync(guard.Token);
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { TokenEndpointAuthMethod = "client_secret_basic" }, guard.Token);
        var redirectUri = new Uri(client.Address, "/signin-oidc").AbsoluteUri;
        var verifier = Base64UrlRandom(32);
        var state = Base64UrlRandom(16);
        var nonce = Base64UrlRandom(16);
        var authorize = Query(provider.AuthorizationEndpoint, new()
        {
            ["client_id"] = provider.ClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile email",
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout((float)BrowserFixture.HangGuard.TotalMilliseconds);
        var page = await context.NewPageAsync();

        // Sign in: the provider's own page, no consent page after it.
        await page.GotoAsync(authorize.AbsoluteUri);
        await provider.SignInAsync(page, OidcTestUsers.Analyst);
        var callback = await client.NextRequestAsync(guard.Token);
        Assert.Equal("/signin-oidc", callback.AbsolutePath);
        var answer = QueryOf(callback);
        Assert.Equal(state, answer["state"]);
        Assert.Equal(provider.Authority, answer["iss"]);
        await page.Locator("#callback-received").WaitForAsync();

        using var tokens = await provider.RequestTokenAsync(
            [new("grant_type", "authorization_code"), new("code", answer["code"]), new("redirect_uri", redirectUri), new("code_verifier", verifier)],
            provider.ClientId,
            provider.ClientSecret,
            provider.Options.TokenEndpointAuthMethod,
            guard.Token);
        var idToken = tokens.RootElement.GetProperty("id_token").GetString()!;
        var claims = OidcProvider.DecodeJwtPayload(idToken);
        Assert.Equal(OidcTestUsers.Analyst, claims.GetProperty("sub").GetString());
        Assert.Equal(provider.ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal(nonce, claims.GetProperty("nonce").GetString());
        Assert.Equal("Ada Analyst", claims.GetProperty("name").GetString());
        Assert.Equal(["Analyst"], Strings(claims.GetProperty("roles")));
        Assert.Equal(["grp-analysts"], Strings(claims.GetProperty("groups")));

        // The same claims at userinfo, with the (opaque) access token.
        using var http = new HttpClient();
        using var userinfoRequest = new HttpRequestMessage(HttpMethod.Get, provider.UserinfoEndpoint);
        userinfoRequest.Headers.Authorization = new("Bearer", tokens.RootElement.GetProperty("access_token").GetString());
        using var userinfoResponse = await http.SendAsync(userinfoRequest, guard.Token);
        userinfoResponse.EnsureSuccessStatusCode();
        using var userinfo = JsonDocument.Parse(await userinfoResponse.Content.ReadAsStringAsync(guard.Token));
        Assert.Equal(["Analyst"], Strings(userinfo.RootElement.GetProperty("roles")));

        // Sign out as the dashboard does (id_token_hint): straight back to the client, no page to click through.
        var signOutState = Base64UrlRandom(16);
        await page.GotoAsync(Query(provider.EndSessionEndpoint, new()
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = new Uri(client.Address, "/signout-callback-oidc").AbsoluteUri,
            ["state"] = signOutState,
        }).AbsoluteUri);
        var signedOut = await client.NextRequestAsync(guard.Token);
        Assert.Equal("/signout-callback-oidc", signedOut.AbsolutePath);
        Assert.Equal(signOutState, QueryOf(signedOut)["state"]);

        // The provider's session is over: the next sign-in asks who you are again.
        await page.GotoAsync(authorize.AbsoluteUri);
        await page.Locator("#login").WaitForAsync();
        await context.CloseAsync();
    }

    private static string ChromiumPath()
    {
        var executable = Environment.GetEnvironmentVariable("AUTHEVENTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium not found at {executable}: install it (apt-get install -y chromium) or set AUTHEVENTS_CHROMIUM.");
        return executable;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static string Base64UrlRandom(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private static Uri Query(Uri endpoint, Dictionary<string, string?> parameters) => new(QueryHelpers.AddQueryString(endpoint.AbsoluteUri, parameters));

    private static Dictionary<string, string> QueryOf(Uri uri) => QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>A throwaway OAuth client's redirect target on 127.0.0.1: records every request it gets, in order.</summary>
    private sealed class RedirectTarget : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<Uri> _requests;

        private RedirectTarget(WebApplication app, Channel<Uri> requests, Uri address)
        {
            _app = app;
            _requests = requests;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<RedirectTarget> StartAsync(CancellationToken cancellationToken)
        {
            var requests = Channel.CreateUnbounded<Uri>();
            // The empty builder reads no configuration (no appsettings.json of the dashboard's beside the tests).
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(async context =>
            {
                await requests.Writer.WriteAsync(new Uri(context.Request.GetEncodedUrl()), context.RequestAborted);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!DOCTYPE html><title>client</title><h1 id=\"callback-received\">received</h1>", context.RequestAborted);
            });
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RedirectTarget(app, requests, new Uri(address));
        }

        public async Task<Uri> NextRequestAsync(CancellationToken cancellationToken)
        {
            // The browser may also ask for /favicon.ico: only the OAuth callbacks count.
            while (true)
            {
                var uri = await _requests.Reader.ReadAsync(cancellationToken);
                if (uri.AbsolutePath != "/favicon.ico")
                {
                    return uri;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
