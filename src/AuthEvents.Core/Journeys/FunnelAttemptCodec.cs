using System.Buffers.Binary;
using AuthEvents.Core.Events;

namespace AuthEvents.Core.Journeys;

/// <summary>
/// An attempt's progress and step times as one compact blob, so that a funnel over a range reads two columns per
/// attempt (person and blob) and can pick each person's counted attempt before decoding anything else.
/// </summary>
/// <remarks>
/// Layout, little-endian: version (1 byte), main step count N, branch step count M, branch index (signed), source,
/// implied mask (int32), unmeasured mask (int32), start, completed, deadline and last event ticks (int64 each), then N
/// main step ticks and M branch step ticks (int64, 0 = not reached). Breakdown values and failures are not in it.
/// </remarks>
public static class FunnelAttemptCodec
{
    private const byte Version = 1;
    private const int Header = 45;

    /// <summary>Encodes the progress and times of <paramref name="attempt"/>.</summary>
    public static byte[] Encode(FunnelAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var steps = attempt.StepTicks.Count;
        var branchSteps = attempt.BranchTicks.Count;
        var bytes = new byte[Header + ((steps + branchSteps) * 8)];
        var span = bytes.AsSpan();
        span[0] = Version;
        span[1] = checked((byte)steps);
        span[2] = checked((byte)branchSteps);
        span[3] = unchecked((byte)checked((sbyte)attempt.Branch));
        span[4] = checked((byte)attempt.Source);
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], attempt.ImpliedMask);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], attempt.UnmeasuredMask);
        BinaryPrimitives.WriteInt64LittleEndian(span[13..], attempt.StartTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[21..], attempt.CompletedTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[29..], attempt.DeadlineTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[37..], attempt.LastEventTicks);
        for (var i = 0; i < steps; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[(Header + (i * 8))..], attempt.StepTicks[i]);
        }

        for (var i = 0; i < branchSteps; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[(Header + ((steps + i) * 8))..], attempt.BranchTicks[i]);
        }

        return bytes;
    }

    /// <summary>Decodes an attempt; breakdown values and failures are left empty for the caller to fill.</summary>
    /// <exception cref="FormatException">The blob is not an encoded attempt.</exception>
    public static FunnelAttempt Decode(ReadOnlySpan<byte> bytes)
    {
        Check(bytes);
        var steps = bytes[1];
        var branchSteps = bytes[2];
        var stepTicks = new long[steps];
        for (var i = 0; i < steps; i++)
        {
            stepTicks[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(Header + (i * 8))..]);
        }

        var branchTicks = new long[branchSteps];
        for (var i = 0; i < branchSteps; i++)
        {
            branchTicks[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(Header + ((steps + i) * 8))..]);
        }

        return new FunnelAttempt
        {
            Branch = unchecked((sbyte)bytes[3]),
            Source = (EventSource)bytes[4],
            ImpliedMask = BinaryPrimitives.ReadInt32LittleEndian(bytes[5..]),
            UnmeasuredMask = BinaryPrimitives.ReadInt32LittleEndian(bytes[9..]),
            StartTicks = StartTicks(bytes),
            CompletedTicks = BinaryPrimitives.ReadInt64LittleEndian(bytes[21..]),
            DeadlineTicks = BinaryPrimitives.ReadInt64LittleEndian(bytes[29..]),
            LastEventTicks = BinaryPrimitives.ReadInt64LittleEndian(bytes[37..]),
            StepTicks = stepTicks,
            BranchTicks = branchTicks,
        };
    }

    /// <summary>The attempt's start (UTC ticks), without decoding the rest.</summary>
    public static long StartTicks(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64LittleEndian(bytes[13..]);

    /// <summary>
    /// The <see cref="FunnelProgress.Rank"/> of the encoded attempt with steps counted within <paramref name="windowTicks"/>
    /// of its start, without decoding it: the same value as <c>FunnelProgress.Of(Decode(bytes), …).Rank</c>.
    /// </summary>
    public static int Rank(ReadOnlySpan<byte> bytes, long? windowTicks)
    {
        Check(bytes);
        var limit = FunnelProgress.Limit(StartTicks(bytes), windowTicks);
        var steps = bytes[1];
        var branchSteps = bytes[2];
        var main = 0;
        while (main < steps && BinaryPrimitives.ReadInt64LittleEndian(bytes[(Header + (main * 8))..]) is var t and not 0 && t <= limit)
        {
            main++;
        }

        var branchReached = 0;
        if (unchecked((sbyte)bytes[3]) >= 0 && (main == steps || BinaryPrimitives.ReadInt64LittleEndian(bytes[(Header + (main * 8))..]) == 0))
        {
            while (branchReached < branchSteps && BinaryPrimitives.ReadInt64LittleEndian(bytes[(Header + ((steps + branchReached) * 8))..]) is var t and not 0 && t <= limit)
            {
                branchReached++;
            }
        }

        var completed = BinaryPrimitives.ReadInt64LittleEndian(bytes[21..]) is var c and not 0 && c <= limit;
        return FunnelProgress.RankOf(main, branchReached, completed);
    }

    private static void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Header || bytes[0] != Version || bytes.Length != Header + ((bytes[1] + bytes[2]) * 8))
        {
            throw new FormatException("Not an encoded funnel attempt.");
        }
    }
}
