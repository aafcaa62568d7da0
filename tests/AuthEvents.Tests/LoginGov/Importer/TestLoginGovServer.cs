using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.LoginGov.Importer;

/// <summary>
/// A loopback fake of Login.gov's <c>POST /api/attempts/poll</c> (docs/protocols/login-gov.md, "Polling and acknowledgement"): checks the bearer header, deletes
/// acked jtis, then returns up to <c>maxEvents</c> unacked SETs in a seeded arbitrary order. Can be told to fail or hang.
/// </summary>
internal sealed class TestLoginGovServer : IAsyncDisposable
{
    public const string Issuer = TestLoginGovKeys.Audience;
    public const string Token = "test-token-5f1c2a";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _sets = new(StringComparer.Ordinal);
    private readonly List<string> _acked = [];
    private readonly Queue<int> _failures = new();
    private readonly Random _random;
    private readonly WebApplication _app;

    private TestLoginGovServer(WebApplication app, int seed)
    {
        _app = app;
        _random = new Random(seed);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int Requests { get; private set; }

    public bool Hang { get; set; }

    /// <summary>When set, the next poll answers 200 with this body instead of its sets.</summary>
    public string? NextRawBody { get; set; }

    /// <summary>Served at <c>/api/attempts-certs</c> when set.</summary>
    public string? Jwks { get; set; }

    /// <summary>Behave like a deployment that reads another ack key: acks are ignored and everything is redelivered.</summary>
    public bool IgnoreAcks { get; set; }

    /// <summary>Seen before the acks are applied, with the request's acks; may throw or cancel to simulate a crash.</summary>
    public Func<IReadOnlyList<string>, Task>? OnAck { get; set; }

    /// <summary>Runs after acks are applied and the batch is chosen, before the response is written.</summary>
    public Func<Task>? BeforeRespond { get; set; }

    public IReadOnlyList<string> Acked
    {
        get
        {
            lock (_lock)
            {
                return [.. _acked];
            }
        }
    }

    public int Remaining
    {
        get
        {
            lock (_lock)
            {
                return _sets.Count;
            }
        }
    }

    public static async Task<TestLoginGovServer> StartAsync(int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestLoginGovServer(app, seed);
        app.MapPost("/api/attempts/poll", server.HandleAsync);
        app.MapGet("/api/attempts-certs", () => server.Jwks is { } jwks ? Results.Text(jwks, "application/json") : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public void Add(string jti, string jwe)
    {
        lock (_lock)
        {
            _sets[jti] = jwe;
        }
    }

    /// <summary>The next <paramref name="times"/> polls answer <paramref name="status"/> with Login.gov's error body.</summary>
    public void FailNext(int status, int times = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _failures.Enqueue(status);
            }
        }
    }

    /// <summary>Raised after each request has been answered (or abandoned): a change a waiting test re-checks on.</summary>
    public event Action? Answered;

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleRequestAsync(context);
        }
        finally
        {
            Answered?.Invoke();
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        int? failure;
        lock (_lock)
        {
            Requests++;
            failure = _failures.Count > 0 ? _failures.Dequeue() : null;
        }

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return;
        }

        if (NextRawBody is { } raw)
        {
            NextRawBody = null;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw, context.RequestAborted);
            return;
        }

        if (failure is { } status)
        {
            await ErrorAsync(context, status, status == 401 ? "Unauthorized" : "failure");
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Issuer} {Token}")
        {
            await ErrorAsync(context, 401, "Unauthorized");
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        var maxEvents = body.RootElement.TryGetProperty("maxEvents", out var max) ? max.GetInt32() : 1000;
        if (maxEvents is < 1 or > 1000)
        {
            await ErrorAsync(context, 400, "maxEvents must be between 1 and 1000");
            return;
        }

        List<string> acks = body.RootElement.TryGetProperty("ack", out var ack) ? [.. ack.EnumerateArray().Select(a => a.GetString()!)] : [];
        if (OnAck is { } onAck)
        {
            await onAck(acks);
        }

        Dictionary<string, string> batch;
        lock (_lock)
        {
            foreach (var jti in IgnoreAcks ? [] : acks)
            {
                if (_sets.Remove(jti))
                {
                    _acked.Add(jti);
                }
            }

            batch = _sets.OrderBy(_ => _random.Next()).Take(maxEvents).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        }

        if (BeforeRespond is { } beforeRespond)
        {
            await beforeRespond();
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { sets = batch }), context.RequestAborted);
    }

    private static async Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error }), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
