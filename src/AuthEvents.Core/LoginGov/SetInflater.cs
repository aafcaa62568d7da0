using System.IO.Compression;

namespace AuthEvents.Core.LoginGov;

/// <summary>Inflates <c>zip:"DEF"</c> JWE payloads with a size cap, trying zlib (RFC 1950) and then raw DEFLATE (RFC 1951).</summary>
internal static class SetInflater
{
    internal enum Status
    {
        Inflated,
        TooLarge,
        Invalid,
    }

    /// <summary>
    /// The Ruby <c>jwe</c> gem compresses with raw DEFLATE but inflates with zlib first and falls back to raw; the same
    /// order here accepts whatever that gem, or a sender that wraps in zlib, produces.
    /// </summary>
    internal static Status Inflate(byte[] compressed, int maxBytes, out byte[] inflated)
    {
        var status = Inflate(compressed, maxBytes, zlib: true, out inflated);
        return status == Status.Invalid ? Inflate(compressed, maxBytes, zlib: false, out inflated) : status;
    }

    private static Status Inflate(byte[] compressed, int maxBytes, bool zlib, out byte[] inflated)
    {
        inflated = [];
        using var input = new MemoryStream(compressed, writable: false);
        using Stream decompressor = zlib
            ? new ZLibStream(input, CompressionMode.Decompress)
            : new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = decompressor.Read(chunk, 0, chunk.Length)) > 0)
            {
                // Checked while streaming, so a decompression bomb stops at the cap instead of filling memory.
                if (output.Length + read > maxBytes)
                {
                    return Status.TooLarge;
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            return Status.Invalid;
        }

        inflated = output.ToArray();
        return Status.Inflated;
    }
}
