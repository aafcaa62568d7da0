using System.Net;
using AuthEvents.Demo.LoginGov;
using AuthEvents.Demo.OnePassword;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AuthEvents.Demo.Hosting;

/// <summary>
/// Serves the simulated pull providers on their own loopback listener (127.0.0.1, a port the system picks), apart from
/// the dashboard's: it works whatever <c>--urls</c> the dashboard runs with (https only, any interface), and in a test
/// host that has no socket at all. Routes: <c>POST /api/attempts/poll</c> and <c>GET /api/attempts-certs</c> (Login.gov),
/// <c>POST /api/v2/signinattempts</c> (1Password). Starts before the importers (it is registered first), so their first
/// requests, the signing-key fetch included, find it listening.
/// </summary>
public sealed partial class DemoProviderHost(
    DemoLoginGovProvider loginGov,
    DemoOnePasswordProvider onePassword,
    DemoNetwork network,
    ILogger<DemoProviderHost> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private const long MaxRequestBytes = 1024 * 1024;
    private WebApplication? _app;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            // An empty builder: none of the dashboard's settings (URLs, environment, logging) reach this listener.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0);
                kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            });
            var app = builder.Build();
            app.Run(HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            _app = app;
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            network.ProvidersListening(address);
            LogListening(logger, address.Port);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            network.ProvidersFailed(ex);
            LogFailed(logger, ex.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // After every other service has stopped: the importers may poll until their own stop.
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var answer = (request.Method, request.Path.Value) switch
        {
            ("POST", "/api/attempts/poll") => loginGov.Poll(request.Headers.Authorization, await ReadBodyAsync(context)),
            ("GET", "/api/attempts-certs") => new DemoHttpAnswer(200, loginGov.SigningJwks),
            ("POST", "/api/v2/signinattempts") => onePassword.SignInAttempts(request.Headers.Authorization, request.ContentType, await ReadBodyAsync(context)),
            _ => new DemoHttpAnswer(404, "{\"error\":\"not found\"}"),
        };
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: simulated Login.gov and 1Password APIs listen on 127.0.0.1:{Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo mode: the simulated provider APIs could not start ({ExceptionType}); Login.gov and 1Password demo traffic is off")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
