using AuthEvents.Tests.Support;
using System.Text;
using AuthEvents.Web.Access;

namespace AuthEvents.Tests.Web.Access;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class ClientSecretBasicHandlerTests
{
    [Fact]
    public async Task Send_TokenRequestWithTheSecretInTheBody_MovedToBasicFormEncoded()
    {
        var seen = await SendAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "abc",
            ["client_id"] = "dash board",
            ["client_secret"] = "s3:cr+t",
        }));

        Assert.Equal("Basic", seen.Scheme);
        Assert.Equal("dash%20board:s3%3Acr%2Bt", Encoding.UTF8.GetString(Convert.FromBase64String(seen.Parameter!)));
        Assert.Equal("grant_type=authorization_code&code=abc", seen.Body);
    }

    [Fact]
    public async Task Send_NoSecretInTheBody_Untouched()
    {
        var seen = await SendAsync(new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = "dashboard", ["token"] = "t" }));

        Assert.Null(seen.Scheme);
        Assert.Equal("client_id=dashboard&token=t", seen.Body);
    }

    private static async Task<(string? Scheme, string? Parameter, string Body)> SendAsync(HttpContent content)
    {
        var recorder = new Recorder();
        using var invoker = new HttpMessageInvoker(new ClientSecretBasicHandler { InnerHandler = recorder });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://idp.test/token") { Content = content };

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        return (recorder.Scheme, recorder.Parameter, recorder.Body);
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public string? Scheme { get; private set; }

        public string? Parameter { get; private set; }

        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Scheme = request.Headers.Authorization?.Scheme;
            Parameter = request.Headers.Authorization?.Parameter;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}
