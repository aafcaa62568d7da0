using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Web.Alerts;

/// <summary>A client of <c>/hubs/events</c> speaking SignalR's JSON protocol by hand over a test-server WebSocket.</summary>
internal sealed class HubSocket : IDisposable
{
    private readonly WebSocket _socket;
    private readonly StringBuilder _received = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private int _nextInvocation;

    private HubSocket(WebSocket socket) => _socket = socket;

    public static async Task<HubSocket> ConnectAsync(Microsoft.AspNetCore.TestHost.TestServer server, string token)
    {
        var socket = await server.CreateWebSocketClient().ConnectAsync(
            new Uri("ws://localhost/hubs/events?access_token=" + Uri.EscapeDataString(token)), CancellationToken.None);
        var hub = new HubSocket(socket);
        await hub.SendAsync("""{"protocol":"json","version":1}""");
        Assert.Equal("{}", await hub.ReceiveAsync());
        return hub;
    }

    /// <summary>
    /// Invokes a hub method; returns the completion's error, or null when it succeeded. Every other message received
    /// before the completion (pings left out) is added to <c>skipped</c>.
    /// </summary>
    public async Task<string?> InvokeAsync(string target, object argument, List<JsonElement>? skipped = null)
    {
        var id = (++_nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments = new[] { argument } }));
        while (true)
        {
            var message = JsonDocument.Parse(await ReceiveAsync()).RootElement.Clone();
            if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == id)
            {
                return message.TryGetProperty("error", out var error) ? error.GetString() : null;
            }

            if (message.GetProperty("type").GetInt32() != 6)
            {
                skipped?.Add(message);
            }
        }
    }

    /// <summary>The next invocation of the client method <paramref name="method"/>: its first argument.</summary>
    public async Task<JsonElement> NextAsync(string method)
    {
        while (true)
        {
            var message = JsonDocument.Parse(await ReceiveAsync()).RootElement.Clone();
            if (message.GetProperty("type").GetInt32() == 1 && message.GetProperty("target").GetString() == method)
            {
                return message.GetProperty("arguments")[0];
            }
        }
    }

    private async Task SendAsync(string message)
    {
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, guard.Token);
    }

    /// <summary>The next record; one WebSocket message may hold several, and one record may span messages.</summary>
    private async Task<string> ReceiveAsync()
    {
        using var guard = new CancellationTokenSource(Patience.HangGuard);
        var buffer = new byte[8192];
        while (true)
        {
            var text = _received.ToString();
            var end = text.IndexOf('\u001e', StringComparison.Ordinal);
            if (end >= 0)
            {
                _received.Remove(0, end + 1);
                return text[..end];
            }

            var read = await _socket.ReceiveAsync(buffer, guard.Token);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection.");
            }

            var chars = new char[_utf8.GetCharCount(buffer, 0, read.Count)];
            _utf8.GetChars(buffer, 0, read.Count, chars, 0);
            _received.Append(chars);
        }
    }

    public void Dispose() => _socket.Dispose();
}
