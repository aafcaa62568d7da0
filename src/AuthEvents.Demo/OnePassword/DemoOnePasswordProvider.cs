using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Demo.Hosting;

namespace AuthEvents.Demo.OnePassword;

/// <summary>
/// The simulator's 1Password Events API, sign-in attempts (docs/protocols/one-password.md, "Cursor paging"): <c>POST /api/v2/signinattempts</c> with a
/// bearer token and either a ResetCursor (<c>limit</c>, <c>start_time</c>) or a lone <c>cursor</c>; answers
/// <c>{"cursor","has_more","items"}</c> in publication order. A cursor names the position after its page, so a page asked
/// for again with the same cursor is served again. Items before the position a request asks for are forgotten: the
/// importer sends a cursor only after it has stored what precedes it.
/// </summary>
/// <remarks>
/// The simulator lives only as long as the process, while the importer's cursor is kept in the database: a cursor from
/// an earlier run therefore starts at this run's first item (a real account would answer 400 to a foreign cursor, and
/// the demo must not stall on its own restart). An item the simulator damaged so that it is not JSON cannot travel
/// inside a JSON page; it is sent as a JSON string, which the importer stores and quarantines as not an object.
/// </remarks>
public sealed class DemoOnePasswordProvider
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private readonly Lock _lock = new();
    private readonly List<(string Json, DateTimeOffset At)> _items = [];
    private readonly byte[] _expectedAuthorization;
    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly TimeProvider _time;
    private long _firstPosition;
    private long _pages;

    public DemoOnePasswordProvider(DemoCredentials credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + credentials.OnePasswordToken);
        _time = time;
    }

    /// <summary>Items published and not yet forgotten.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Pages answered with 200.</summary>
    public long Pages => Interlocked.Read(ref _pages);

    /// <summary>Appends one sign-in attempt (its JSON, as the simulator wrote it) that happened at <paramref name="occurredAt"/>.</summary>
    public void Publish(string itemJson, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(itemJson);
        var json = IsJson(itemJson) ? itemJson : JsonSerializer.Serialize(itemJson);
        lock (_lock)
        {
            _items.Add((json, occurredAt));
        }
    }

    /// <summary>Answers one request: 401 for a wrong token, 400 for a body the API would refuse.</summary>
    public DemoHttpAnswer SignInAttempts(string? authorization, string? contentType, string body)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization ?? ""), _expectedAuthorization))
        {
            return Error(401, "Unauthorized: invalid token");
        }

        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Error(400, "Content-Type must be application/json");
        }

        if (!TryReadRequest(body, out var cursor, out var limit, out var startTime, out var error))
        {
            return Error(400, error);
        }

        var page = new StringBuilder();
        lock (_lock)
        {
            long position;
            if (cursor is null)
            {
                var index = _items.FindIndex(i => i.At >= startTime);
                position = _firstPosition + (index < 0 ? _items.Count : index);
            }
            else
            {
                (position, limit) = ReadCursor(cursor);
                Forget(position);
            }

            var from = (int)(position - _firstPosition);
            var count = Math.Clamp(_items.Count - from, 0, limit);
            var next = position + count;
            page.Append("{\"cursor\":\"").Append(Cursor(next, limit))
                .Append("\",\"has_more\":").Append(from + count < _items.Count ? "true" : "false")
                .Append(",\"items\":[").AppendJoin(',', _items.Skip(from).Take(count).Select(i => i.Json)).Append("]}");
        }

        Interlocked.Increment(ref _pages);
        return new DemoHttpAnswer(200, page.ToString());
    }

    private bool TryReadRequest(string body, out string? cursor, out int limit, out DateTimeOffset startTime, out string error)
    {
        cursor = null;
        limit = DefaultLimit;
        startTime = _time.GetUtcNow().AddHours(-1);
        error = "";
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body must be a JSON object";
                return false;
            }

            if (root.TryGetProperty("cursor", out var c))
            {
                if (c.ValueKind != JsonValueKind.String || root.EnumerateObject().Count() != 1)
                {
                    error = "a cursor request carries the cursor string and nothing else";
                    return false;
                }

                cursor = c.GetString();
                return true;
            }

            if (root.TryGetProperty("limit", out var l) && (!l.TryGetInt32(out limit) || limit is < 1 or > MaxLimit))
            {
                error = "limit must be between 1 and 1000";
                return false;
            }

            if (root.TryGetProperty("start_time", out var s)
                && (s.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out startTime)))
            {
                error = "start_time must be an RFC 3339 time";
                return false;
            }

            return true;
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return false;
        }
    }

    // Called holding _lock. Position first, zero-padded, so that the start of a cursor shows it moving.
    private string Cursor(long position, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{position:D10}-{limit}-{_run}");

    // Called holding _lock.
    private (long Position, int Limit) ReadCursor(string cursor)
    {
        var parts = cursor.Split('-');
        return parts.Length == 3 && parts[2] == _run
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && position >= _firstPosition && position <= _firstPosition + _items.Count && limit is >= 1 and <= MaxLimit
            ? (position, limit)
            : (_firstPosition, MaxLimit);
    }

    // Called holding _lock.
    private void Forget(long position)
    {
        var count = (int)Math.Min(position - _firstPosition, _items.Count);
        if (count > 0)
        {
            _items.RemoveRange(0, count);
            _firstPosition += count;
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DemoHttpAnswer Error(int status, string message) => new(status, JsonSerializer.Serialize(new { status, message }));
}
