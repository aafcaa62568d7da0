using System.Text;
using System.Text.Json;

namespace AuthEvents.Web.Endpoints;

/// <summary>Rows streamed to a response as CSV (a header line, RFC 4180 quoting, formulas defused) or NDJSON, one per line.</summary>
public static class StreamedTable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public static async Task WriteCsvAsync<T>(Stream body, IReadOnlyList<string> columns, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fields);
        var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', columns)).ConfigureAwait(false);
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteLineAsync(string.Join(',', fields(row).Select(ExportEndpoint.Csv))).ConfigureAwait(false);
            }
        }
    }

    public static async Task WriteNdjsonAsync<T>(Stream body, IAsyncEnumerable<T> rows, Func<T, object> line, JsonSerializerOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(line);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var value = line(row);
            await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options), cancellationToken).ConfigureAwait(false);
            await body.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
        }
    }
}
