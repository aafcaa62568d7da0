using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Core.LoginGov;
using AuthEvents.Demo.Hosting;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// The simulator's Login.gov Attempts API (docs/protocols/login-gov.md, "Polling and acknowledgement"), as the importer meets it: <c>POST /api/attempts/poll</c> with
/// <c>Authorization: Bearer &lt;issuer&gt; &lt;token&gt;</c> and <c>{"maxEvents":N,"ack":[…]}</c> first deletes the acked jtis,
/// then returns up to N unacked SETs as <c>{"sets":{"&lt;jti&gt;":"&lt;JWE&gt;"}}</c>, oldest first. Each SET is signed
/// ES256 and encrypted to the demo service provider's key (RSA-OAEP, A256GCM, DEFLATE) when first served, and served
/// byte for byte the same until acked; unacked SETs expire an hour after they were published, as Login.gov's do.
/// </summary>
public sealed class DemoLoginGovProvider
{
    /// <summary>How long an unacked SET is kept (Login.gov's default <c>attempts_api_event_ttl_seconds</c>).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byJti = new(StringComparer.Ordinal);
    private readonly byte[] _expectedAuthorization;
    private readonly SetEncryptor _encryptor;
    private readonly Es256JwsSigner _signer;
    private readonly TimeProvider _time;
    private long _unkeyed;
    private long _acked;
    private long _polls;

    public DemoLoginGovProvider(DemoCredentials credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _expectedAuthorization = Encoding.UTF8.GetBytes($"Bearer {DemoCredentials.LoginGovIssuer} {credentials.LoginGovToken}");
        _encryptor = new SetEncryptor(credentials.LoginGovEncryptionKey);
        _signer = new Es256JwsSigner(credentials.LoginGovSigningKey);
        SigningJwks = _signer.ExportJwks();
        _time = time;
    }

    /// <summary>The JWKS served at <c>/api/attempts-certs</c>.</summary>
    public string SigningJwks { get; }

    /// <summary>SETs published and not acked yet.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Acks received for SETs that were pending.</summary>
    public long Acknowledged => Interlocked.Read(ref _acked);

    /// <summary>Polls answered with 200.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>
    /// Makes one SET (its JSON, as the simulator wrote it) available to the next polls, keyed by its <c>jti</c>. A SET
    /// the simulator damaged so that it has no readable <c>jti</c> gets a key of its own; the importer quarantines it.
    /// </summary>
    public void Publish(string setJson)
    {
        ArgumentNullException.ThrowIfNull(setJson);
        lock (_lock)
        {
            var jti = ReadJti(setJson) ?? "unkeyed-" + (++_unkeyed).ToString(CultureInfo.InvariantCulture);
            if (_byJti.ContainsKey(jti))
            {
                return;
            }

            _byJti[jti] = _order.AddLast(new Entry(jti, setJson, _time.GetUtcNow()));
        }
    }

    /// <summary>Answers one poll: 401 for a wrong bearer header, 400 for a malformed body or maxEvents outside 1..1000.</summary>
    public DemoHttpAnswer Poll(string? authorization, string body)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization ?? ""), _expectedAuthorization))
        {
            return Error(401, "Unauthorized");
        }

        if (!TryReadRequest(body, out var maxEvents, out var acks))
        {
            return Error(400, "malformed poll body");
        }

        if (maxEvents is < 1 or > 1000)
        {
            return Error(400, "maxEvents must be between 1 and 1000");
        }

        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var jti in acks)
            {
                if (_byJti.Remove(jti, out var node))
                {
                    _order.Remove(node);
                    Interlocked.Increment(ref _acked);
                }
            }

            var expired = _time.GetUtcNow() - Retention;
            while (_order.First is { } first && first.Value.PublishedAt < expired)
            {
                _byJti.Remove(first.Value.Jti);
                _order.RemoveFirst();
            }

            for (var node = _order.First; node is not null && sets.Count < maxEvents; node = node.Next)
            {
                // Encrypted once, when first served: a redelivery is the same JWE, as Login.gov stores it.
                node.Value.Jwe ??= _encryptor.Encrypt(_signer.Sign(node.Value.SetJson));
                sets[node.Value.Jti] = node.Value.Jwe;
            }
        }

        Interlocked.Increment(ref _polls);
        return new DemoHttpAnswer(200, JsonSerializer.Serialize(new { sets }));
    }

    private static bool TryReadRequest(string body, out int maxEvents, out List<string> acks)
    {
        maxEvents = 1000;
        acks = [];
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("maxEvents", out var max) && !max.TryGetInt32(out maxEvents))
            {
                return false;
            }

            // "ack" since 2025-08-27, "acks" before: both are read, as a deployment of either age would.
            foreach (var name in (string[])["ack", "acks"])
            {
                if (root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    acks.AddRange(list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ReadJti(string setJson)
    {
        try
        {
            using var document = JsonDocument.Parse(setJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("jti", out var jti) && jti.ValueKind == JsonValueKind.String
                && jti.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DemoHttpAnswer Error(int status, string error) => new(status, JsonSerializer.Serialize(new { error }));

    private sealed class Entry(string jti, string setJson, DateTimeOffset publishedAt)
    {
        public string Jti { get; } = jti;

        public string SetJson { get; } = setJson;

        public DateTimeOffset PublishedAt { get; } = publishedAt;

        public string? Jwe { get; set; }
    }
}
