using System.Buffers.Binary;

namespace AuthEvents.Store.Journeys;

/// <summary>Step times of an attempt as a compact blob: 8 bytes per step, little-endian UTC ticks, 0 for not reached.</summary>
internal static class JourneyAttemptCodec
{
    public static byte[] Encode(IReadOnlyList<long> ticks)
    {
        var bytes = new byte[ticks.Count * 8];
        for (var i = 0; i < ticks.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), ticks[i]);
        }

        return bytes;
    }

    public static long[] Decode(byte[] bytes)
    {
        var ticks = new long[bytes.Length / 8];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        return ticks;
    }
}
