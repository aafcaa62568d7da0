using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.Support;

/// <summary>A loopback JWKS endpoint (<c>GET /.well-known/jwks.json</c>) whose key set or failure a test switches.</summary>
public sealed class TestJwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private TestJwksServer(WebApplication app) => _app = app;

    public Uri JwksUrl { get; private set; } = null!;

    public string Jwks { get; set; } = "{\"keys\":[]}";

    public HttpStatusCode? FailWith { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<TestJwksServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestJwksServer(app);
        app.MapGet("/.well-known/jwks.json", server.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.JwksUrl = new Uri(new Uri(address), "/.well-known/jwks.json");
        return server;
    }

    private IResult Handle()
    {
        Interlocked.Increment(ref _requests);
        return FailWith is { } status ? Results.StatusCode((int)status) : Results.Text(Jwks, "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
