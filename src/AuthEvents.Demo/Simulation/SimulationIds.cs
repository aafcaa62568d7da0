using System.Buffers.Binary;

namespace AuthEvents.Demo.Simulation;

/// <summary>
/// Identifier formats of the four providers, all drawn from the generator's seeded <see cref="Random"/> so a
/// seed reproduces every id.
/// </summary>
internal static class SimulationIds
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>RFC 4122 version 4, lower-case: Login.gov <c>jti</c> and <c>user_uuid</c>, FusionAuth ids.</summary>
    public static string UuidV4(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return FormatUuid(bytes);
    }

    /// <summary>RFC 9562 version 7 (Entrust delivery ids): the first 48 bits are the Unix time in milliseconds.</summary>
    public static string UuidV7(Random random, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, at.ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return FormatUuid(bytes);
    }

    /// <summary>1Password's 26-character base32 identifiers (128 random bits, RFC 4648 alphabet, no padding).</summary>
    public static string Base32Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        Span<char> chars = stackalloc char[26];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var value in bytes)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Base32Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        chars[index] = Base32Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars);
    }

    /// <summary>FusionAuth two-factor method ids look like <c>2P24</c>.</summary>
    public static string ShortBase32(Random random, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Base32Alphabet[random.Next(32)];
        }

        return new string(chars);
    }

    public static string Hex(Random random, int byteCount)
    {
        var bytes = new byte[byteCount];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static string Base64(Random random, int byteCount)
    {
        var bytes = new byte[byteCount];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    public static string Digits(Random random, int count)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static string FormatUuid(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
