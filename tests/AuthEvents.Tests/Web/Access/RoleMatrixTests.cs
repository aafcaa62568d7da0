using AuthEvents.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;

namespace AuthEvents.Tests.Web.Access;

/// <summary>
/// Every way in, against every role and none, from one table: who gets the page or the data (200), who is sent to sign
/// in (a redirect to the provider) or asked for a token (401), and who is refused (403).
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class RoleMatrixTests : IClassFixture<RoleMatrixTests.Host>
{
    private const string Pass = "200";
    private const string SignIn = "sign-in";
    private const string Unauthorized = "401";
    private const string Forbidden = "403";

    // Callers: no token, a signed-in user without a dashboard role, each role, and Manager + Investigator together.
    private static readonly string[] Callers = ["anonymous", "nobody", "Manager", "Analyst", "Investigator", "Admin", "Manager+Investigator"];

    /// <summary>Per way in, the answer for each caller, in the order of <see cref="Callers"/>.</summary>
    public static TheoryData<string, string, string> Matrix()
    {
        string[] Page(string least) => Row(SignIn, least);
        string[] Api(string least) => Row(Unauthorized, least);
        var table = new (string Method, string Path, string[] Answers)[]
        {
            ("GET", "/", Page("Manager")),
            ("GET", "/failures", Page("Manager")),
            ("GET", "/journeys", Page("Manager")),
            ("GET", "/journeys/catalog", Page("Manager")),
            ("GET", "/live", Page("Analyst")),
            ("GET", "/people", Page("Investigator")),
            ("GET", "/sessions", Page("Investigator")),
            ("GET", "/people/p-unknown", Page("Investigator")),
            ("GET", "/sessions/entrust%3As-unknown", Page("Investigator")),
            ("GET", "/sources", Page("Admin")),
            ("GET", "/audit", Page("Admin")),
            ("GET", "/api/audit?format=ndjson", Api("Admin")),
            ("GET", "/api/audit?format=csv", Api("Admin")),
            ("GET", "/api/audit/verify", Api("Admin")),
            ("GET", "/api/events?format=ndjson", Api("Analyst")),
            ("GET", "/api/events?format=csv", Api("Analyst")),
            ("GET", "/api/alerts?format=ndjson", Api("Analyst")),
            ("GET", "/api/alerts?format=csv", Api("Analyst")),
            ("POST", "/api/quarantine/replay", Api("Admin")),
            ("POST", "/hubs/events/negotiate?negotiateVersion=1", Api("Analyst")),
            ("GET", "/healthz", Api("Admin")),
            ("GET", "/healthz/live", [Pass, Pass, Pass, Pass, Pass, Pass, Pass]),
            ("GET", "/healthz/ready", [Pass, Pass, Pass, Pass, Pass, Pass, Pass]),
            ("GET", "/error", [Pass, Pass, Pass, Pass, Pass, Pass, Pass]),
            ("GET", "/signed-out", [Pass, Pass, Pass, Pass, Pass, Pass, Pass]),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path, answers) in table)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                data.Add(method + " " + path, Callers[i], answers[i]);
            }
        }

        return data;
    }

    private readonly Host _host;

    public RoleMatrixTests(Host host) => _host = host;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task WayIn_Caller_AnswersAsTheTableSays(string request, string caller, string expected)
    {
        var (method, path) = (request.Split(' ')[0], request.Split(' ')[1]);
        using var client = _host.SignIn.Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (Roles(caller) is { } roles)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.SignIn.Token(caller.ToLowerInvariant(), roles));
        }

        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();

        switch (expected)
        {
            case Pass:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case SignIn:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith(SignInTestHost.Issuer + "/authorize?", response.Headers.Location?.ToString(), StringComparison.Ordinal);
                Assert.Contains("code_challenge_method=S256", response.Headers.Location!.Query, StringComparison.Ordinal);
                break;
            case Unauthorized:
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
                break;
            case Forbidden:
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                break;
            default:
                throw new InvalidOperationException(expected);
        }

        if (expected == Forbidden && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            // A page names the role it needs, and leaks none of its data.
            Assert.Contains("Access denied", body, StringComparison.Ordinal);
            Assert.Contains($"needs the <strong>{Least(request)}</strong> role", body, StringComparison.Ordinal);
        }
        else if (expected == Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"needs the {Least(request)} role", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Analyst", true)]
    [InlineData("Admin", true)]
    [InlineData("Manager", false)]
    [InlineData("anonymous", false)]
    public async Task HubSubscribe_TokenOnTheWebSocketUrl_OnlyFromAnalystUp(string caller, bool allowed)
    {
        var sockets = _host.SignIn.Host.Server.CreateWebSocketClient();
        var url = "ws://localhost/hubs/events" + (Roles(caller) is { } roles ? "?access_token=" + Uri.EscapeDataString(_host.SignIn.Token(caller.ToLowerInvariant(), roles)) : "");

        if (!allowed)
        {
            var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => sockets.ConnectAsync(new Uri(url), CancellationToken.None));
            Assert.Contains(caller == "anonymous" ? "401" : "403", refused.Message, StringComparison.Ordinal);
            return;
        }

        using var socket = await sockets.ConnectAsync(new Uri(url), CancellationToken.None);
        // SignalR's JSON protocol by hand: the handshake, then one invocation of Subscribe and its completion.
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", await ReceiveAsync(socket));
        await SendAsync(socket, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{"sources":null,"outcomes":null,"milestones":null}]}""");
        var completion = await ReceiveAsync(socket);
        Assert.Contains("\"type\":3", completion, StringComparison.Ordinal);
        Assert.Contains("\"invocationId\":\"1\"", completion, StringComparison.Ordinal);
        Assert.DoesNotContain("error", completion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubConnection_TokenExpires_ConnectionClosedByTheServer()
    {
        var sockets = _host.SignIn.Host.Server.CreateWebSocketClient();
        // Valid now (by the validation's clock skew), expired in two seconds: the connection must not outlive it.
        var token = _host.SignIn.Token("ana", ["Analyst"], expires: DateTime.UtcNow.AddSeconds(2));
        using var socket = await sockets.ConnectAsync(new Uri("ws://localhost/hubs/events?access_token=" + Uri.EscapeDataString(token)), CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", await ReceiveAsync(socket));

        // Pings (type 6) may come first; the server then closes: a close message (type 7) or the socket itself.
        using var guard = new CancellationTokenSource(AuthEvents.Tests.Support.Patience.HangGuard);
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, guard.Token);
            if (read.MessageType == WebSocketMessageType.Close || Encoding.UTF8.GetString(buffer, 0, read.Count).Contains("\"type\":7", StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    private static string[] Row(string anonymous, string least) =>
        [.. Callers.Select(c => c == "anonymous" ? anonymous : Level(c) >= Level(least) ? Pass : Forbidden)];

    private static int Level(string caller) => caller switch
    {
        "Manager" => 1,
        "Analyst" => 2,
        "Investigator" or "Manager+Investigator" => 3,
        "Admin" => 4,
        _ => 0,
    };

    private static string Least(string request) => Matrix().Where(row => (string)row[0] == request && (string)row[2] == Pass)
        .Select(row => (string)row[1]).Where(c => c is not ("Manager+Investigator")).OrderBy(Level).First();

    private static string[]? Roles(string caller) => caller switch
    {
        "anonymous" => null,
        "nobody" => [],
        _ => caller.Split('+'),
    };

    private static async Task SendAsync(WebSocket socket, string message)
    {
        using var guard = new CancellationTokenSource(AuthEvents.Tests.Support.Patience.HangGuard);
        await socket.SendAsync(Encoding.UTF8.GetBytes(message + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, guard.Token);
    }

    private static async Task<string> ReceiveAsync(WebSocket socket)
    {
        using var guard = new CancellationTokenSource(AuthEvents.Tests.Support.Patience.HangGuard);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains('\u001e', StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, guard.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
        }

        var frame = text.ToString();
        return frame[..frame.IndexOf('\u001e', StringComparison.Ordinal)];
    }

    /// <summary>One host for the whole table.</summary>
    public sealed class Host : IDisposable
    {
        public SignInTestHost SignIn { get; } = new();

        public void Dispose() => SignIn.Dispose();
    }
}
