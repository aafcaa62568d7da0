using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace AuthEvents.Ingest.Sources.OnePassword;

/// <summary>
/// The 1Password Events API's sign-in attempts endpoint (<c>POST /api/v2/signinattempts</c>). The first call sends a
/// ResetCursor (limit and start time), every later call only the cursor. Items come back as raw JSON text, untouched.
/// </summary>
public sealed class OnePasswordClient
{
    /// <summary>The named <see cref="HttpClient"/> this client asks the factory for, once per request.</summary>
    public const string HttpClientName = "OnePasswordEvents";
    public const int PageLimit = 1000;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(120);
    private const int MaxReasonLength = 200;
    private static readonly Uri DefaultBaseUrl = new("https://events.1password.com");

    private readonly IHttpClientFactory _httpClients;
    private readonly OnePasswordSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;

    public OnePasswordClient(IHttpClientFactory httpClients, IOptions<OnePasswordSourceOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _endpoint = new Uri(ResolveBaseUrl(_options), "api/v2/signinattempts");
    }

    /// <summary>The configured base URL, else <c>https://</c> + the token's <c>aud[0]</c>, else the US host. Always ends with a slash.</summary>
    public static Uri ResolveBaseUrl(OnePasswordSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl ?? AudienceHost(options.Token) ?? DefaultBaseUrl;
        var text = baseUrl.AbsoluteUri;
        return text.EndsWith('/') ? baseUrl : new Uri(text + "/");
    }

    /// <summary>The first call's start time: the configured one (default an hour ago), never more than 120 days back.</summary>
    public static DateTimeOffset StartTimeFor(OnePasswordSourceOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = options.StartTime ?? now.AddHours(-1);
        var oldest = now - Retention;
        return start < oldest ? oldest : start;
    }

    /// <summary>Fetches the page after <paramref name="cursor"/>, or the first page (ResetCursor) when it is null.</summary>
    public async Task<OnePasswordPage> FetchAsync(string? cursor, CancellationToken cancellationToken)
    {
        var body = cursor is null
            ? new JsonObject
            {
                ["limit"] = PageLimit,
                ["start_time"] = StartTimeFor(_options, _time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }
            : new JsonObject { ["cursor"] = cursor };

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            // A client per request, so that the factory's handler rotation (and DNS changes) reach this long-lived importer.
            var http = _httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, text);
            }

            return ParsePage(text);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The pipeline's per-attempt timeout (after its retries), or HttpClient's own: the server did not answer in time.
            throw new OnePasswordApiException(OnePasswordFailureKind.Timeout, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OnePasswordApiException(OnePasswordFailureKind.Network, $"connection failed ({ex.HttpRequestError})", innerException: ex);
        }
    }

    private static OnePasswordPage ParsePage(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("cursor", out var cursor) || cursor.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(cursor.GetString()))
            {
                throw new OnePasswordApiException(OnePasswordFailureKind.Protocol, "response has no cursor");
            }

            var hasMore = root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;
            var items = new List<string>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                // Each item stays as the server sent it; a malformed one is the normalizer's to quarantine.
                items.AddRange(array.EnumerateArray().Select(item => item.GetRawText()));
            }
            else if (root.TryGetProperty("items", out array) && array.ValueKind != JsonValueKind.Null)
            {
                throw new OnePasswordApiException(OnePasswordFailureKind.Protocol, "response items is not an array");
            }

            return new OnePasswordPage(cursor.GetString()!, hasMore, items);
        }
        catch (JsonException ex)
        {
            throw new OnePasswordApiException(OnePasswordFailureKind.Protocol, "response is not JSON", innerException: ex);
        }
    }

    private static OnePasswordApiException Failure(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var reason = ErrorMessage(body);
        var suffix = reason is null ? "" : ": " + reason;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new OnePasswordApiException(OnePasswordFailureKind.Unauthorized,
                $"HTTP 401: the token was refused or lacks the signinattempts feature{suffix}"),
            HttpStatusCode.BadRequest => new OnePasswordApiException(OnePasswordFailureKind.BadRequest, $"HTTP 400: the request was refused{suffix}"),
            HttpStatusCode.TooManyRequests => new OnePasswordApiException(OnePasswordFailureKind.RateLimited, $"HTTP 429: rate limited{suffix}"),
            _ when status >= 500 => new OnePasswordApiException(OnePasswordFailureKind.ServerError, $"HTTP {status}{suffix}"),
            _ => new OnePasswordApiException(OnePasswordFailureKind.Protocol, $"HTTP {status}{suffix}"),
        };
    }

    /// <summary>The server's reason from either documented error shape: <c>{"status","message"}</c> or <c>{"Error":{"Message"}}</c>.</summary>
    public static string? ErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? message = null;
            if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString();
            }
            else if (root.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("Message", out var em) && em.ValueKind == JsonValueKind.String)
            {
                message = em.GetString();
            }

            return message is null ? null : Shorten(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string message)
    {
        var oneLine = message.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxReasonLength ? oneLine : oneLine[..MaxReasonLength] + "…";
    }

    /// <summary>
    /// How long to wait after a 429 without <c>Retry-After</c> (the API documents none): its per-minute window resets on
    /// the minute.
    /// </summary>
    public static TimeSpan UntilNextMinute(DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset);
        return minute.AddMinutes(1) - now;
    }

    private static Uri? AudienceHost(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            // Only reads the claim; the token is the server's to verify.
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            if (!document.RootElement.TryGetProperty("aud", out var aud))
            {
                return null;
            }

            var host = aud.ValueKind switch
            {
                JsonValueKind.Array when aud.GetArrayLength() > 0 && aud[0].ValueKind == JsonValueKind.String => aud[0].GetString(),
                JsonValueKind.String => aud.GetString(),
                _ => null,
            };
            return !string.IsNullOrWhiteSpace(host) && Uri.TryCreate("https://" + host, UriKind.Absolute, out var uri)
                && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0
                ? uri
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
