using System.Net;
using System.Text;

namespace AuthEvents.Tests.Support;

/// <summary>
/// An in-memory JWKS endpoint for key-refresh tests: answers every GET with <see cref="Jwks"/>, or with
/// <see cref="FailWith"/> while that is set, and counts the requests.
/// </summary>
public sealed class TestJwksHandler : HttpMessageHandler
{
    private int _requests;

    public string Jwks { get; set; } = "{\"keys\":[]}";

    public HttpStatusCode? FailWith { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = FailWith is { } status
            ? new HttpResponseMessage(status) { Content = new StringContent("{\"error\":\"down\"}", Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Jwks, Encoding.UTF8, "application/json") };
        return Task.FromResult(response);
    }
}
