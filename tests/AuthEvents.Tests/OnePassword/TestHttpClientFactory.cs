namespace AuthEvents.Tests.OnePassword;

/// <summary>Hands out the one client a test owns, whatever name is asked for.</summary>
public sealed class TestHttpClientFactory(HttpClient client) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => client;
}
