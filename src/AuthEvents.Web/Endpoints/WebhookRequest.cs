using System.Text;

namespace AuthEvents.Web.Endpoints;

/// <summary>Reading a webhook request as signatures need it: the exact raw bytes (bounded) and every header line.</summary>
public static partial class WebhookRequest
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The raw body, or null when it is larger than <paramref name="maxBytes"/> (checked before and while reading).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The start every receiver shares: 404 when the source is not enabled; 401 when a check that needs no body fails
    /// (<paramref name="refuseBeforeBody"/>: missing signature or credential headers), before a byte of the body is read;
    /// 413 when the body is over the limit; 408 (or Kestrel's 400) when it does not arrive, too slowly or cut short;
    /// otherwise the raw body. Exactly one of the two results is non-null.
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReceiveAsync(
        HttpRequest request, bool enabled, string sourceSection, long maxBytes, Func<IReadOnlyList<KeyValuePair<string, string>>, string?> refuseBeforeBody,
        ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refuseBeforeBody);
        if (!enabled)
        {
            return (null, Problem(StatusCodes.Status404NotFound, $"{sourceSection} webhooks are not enabled (Sources:{sourceSection}:Enabled)."));
        }

        if (refuseBeforeBody(Headers(request)) is { } reason)
        {
            LogRefusedBeforeBody(logger, sourceSection, reason);
            return (null, Problem(StatusCodes.Status401Unauthorized, reason));
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's minimum data rate (408) or a body cut short (400): the sender's fault, answered and logged as such,
            // never as a server error with a stack trace.
            LogBodyNotReceived(logger, sourceSection, ex.StatusCode, ex.Message);
            return (null, Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status408RequestTimeout
                ? "The body arrived too slowly."
                : "The body did not arrive whole."));
        }

        return body is null
            ? (null, Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBytes} bytes."))
            : (body, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} webhook refused before its body was read: {Reason}")]
    private static partial void LogRefusedBeforeBody(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} webhook body not received ({Status}): {Reason}")]
    private static partial void LogBodyNotReceived(ILogger logger, string source, int status, string reason);

    /// <summary>Each header line as its own pair (repeated headers stay separate, as the signature checks expect).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
    }

    /// <summary>The body as text when it is valid UTF-8.</summary>
    public static bool TryDecodeUtf8(byte[] body, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
