using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Hubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AuthEvents.Tests.Web.Access;

/// <summary>
/// At most 20 hub connections at once per user: the 1,000 connections from one client, answered with 429. A
/// WebSocket's request stays in the pipeline while the connection is open, so its permit is held exactly that long.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class HubLimitTests : IDisposable
{
    private readonly HubRequestEnds _ended = new();
    private readonly SignInTestHost _signIn;
    private readonly ConcurrentBag<WebSocket> _sockets = [];

    public HubLimitTests()
    {
        _signIn = new SignInTestHost(services: services =>
        {
            services.AddSingleton<IStartupFilter>(_ended);
            // An idle test connection is never closed by the server while a test runs, however busy the machine.
            services.Configure<HubOptions>(o =>
            {
                o.HandshakeTimeout = Patience.HangGuard;
                o.ClientTimeoutInterval = Patience.HangGuard;
            });
        });
    }

    [Fact]
    public async Task Connect_TwentyOpen_TwentyFirst429AnotherUserConnectsAndClosingOneLetsTheNextIn()
    {
        var open = new List<WebSocket>();
        for (var i = 0; i < 20; i++)
        {
            var socket = await ConnectAsync("ana");
            await HandshakeAsync(socket);
            open.Add(socket);
        }

        Assert.Equal("429", await RefusedAsync("ana"));
        using var negotiate = await NegotiateAsync("ana");
        Assert.Equal(HttpStatusCode.TooManyRequests, negotiate.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), negotiate.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", negotiate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("At most 20 hub connections at once per user", await negotiate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await HandshakeAsync(await ConnectAsync("bob"));

        using (var guard = new CancellationTokenSource(Patience.HangGuard))
        {
            await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, "done", guard.Token);
        }

        await _ended.WaitAsync();
        await HandshakeAsync(await ConnectAsync("ana"));
        Assert.Equal("429", await RefusedAsync("ana"));
    }

    [Fact]
    public async Task Connect_ThousandAttemptsFromOneUser_TwentyAcceptedTheRest429()
    {
        var token = _signIn.Token("mal", ["Analyst"]);
        var refusals = new ConcurrentBag<string>();
        // Started here, once: the factory's first use from several threads at once would build several hosts.
        var server = _signIn.Host.Server;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            try
            {
                _sockets.Add(await server.CreateWebSocketClient().ConnectAsync(HubUri(token), cancellationToken));
            }
            catch (InvalidOperationException refused)
            {
                refusals.Add(StatusOf(refused));
            }
        });

        Assert.Equal(20, _sockets.Count);
        Assert.Equal(980, refusals.Count);
        Assert.All(refusals, status => Assert.Equal("429", status));
        await HandshakeAsync(await ConnectAsync("bob"));
    }

    [Fact]
    public async Task Negotiate_ThirtyInARow_TakesNoPermitForGood()
    {
        for (var i = 0; i < 30; i++)
        {
            using var negotiate = await NegotiateAsync("ana");
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        }

        for (var i = 0; i < 20; i++)
        {
            await HandshakeAsync(await ConnectAsync("ana"));
        }

        Assert.Equal("429", await RefusedAsync("ana"));
    }

    [Fact]
    public async Task Send_WhileTheUserIsAtTheLimit_NotCountedAsAConnection()
    {
        for (var i = 0; i < 20; i++)
        {
            await ConnectAsync("ana");
        }

        // A message POSTed on a connection (server-sent events, long polling) rides on a counted connection: this one is
        // for no connection at all, so SignalR's own 404 shows that the limit let it through.
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var send = new HttpRequestMessage(HttpMethod.Post, new Uri(EventsHub.Path + "?id=no-such-connection", UriKind.Relative))
        {
            Content = new StringContent("{}\u001e"),
        };
        send.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token("ana", ["Analyst"]));
        using var answer = await client.SendAsync(send);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Connect_SameUserWithoutTheRoleWhileAtTheLimit_403Not429()
    {
        for (var i = 0; i < 20; i++)
        {
            await ConnectAsync("sam");
        }

        var token = _signIn.Token("sam", ["Manager"]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefusedAsync(HubUri(token))));
        var anonymous = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefusedAsync(new Uri("ws://localhost" + EventsHub.Path))));

        Assert.All(answers, status => Assert.Equal("403", status));
        Assert.All(anonymous, status => Assert.Equal("401", status));
    }

    private async Task<WebSocket> ConnectAsync(string subject)
    {
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        var socket = await _signIn.Host.Server.CreateWebSocketClient().ConnectAsync(HubUri(_signIn.Token(subject, ["Analyst"])), guard.Token);
        _sockets.Add(socket);
        return socket;
    }

    private Task<string> RefusedAsync(string subject) => RefusedAsync(HubUri(_signIn.Token(subject, ["Analyst"])));

    /// <summary>The status a refused WebSocket request was answered with; fails when it was accepted.</summary>
    private async Task<string> RefusedAsync(Uri hub)
    {
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => _signIn.Host.Server.CreateWebSocketClient().ConnectAsync(hub, guard.Token));
        return StatusOf(refused);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string subject)
    {
        using var client = _signIn.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(EventsHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _signIn.Token(subject, ["Analyst"]));
        return await client.SendAsync(request);
    }

    private static Uri HubUri(string token) => new("ws://localhost" + EventsHub.Path + "?access_token=" + Uri.EscapeDataString(token));

    // The test server's WebSocket client says "Incomplete handshake, status code: 429".
    private static string StatusOf(InvalidOperationException refused) => refused.Message[^3..];

    /// <summary>SignalR's JSON handshake by hand: the connection is then a hub connection like any client's.</summary>
    private static async Task HandshakeAsync(WebSocket socket)
    {
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, endOfMessage: true, guard.Token);
        var buffer = new byte[256];
        var read = await socket.ReceiveAsync(buffer, guard.Token);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, read.Count));
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _signIn.Dispose();
        _ended.Dispose();
    }

    /// <summary>Signals each hub WebSocket request that has ended, outside the whole pipeline: its permit is back by then.</summary>
    private sealed class HubRequestEnds : IStartupFilter, IDisposable
    {
        private readonly SemaphoreSlim _ended = new(0);

        public async Task WaitAsync()
        {
            using var guard = new CancellationTokenSource(Patience.HangGuard);
            await _ended.WaitAsync(guard.Token);
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                try
                {
                    await inner(context);
                }
                finally
                {
                    if (context.WebSockets.IsWebSocketRequest && context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols)
                    {
                        _ended.Release();
                    }
                }
            });
            next(app);
        };

        public void Dispose() => _ended.Dispose();
    }
}
