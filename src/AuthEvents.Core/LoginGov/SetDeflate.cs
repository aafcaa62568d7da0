using System.IO.Compression;
using Jose;

namespace AuthEvents.Core.LoginGov;

/// <summary>
/// <c>zip:"DEF"</c> for jose-jwt: jose-jwt's capped raw-DEFLATE inflater, tried first without a zlib header when the
/// payload has one, because Login.gov's Ruby <c>jwe</c> gem inflates zlib first and falls back to raw (docs/protocols/jose.md).
/// Compresses raw DEFLATE, or zlib-wrapped for tests of that fallback.
/// </summary>
internal sealed class SetDeflate(long maxBytes, bool zlibOnCompress = false) : ICompression
{
    private readonly DeflateCompression _deflate = new(maxBytes);

    public byte[] Compress(byte[] plainText)
    {
        if (!zlibOnCompress)
        {
            return _deflate.Compress(plainText);
        }

        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plainText);
        }

        return output.ToArray();
    }

    public byte[] Decompress(byte[] compressedText)
    {
        if (HasZlibHeader(compressedText))
        {
            try
            {
                // The Adler-32 trailer is left unread: AES-GCM has already authenticated every byte.
                return _deflate.Decompress(compressedText[2..]);
            }
            catch (InvalidDataException)
            {
                // Raw DEFLATE whose first two bytes happen to look like a zlib header.
            }
        }

        return _deflate.Decompress(compressedText);
    }

    // RFC 1950 §2.2: method 8 (deflate) with a window of at most 32 KiB, no preset dictionary, header check bits.
    private static bool HasZlibHeader(byte[] data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && data[0] >> 4 <= 7 && (data[1] & 0x20) == 0 && ((data[0] << 8) | data[1]) % 31 == 0;
}
