using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthEvents.Tests.OnePassword;

/// <summary>
/// A loopback fake of the Events API's <c>POST /api/v2/signinattempts</c>: checks the bearer token and the body
/// (a ResetCursor or a lone cursor, never both), serves its items in order in pages of at most <c>limit</c>, with
/// opaque cursors that name a position (a fresh string for each answer), and can be switched to fail or hang.
/// </summary>
public sealed class TestOnePasswordServer : IAsyncDisposable
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<(string Json, DateTimeOffset? At)> _items = [];
    private readonly Queue<(int Status, bool V1Shape, TimeSpan? RetryAfter)> _failures = new();
    private int _serial;
    private int _requests;

    private TestOnePasswordServer(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public int MaxPageSize { get; set; } = 1000;

    /// <summary>How many of the next answers are empty pages that still say <c>has_more</c> (the API allows that).</summary>
    public int EmptyPagesAhead { get; set; }

    /// <summary>While true, requests wait until the client gives up.</summary>
    public bool Hang { get; set; }

    public ConcurrentQueue<string> RequestBodies { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_lock)
            {
                return _items.Select(i => i.Json).ToList();
            }
        }
    }

    public static async Task<TestOnePasswordServer> StartAsync(string? token = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestOnePasswordServer(app, token ?? TokenFor("events.1password.com"));
        app.MapPost("/api/v2/signinattempts", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>An unsigned JWT shaped like an Events Reporting token, with the given host as <c>aud[0]</c>.</summary>
    public static string TokenFor(string audienceHost)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("""{"alg":"ES256","kid":"test","typ":"JWT"}""") + "."
            + Part($$"""{"aud":["{{audienceHost}}"],"sub":"TESTSUBJECT","1password.com/fts":["signinattempts"]}""") + ".c2lnbmF0dXJl";
    }

    /// <summary>A 26-character base32 id, unique per <paramref name="n"/>, like the API's <c>uuid</c>s.</summary>
    public static string UuidFor(int n)
    {
        var chars = new char[26];
        var value = (long)n;
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = i < 14 ? "TESTONEPASSWRD"[i] : Base32[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>A fixture item with a unique <c>uuid</c> and the given time.</summary>
    public static string ItemFrom(string fixtureJson, int n, DateTimeOffset at)
    {
        var node = JsonNode.Parse(fixtureJson)!.AsObject();
        node["uuid"] = UuidFor(n);
        node["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    /// <summary>The position a cursor from this server stands for: how many items come before the next page.</summary>
    public static int PositionOf(string cursor) =>
        int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':')[0], CultureInfo.InvariantCulture);

    public void Add(IEnumerable<string> items)
    {
        lock (_lock)
        {
            foreach (var json in items)
            {
                _items.Add((json, TimeOf(json)));
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>, in the v1 or the v2 error shape.</summary>
    public void FailNext(int status, int count = 1, bool v1Shape = false, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue((status, v1Shape, retryAfter));
            }
        }
    }

    public string CursorAt(int position, int limit = 1000, DateTimeOffset? start = null) =>
        Cursor(position, limit, start ?? DateTimeOffset.MinValue);

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
        Interlocked.Increment(ref _requests);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        RequestBodies.Enqueue(body);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        (int Status, bool V1Shape, TimeSpan? RetryAfter)? failure = null;
        lock (_lock)
        {
            if (_failures.Count > 0)
            {
                failure = _failures.Dequeue();
            }
        }

        if (failure is { } f)
        {
            if (f.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, f.Status, f.V1Shape, f.Status switch
            {
                429 => "Too many requests",
                401 => "Unauthorized: invalid token",
                _ => "Internal error",
            });
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await ErrorAsync(context, 401, false, "Unauthorized");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await ErrorAsync(context, 400, false, "Content-Type must be application/json");
            return;
        }

        int position;
        int limit;
        DateTimeOffset start;
        using (var request = JsonDocument.Parse(body))
        {
            var root = request.RootElement;
            if (root.TryGetProperty("cursor", out var cursor))
            {
                if (root.EnumerateObject().Count() != 1)
                {
                    await ErrorAsync(context, 400, false, "a cursor request takes nothing else");
                    return;
                }

                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.GetString()!)).Split(':');
                position = int.Parse(parts[0], CultureInfo.InvariantCulture);
                limit = int.Parse(parts[1], CultureInfo.InvariantCulture);
                start = new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero);
            }
            else
            {
                position = 0;
                limit = root.TryGetProperty("limit", out var l) ? l.GetInt32() : 100;
                start = root.TryGetProperty("start_time", out var s) ? DateTimeOffset.Parse(s.GetString()!, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
                if (limit is < 1 or > 1000)
                {
                    await ErrorAsync(context, 400, false, "limit must be 1..1000");
                    return;
                }
            }
        }

        List<string> page;
        int next;
        bool hasMore;
        lock (_lock)
        {
            var size = EmptyPagesAhead > 0 ? 0 : Math.Min(limit, MaxPageSize);
            var slice = _items.Skip(position).Take(size).ToList();
            next = position + slice.Count;
            hasMore = next < _items.Count || EmptyPagesAhead > 0;
            EmptyPagesAhead = Math.Max(0, EmptyPagesAhead - 1);
            page = slice.Where(i => i.At is not { } at || at >= start).Select(i => i.Json).ToList();
        }

        var json = new StringBuilder();
        json.Append("{\"cursor\":\"").Append(Cursor(next, limit, start)).Append("\",\"has_more\":").Append(hasMore ? "true" : "false").Append(",\"items\":[");
        json.AppendJoin(',', page).Append("]}");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToString(), context.RequestAborted);
    }

    private string Cursor(int position, int limit, DateTimeOffset start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{position}:{limit}:{start.UtcTicks}:{Interlocked.Increment(ref _serial)}")));

    private static async Task ErrorAsync(HttpContext context, int status, bool v1Shape, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = v1Shape
            ? new JsonObject { ["Error"] = new JsonObject { ["Message"] = message } }
            : new JsonObject { ["status"] = status, ["message"] = message };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static DateTimeOffset? TimeOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Hang = false;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
