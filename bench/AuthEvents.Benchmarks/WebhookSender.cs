using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AuthEvents.Core.Webhooks;
using AuthEvents.Demo.Entrust;

namespace AuthEvents.Benchmarks;

/// <summary>
/// Signed webhooks sent on a schedule: Entrust authentication webhooks as Entrust sends them (RFC 9421 HMAC over method,
/// target URI and digest), or whatever requests the caller's builder makes from an address and a sequence number (-1 for
/// a single marker).
/// </summary>
internal sealed class WebhookSender(HttpClient http, Func<string, int, HttpRequestMessage> request)
{
    private static readonly string[] Types = ["authentication.succeeded", "authentication.succeeded", "authentication.failed"];
    private long _acknowledged;

    public WebhookSender(HttpClient http, EntrustSignatureSigner signer, Uri callback)
        : this(http, (ip, i) => EntrustRequest(signer, callback, ip, i < 0 ? "authentication.failed" : Types[i % Types.Length]))
    {
    }

    /// <summary>Webhooks answered 2xx so far (each is durably stored in the inbox by then).</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Sends one event from this address; returns when its 2xx arrived.</summary>
    public async Task<DateTimeOffset> SendAsync(string ip, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request(ip, -1), cancellationToken);
        var at = DateTimeOffset.UtcNow;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The webhook was answered {(int)response.StatusCode}.");
        }

        Interlocked.Increment(ref _acknowledged);
        return at;
    }

    /// <summary>Sends <paramref name="rate"/> events a second on a fixed schedule for <paramref name="duration"/>, from many connections.</summary>
    public async Task<LoadResult> SustainAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var next = -1;
        var failed = 0;
        var acks = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 64).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < total)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }

                var ip = string.Create(CultureInfo.InvariantCulture, $"100.65.{i / 250 % 250}.{1 + (i % 250)}");
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request(ip, i), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _acknowledged);
                        acks.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        return new LoadResult(total, failed, clock.Elapsed, [.. acks]);
    }

    private static HttpRequestMessage EntrustRequest(EntrustSignatureSigner signer, Uri callback, string ip, string type)
    {
        var now = DateTimeOffset.UtcNow;
        var body = $$$"""{"id":"{{{Guid.NewGuid()}}}","type":"{{{type}}}","accountId":"c8485a88-4fd0-4248-8dcd-fb4ac0749fb7","eventTime":"{{{now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}}}","data":{"subject":"bench-{{{ip}}}","subjectType":"USER","resourceName":"User Portal","sourceIp":"{{{ip}}}","token":"PASSWORD"}}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var message = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(bytes) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in signer.Sign(callback.AbsoluteUri, bytes, now))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}

/// <summary>What a sustained load did: events scheduled, answered other than 2xx, how long, and each 2xx's latency.</summary>
internal sealed record LoadResult(int Sent, int Failed, TimeSpan Elapsed, IReadOnlyList<double> AckMs);
