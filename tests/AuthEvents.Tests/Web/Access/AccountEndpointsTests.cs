using System.Net;
using AuthEvents.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Integration)]
public sealed class AccountEndpointsTests : IDisposable
{
    private readonly TestHost _local = new(new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
    private readonly SignInTestHost _signIn = new();

    [Theory]
    [InlineData("/live?range=1h", "/live?range=1h")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    public async Task SignIn_LocalMode_BackToALocalPathOnly(string returnUrl, string expected)
    {
        using var client = _local.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithAProvider_ChallengesWithCodeAndPkce()
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/account/signin?returnUrl=%2Flive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        // A code response comes back in the query by default; form_post (a cross-site POST) must not be asked for.
        Assert.False(query.ContainsKey("response_mode"));
        Assert.Equal("openid profile email", query["scope"]);
        Assert.EndsWith("/signin-oidc", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        // The correlation and nonce cookies come back on a top-level GET from the provider: Lax, not None.
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("?error=access_denied&state=x")]
    [InlineData("?code=abc&state=forged")]
    public async Task Callback_CancelledOrForged_SentToAPageThatSaysSoNotAnError(string query)
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/signin-oidc" + query, UriKind.Relative));
        using var page = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signed-out?failed=1", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign-in did not complete", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_Refused()
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose()
    {
        _local.Dispose();
        _signIn.Dispose();
    }
}
