using System.Net;
using System.Net.Sockets;

namespace AuthEvents.BrowserTests;

/// <summary>
/// A loopback TCP forwarder between the browser and the server, so a test can cut the connection (close every
/// open socket and refuse new ones) and restore it, exactly as a network drop looks to Blazor's client.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Closes every forwarded connection and stops accepting new ones.</summary>
    public async Task CutAsync()
    {
        var listener = _listener;
        var loop = _acceptLoop;
        _listener = null;
        listener?.Stop();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (var client in _open)
            {
                // A forwarder may have disposed its client already; its socket is then null.
                if (client.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Restore() => Start();

    private void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _acceptLoop = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_lock)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_lock)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await CutAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
