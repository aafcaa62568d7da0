using AuthEvents.Tests.Support;
using System.Net;
using System.Text;
using AuthEvents.Web.Access;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ClientSecretBasicHandlerTests
{
    [Fact]
    public async Task SendAsync_PushedAuthorizationRequest_MovesOnlyTheSecretIntoTheBasicHeader()
    {
        var provider = new TestRecordingHandler();
        using var client = new HttpClient(new ClientSecretBasicHandler { InnerHandler = provider });
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "dash board",
            ["client_secret"] = "s3cret:+",
            ["response_type"] = "code",
            ["redirect_uri"] = "http://127.0.0.1:5080/signin-oidc",
        });

        using var response = await client.PostAsync(new Uri("http://idp.test/request"), content);

        Assert.Equal("Basic", provider.Authorization?.Scheme);
        Assert.Equal("dash%20board:s3cret%3A%2B", Encoding.UTF8.GetString(Convert.FromBase64String(provider.Authorization!.Parameter!)));
        var form = QueryHelpers.ParseQuery(provider.Body);
        // A pushed authorization request carries client_id as a parameter of the authorization itself (RFC 9126).
        Assert.Equal("dash board", form["client_id"]);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal("code", form["response_type"]);
        Assert.Equal("http://127.0.0.1:5080/signin-oidc", form["redirect_uri"]);
    }

    [Fact]
    public async Task SendAsync_RequestWithoutASecret_PassesUnchanged()
    {
        var provider = new TestRecordingHandler();
        using var client = new HttpClient(new ClientSecretBasicHandler { InnerHandler = provider });
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "dashboard", ["grant_type"] = "refresh_token" });

        using var response = await client.PostAsync(new Uri("http://idp.test/token"), content);

        Assert.Null(provider.Authorization);
        Assert.Equal("client_id=dashboard&grant_type=refresh_token", provider.Body);
    }

    private sealed class TestRecordingHandler : HttpMessageHandler
    {
        public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; private set; }

        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization;
            Body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
