using System.Text;

namespace AuthEvents.Web.Endpoints;

/// <summary>Reading a webhook request as signatures need it: the exact raw bytes (bounded) and every header line.</summary>
public static class WebhookRequest
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
    /// The start every receiver shares: 404 when the source is not enabled, 413 when the body is over the limit,
    /// otherwise the raw body. Exactly one of the two results is non-null.
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReceiveAsync(
        HttpRequest request, bool enabled, string sourceSection, long maxBytes, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return (null, Problem(StatusCodes.Status404NotFound, $"{sourceSection} webhooks are not enabled (Sources:{sourceSection}:Enabled)."));
        }

        var body = await ReadBodyAsync(request, maxBytes, cancellationToken);
        return body is null
            ? (null, Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBytes} bytes."))
            : (body, null);
    }

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
